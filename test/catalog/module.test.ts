import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { writeStoreItems } from '../../dev-tools/catalog-generator'
import type { EventName } from '../../shared/contract'
import type { CatalogOverview, ImportOutcome, ImportProgressEvent } from '../../shared/contract/catalog/schemas'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { idle, status, value } from './contract'

const tempDir = useTempDir('catalog-module-')
const quiet = () => undefined

/** A core with a manager signed in. */
async function openCore(dataDir = tempDir()): Promise<{ core: Core; dataDir: string }> {
  const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: quiet })
  await signIn(core, 'manager')
  return { core, dataDir }
}

function record(core: Core) {
  const seen: { event: EventName; payload: unknown }[] = []
  core.events.subscribe((event, payload) => seen.push({ event, payload }))
  const of = <T>(name: EventName) => seen.filter((s) => s.event === name).map((s) => s.payload as T)
  const ended = async (jobId: number): Promise<ImportOutcome> => {
    for (;;) {
      const hit = of<ImportOutcome>('catalogImportEnded').find((o) => o.job.id === jobId)
      if (hit) return hit
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  return { of, ended }
}

/** A fresh training install with the training catalog imported, a manager signed in. */
async function trainedCore() {
  const opened = await openCore()
  await idle(opened.core)
  return opened
}

const STORE_HEADER = 'barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code'

describe('catalog through the contract', () => {
  it('a fresh training install imports the training catalog in the background, and never again', async () => {
    const { core, dataDir } = await openCore()
    // createCore returned while the import was only starting: the start-up did not wait for it.
    const first = await status(core)
    expect(first.running?.job).toMatchObject({ by: 'system', lists: ['1301', '1306', 'store'] })
    const done = await idle(core)
    expect(done.last).toMatchObject({ outcome: 'done', error: null })
    expect(done.last?.summaries.map((s) => [s.catalog, s.items])).toEqual([
      ['national_1301', 233],
      ['national_1306', 65],
      ['store', 46],
    ])
    expect(done.trainingCatalog).toBe(true)
    expect(done.lists.store?.sourceName).toBe('demo:练习目录 商品')

    await signIn(core, 'cashier')
    const hits = value<{ hits: { storeCode: string; classLabel: string; rxFlag: boolean; kind: string }[] }>(
      await core.dispatch('searchCatalog', { query: 'xbdp' }),
    ).hits
    expect(hits[0]).toMatchObject({ storeCode: 'SP00001', classLabel: '甲', rxFlag: true, kind: 'drug' })
    const scan = value<{ items: { name: string; priceCap: string | null; selfpayProp: string }[] }>(
      await core.dispatch('lookupBarcode', { barcode: '6901000010034' }),
    )
    expect(scan.items).toEqual([expect.objectContaining({ name: '缬沙坦胶囊', priceCap: '25.00', selfpayProp: '0.10' })])
    const generation = done.lists.store?.generation
    await core.close()

    const again = await openCore(dataDir)
    const after = await status(again.core)
    expect(after.running).toBeNull()
    expect(after.lists.store?.generation).toBe(generation)
    await again.core.close()
  })

  it('answers searches and lookups, and an unknown code is a clear error', async () => {
    const { core } = await trainedCore()
    await signIn(core, 'receptionist')
    const byStoreCode = await core.dispatch('lookupStoreCode', { storeCode: 'sg00001' })
    expect(value(byStoreCode)).toMatchObject({ name: '去屑洗发水', kind: 'goods', insuredEligible: false, classLabel: null })
    const unknown = await core.dispatch('lookupBarcode', { barcode: '6900000000000' })
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'CATALOG_ITEM_NOT_FOUND', message: expect.stringMatching(/^条码 6900000000000 不在商品目录中/), params: { barcode: '6900000000000' } },
    })
    const noCode = await core.dispatch('lookupStoreCode', { storeCode: 'ZZ999' })
    expect(noCode).toMatchObject({ ok: false, error: { code: 'CATALOG_ITEM_NOT_FOUND' } })
    const byInitials = value<{ hits: { name: string; match: string }[] }>(await core.dispatch('searchCatalog', { query: 'lhqw', limit: 5 }))
    expect(byInitials.hits[0]).toMatchObject({ name: '连花清瘟胶囊', match: 'initials' })
    const byName = value<{ hits: { name: string }[] }>(await core.dispatch('searchCatalog', { query: '沙坦' }))
    expect(byName.hits.map((h) => h.name)).toEqual(expect.arrayContaining(['缬沙坦胶囊', '厄贝沙坦片']))
    await core.close()
  })

  it('refuses imports and cancels to everyone but a manager; searches to no one signed in', async () => {
    const { core, dataDir } = await trainedCore()
    const file = join(dataDir, 'items.csv')
    writeFileSync(file, `${STORE_HEADER}\n,X1,某商品,,,,1.00,1,goods,\n`)
    for (const role of ['cashier', 'receptionist'] as const) {
      await signIn(core, role)
      expect(await core.dispatch('importCatalog', { list: 'store', source: { kind: 'path', path: file } })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_ROLE' },
      })
      expect(await core.dispatch('cancelImport', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } })
      expect(await core.dispatch('searchCatalog', { query: 'x1' })).toMatchObject({ ok: true })
    }
    await core.dispatch('logout', {})
    expect(await core.dispatch('searchCatalog', { query: 'x1' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } })
    await signIn(core, 'manager')
    expect((await idle(core)).lists.store?.items).toBe(46)
    await core.close()
  })

  it('imports in a worker with progress events; the core keeps answering meanwhile', async () => {
    const { core, dataDir } = await trainedCore()
    const events = record(core)
    const file = join(dataDir, 'big.csv')
    writeStoreItems(file, { count: 30_000, seed: 7 })
    const job = value<{ id: number; by: string }>(await core.dispatch('importCatalog', { list: 'store', source: { kind: 'path', path: file } }))
    expect(job.by).toBe('demo-manager')
    // While it runs: a second import is refused, and searches answer from the live (training) list.
    expect(await core.dispatch('importCatalog', { list: '1301', source: { kind: 'path', path: file } })).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_BUSY', message: expect.stringContaining('一次只能导入一个目录') },
    })
    // A write on the core's connection, as a sale's would be: the worker must not starve it of the lock.
    core.db.exec('CREATE TABLE probe_write (at INTEGER NOT NULL) STRICT')
    const probe = core.db.prepare('INSERT INTO probe_write (at) VALUES (?)')
    const during: number[] = []
    const writes: number[] = []
    while (!events.of<ImportOutcome>('catalogImportEnded').some((o) => o.job.id === job.id)) {
      const t0 = performance.now()
      const found = value<{ hits: unknown[] }>(await core.dispatch('searchCatalog', { query: '阿莫西林' }))
      during.push(performance.now() - t0)
      expect(found.hits.length).toBeGreaterThan(0)
      const w0 = performance.now()
      probe.run(Date.now())
      writes.push(performance.now() - w0)
      await new Promise((r) => setTimeout(r, 5))
    }
    // Paced, a write waits about one budget plus one pause (~200 ms); unpaced it waited seconds.
    expect(Math.max(...writes)).toBeLessThan(1500)
    const outcome = await events.ended(job.id)
    expect(outcome).toMatchObject({ outcome: 'done', error: null, summaries: [{ catalog: 'store', items: 30_000 }] })
    const progress = events.of<ImportProgressEvent>('catalogImportProgress').filter((p) => p.jobId === job.id)
    const reading = progress.filter((p) => p.phase === 'reading')
    expect(reading.length).toBeGreaterThanOrEqual(2)
    expect(reading.map((p) => p.linesDone)).toEqual([...reading.map((p) => p.linesDone)].sort((a, b) => a - b))
    expect(reading.at(-1)).toMatchObject({ list: 'store', linesDone: 30_001, percent: 100 })
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['starting', 'reading', 'activating', 'cleanup']))
    expect(events.of<{ overview: CatalogOverview }>('catalogChanged').at(-1)?.overview.lists.store?.items).toBe(30_000)
    // The worker did the import: the core's thread was free to answer searches the whole time.
    expect(during.length).toBeGreaterThan(5)
    const s = await status(core)
    expect(s).toMatchObject({ running: null, trainingCatalog: true, lists: { store: { items: 30_000, sourceName: 'big.csv' } } })
    await core.close()
  })

  it('cancelling leaves the live catalog exactly as it was', async () => {
    const { core, dataDir } = await trainedCore()
    const before = await status(core)
    const events = record(core)
    const file = join(dataDir, 'big.csv')
    writeStoreItems(file, { count: 80_000, seed: 3 })
    const job = value<{ id: number }>(await core.dispatch('importCatalog', { list: 'store', source: { kind: 'path', path: file } }))
    while (!events.of<ImportProgressEvent>('catalogImportProgress').some((p) => p.jobId === job.id && p.phase === 'reading')) {
      await new Promise((r) => setTimeout(r, 5))
    }
    expect(value(await core.dispatch('cancelImport', {}))).toEqual({ cancelling: true })
    const outcome = await events.ended(job.id)
    expect(outcome).toMatchObject({ outcome: 'cancelled', summaries: [], error: { code: 'CATALOG_CANCELLED', list: 'store' } })
    const after = await status(core)
    expect(after.lists).toEqual(before.lists)
    expect(events.of('catalogChanged')).toEqual([])
    expect(value<{ hits: { storeCode: string }[] }>(await core.dispatch('searchCatalog', { query: 'SP00001' })).hits).toHaveLength(1)
    expect(value(await core.dispatch('cancelImport', {}))).toEqual({ cancelling: false })
    await core.close()
  })

  it('refuses a corrupt file with its line and reason, and changes nothing', async () => {
    const { core, dataDir } = await trainedCore()
    const before = await status(core)
    const events = record(core)
    const content = `${STORE_HEADER}\n,A1,甲商品,,,盒,1.00,1,goods,\n,A2,乙商品,,,盒,12.3.4,1,goods,\n`
    const cases = [
      { kind: 'path', path: join(dataDir, 'bad.csv') },
      { kind: 'upload', name: 'bad.csv', content },
    ] as const
    writeFileSync(cases[0].path, content)
    for (const source of cases) {
      const job = value<{ id: number }>(await core.dispatch('importCatalog', { list: 'store', source }))
      const outcome = await events.ended(job.id)
      expect(outcome).toMatchObject({
        outcome: 'failed',
        summaries: [],
        error: { code: 'CATALOG_CORRUPT', line: 3, field: 'price', list: 'store', reason: expect.stringContaining('12.3.4') },
      })
      expect(outcome.error?.message).toMatch(/^第 3 行：价格/)
    }
    // A 1306 download imported as 1301 is refused by its list type, the drug list kept.
    const consumables = join(dataDir, '1306.txt')
    writeFileSync(
      consumables,
      `hilist_code\thilist_name\tlist_type\tchrgitm_lv\tselfpay_prop\tpric_uplmt_amt\trx_flag\tspec\tdosform\tprodentp_name\tunit\tbarcode\nC1\t纱布\t301\t01\t0.00\t\t0\t\t\t\t包\t\n#END\t1\n`,
    )
    const wrong = value<{ id: number }>(await core.dispatch('importCatalog', { list: '1301', source: { kind: 'path', path: consumables } }))
    expect((await events.ended(wrong.id)).error).toMatchObject({ code: 'CATALOG_CORRUPT', line: 2, list: '1301' })
    const missing = await core.dispatch('importCatalog', { list: 'store', source: { kind: 'path', path: join(dataDir, 'nope.csv') } })
    expect(missing).toMatchObject({ ok: false, error: { code: 'CATALOG_UNREADABLE', message: expect.stringContaining('找不到文件') } })
    const huge = await core.dispatch('importCatalog', { list: 'store', source: { kind: 'upload', name: 'x.csv', content: '"\n'.repeat(300_000) } })
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('文件太大') } })
    expect((await status(core)).lists).toEqual(before.lists)
    expect(events.of('catalogChanged')).toEqual([])
    await core.close()
  })

  it('leaving training mode takes the training lists out of service and keeps what the store imported itself', async () => {
    const { core, dataDir } = await trainedCore()
    const events = record(core)
    const own = join(dataDir, 'own.csv')
    writeFileSync(own, `${STORE_HEADER}\n6942000000017,HX0001,护手霜,50g,上海家化,支,18.00,5,goods,\n`)
    const job = value<{ id: number }>(await core.dispatch('importCatalog', { list: 'store', source: { kind: 'path', path: own } }))
    expect((await events.ended(job.id)).outcome).toBe('done')
    expect((await status(core)).trainingCatalog).toBe(true)

    value(await core.dispatch('saveUser', { id: 'wang', name: '王店长', role: 'manager', active: true, pin: '135790' }))
    value(await core.dispatch('updateSettings', { terminalNo: 1, trainingMode: false }))
    const login = await core.dispatch('login', { userId: 'wang', pin: '135790' })
    expect(login.ok).toBe(true)
    const after = await idle(core)
    expect(after.trainingCatalog).toBe(false)
    expect(after.lists).toMatchObject({ national_1301: null, national_1306: null, store: { items: 1, sourceName: 'own.csv' } })
    expect(events.of<{ overview: CatalogOverview }>('catalogChanged').at(-1)?.overview.trainingCatalog).toBe(false)
    expect(value<{ hits: unknown[] }>(await core.dispatch('searchCatalog', { query: 'xst' })).hits).toEqual([])
    expect(value<{ hits: { nationalMatched: boolean }[] }>(await core.dispatch('searchCatalog', { query: 'hx0001' })).hits).toHaveLength(1)
    // The demo rows are gone from the file, not only hidden.
    await expect.poll(() => core.db.prepare('SELECT count(*) FROM national_item').pluck().get()).toBe(0)
    await core.close()

    // A live install with an empty national catalog is never given the training catalog.
    const again = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: quiet })
    value(await again.dispatch('login', { userId: 'wang', pin: '135790' }))
    expect((await status(again)).running).toBeNull()
    await again.close()
  })
})
