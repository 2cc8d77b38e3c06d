import Database from 'better-sqlite3'
import { readdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { PlatformError } from '../../electron/core/platform/errors'
import { createTifTransport, DownloadTooLarge } from '../../electron/core/platform/transport'
import type { EventName } from '../../shared/contract'
import type { ImportJob, ImportOutcome } from '../../shared/contract/catalog/schemas'
import { TIF_HEADERS } from '../../shared/nhsa'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { idle, status, value } from './contract'

const tempDir = useTempDir('catalog-download-')
const quiet = () => undefined

/** A training core (its own sandbox platform in-process) with the training catalog in, a manager signed in. */
async function trainedCore() {
  const dataDir = tempDir()
  const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: quiet })
  await signIn(core, 'manager')
  await idle(core)
  const ended: ImportOutcome[] = []
  core.events.subscribe((event: EventName, payload) => {
    if (event === 'catalogImportEnded') ended.push(payload as ImportOutcome)
  })
  const endOf = async (job: ImportJob): Promise<ImportOutcome> => {
    for (;;) {
      const hit = ended.find((o) => o.job.id === job.id)
      if (hit) return hit
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  return { core, dataDir, endOf, sandboxDb: () => join(dataDir, 'training-platform', 'sandbox.db') }
}

function auditActions(dataDir: string): { action: string; subject: string; detail: string }[] {
  const db = new Database(join(dataDir, 'gongji.db'), { readonly: true })
  try {
    return db.prepare("SELECT action, subject, detail FROM audit_log WHERE action LIKE 'catalog.%' ORDER BY seq").all() as never
  } finally {
    db.close()
  }
}

describe('downloadNationalCatalog against the training sandbox', () => {
  it('downloads 1301 from the platform, imports it, and a new platform item is then matched by store items', async () => {
    const { core, dataDir, endOf, sandboxDb } = await trainedCore()
    try {
      const seeded = (await status(core)).lists.national_1301?.items
      const first = value<ImportJob>(await core.dispatch('downloadNationalCatalog', { list: '1301' }))
      expect(first.lists).toEqual(['1301'])
      expect(first.sourceName).toMatch(/^demo:医保平台下载 1301-\d{8}-\d{6}-1301_0_\d+\.txt\.zip$/)
      expect((await endOf(first)).outcome).toBe('done')
      // The platform's 1301 is every drug the training seed had (western, patent and herbal): nothing unmatched.
      expect((await status(core)).lists.national_1301?.items).toBe(seeded)

      // The platform adds a drug; the next download carries it into the live list.
      const sandbox = new Database(sandboxDb())
      const drugs = (sandbox.prepare("SELECT count(*) AS n FROM catalog_items WHERE list_type IN ('101', '102', '103')").get() as { n: number }).n
      sandbox
        .prepare(
          `INSERT INTO catalog_items (hilist_code, hilist_name, list_type, chrgitm_lv, selfpay_prop, pric_uplmt_fen, rx_flag, spec, dosform, prodentp_name, unit, barcode, ver)
           VALUES ('XTEST0000000000000001', '下载测试胶囊', '101', '02', '0.15', 3650, '1', '0.25g*24粒', '胶囊剂', '测试药业', '盒', '', (SELECT max(ver) + 1 FROM catalog_items))`,
        )
        .run()
      sandbox.close()

      const second = value<ImportJob>(await core.dispatch('downloadNationalCatalog', { list: '1301' }))
      const done = await endOf(second)
      expect(done).toMatchObject({ outcome: 'done', error: null })
      expect(done.summaries.map((s) => [s.catalog, s.items])).toEqual([['national_1301', drugs + 1]])
      const s = await status(core)
      expect(s.lists.national_1301).toMatchObject({ items: drugs + 1, sourceName: second.sourceName })
      expect(s.trainingCatalog).toBe(true) // demo data from the training platform carries the mark
      // Only the latest download of a list is kept, whole (no temporary file left), with the 医保目录 terms merged into it.
      const kept = readdirSync(join(dataDir, 'catalog', 'downloads')).sort()
      expect(kept).toHaveLength(2)
      expect(kept[0]).toMatch(/^1301-.*\.txt\.zip$/)
      expect(kept[1]).toBe(`${kept[0]}.terms.json`)

      const csv =
        'barcode,store_code,name,spec,maker,unit,price,stock,kind,national_code\n,DL001,下载测试胶囊,0.25g*24粒,测试药业,盒,30.00,5,drug,XTEST0000000000000001\n'
      const store = value<ImportJob>(await core.dispatch('importCatalog', { list: 'store', source: { kind: 'upload', name: 's.csv', content: csv } }))
      expect((await endOf(store)).outcome).toBe('done')
      const item = value<{ nationalMatched: boolean; classLabel: string; selfpayProp: string; priceCap: string }>(
        await core.dispatch('lookupStoreCode', { storeCode: 'DL001' }),
      )
      expect(item).toMatchObject({ nationalMatched: true, classLabel: '乙', selfpayProp: '0.15', priceCap: '36.50' })

      const audit = auditActions(dataDir).filter((a) => a.subject === '1301')
      expect(audit.map((a) => a.action)).toEqual(['catalog.importStarted', 'catalog.imported', 'catalog.importStarted', 'catalog.imported'])
      expect(JSON.parse(audit[2]!.detail)).toMatchObject({ from: 'platform', itemCount: drugs + 1 })
    } finally {
      await core.close()
    }
  }, 60_000)

  it('refuses a platform file in the wrong columns by line and column: the live list is unchanged', async () => {
    const { core, endOf, sandboxDb } = await trainedCore()
    try {
      const ok = value<ImportJob>(await core.dispatch('downloadNationalCatalog', { list: '1306' }))
      expect((await endOf(ok)).outcome).toBe('done')
      const before = await status(core)

      // The platform's file loses its TABs: every line is one column instead of 71.
      const sandbox = new Database(sandboxDb())
      sandbox.exec(`CREATE TRIGGER squash AFTER INSERT ON files BEGIN
        UPDATE files SET content = CAST(replace(CAST(content AS TEXT), char(9), ' ') AS BLOB) WHERE file_qury_no = NEW.file_qury_no;
      END`)
      sandbox.close()

      const bad = value<ImportJob>(await core.dispatch('downloadNationalCatalog', { list: '1306' }))
      const ended = await endOf(bad)
      expect(ended.outcome).toBe('failed')
      expect(ended.error).toMatchObject({ code: 'CATALOG_CORRUPT', line: 1, field: 'mcs_name', list: '1306' })
      expect(ended.error?.message).toMatch(/^第 1 行：应有 71 列.*只有 1 列/)
      const after = await status(core)
      expect(after.lists.national_1306).toEqual(before.lists.national_1306)
    } finally {
      await core.close()
    }
  }, 60_000)

  it('is for managers only, and the store list is not downloadable', async () => {
    const { core } = await trainedCore()
    try {
      const store = await core.dispatch('downloadNationalCatalog', { list: 'store' })
      expect(store.ok).toBe(false)
      await signIn(core, 'cashier')
      const cashier = await core.dispatch('downloadNationalCatalog', { list: '1301' })
      expect(cashier.ok ? null : cashier.error.code).toMatch(/FORBIDDEN|ROLE|ACCESS/)
    } finally {
      await core.close()
    }
  }, 60_000)
})

describe('PlatformTransport.download', () => {
  const servers: Server[] = []
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections()
      await new Promise<void>((r) => s.close(() => r()))
    }
  })

  async function serve(body: (req: IncomingMessage) => Buffer): Promise<{ url: string; seen: IncomingMessage[] }> {
    const seen: IncomingMessage[] = []
    const server = createServer((req, res) => {
      seen.push(req)
      const out = body(req)
      res.writeHead(200, { 'content-length': out.length })
      res.end(out)
    })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
  }

  const transportFor = (baseUrl: string) => createTifTransport({ baseUrl, paasid: 'p', secret: 's', timeoutMs: 2000, clock: { now: () => new Date() } })

  it('sends a signed GET to the gateway and answers the bytes', async () => {
    const gw = await serve(() => Buffer.from('文件内容\n'))
    const t = transportFor(gw.url)
    expect((await t.download!(`${gw.url}/files/F1?x=1`)).toString('utf8')).toBe('文件内容\n')
    expect(await t.download!('/files/F2')).toHaveLength(13)
    expect(gw.seen.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/files/F1?x=1'],
      ['GET', '/files/F2'],
    ])
    expect(gw.seen[0]!.headers[TIF_HEADERS.signature]).toMatch(/^[0-9a-f]{64}$/)
    expect(gw.seen[0]!.headers[TIF_HEADERS.nonce]).not.toBe(gw.seen[1]!.headers[TIF_HEADERS.nonce])
    t.close?.()
  })

  it('refuses a download URL on another origin without sending anything there', async () => {
    const gw = await serve(() => Buffer.from('x'))
    const elsewhere = await serve(() => Buffer.from('x'))
    const t = transportFor(gw.url)
    for (const url of [`${elsewhere.url}/files/F1`, `${gw.url.replace('http:', 'https:')}/files/F1`, '//127.0.0.1:1/x', 'not a url']) {
      const e = await t.download!(url).catch((err: unknown) => err)
      expect(e).toBeInstanceOf(PlatformError)
      expect((e as PlatformError).code).toBe('PLATFORM_BAD_ANSWER')
    }
    expect(elsewhere.seen).toHaveLength(0)
    expect(gw.seen).toHaveLength(0)
    t.close?.()
  })

  it('cuts off a body longer than announced, and maps a missing file and a refused signature', async () => {
    const gw = await serve((req) => Buffer.alloc(req.url === '/big' ? 200_000 : 10, 65))
    const t = transportFor(gw.url)
    await expect(t.download!('/big', { maxBytes: 1000 })).rejects.toBeInstanceOf(DownloadTooLarge)
    expect(await t.download!('/small', { maxBytes: 10 })).toHaveLength(10)
    t.close?.()

    const statusServer = createServer((req, res) => {
      res.writeHead(req.url === '/gone' ? 404 : 401)
      res.end()
    })
    servers.push(statusServer)
    await new Promise<void>((r) => statusServer.listen(0, '127.0.0.1', () => r()))
    const t2 = transportFor(`http://127.0.0.1:${(statusServer.address() as AddressInfo).port}`)
    await expect(t2.download!('/gone')).rejects.toMatchObject({ code: 'PLATFORM_REFUSED', message: expect.stringMatching(/找不到/) })
    await expect(t2.download!('/x')).rejects.toMatchObject({ code: 'PLATFORM_REFUSED', message: expect.stringMatching(/签名/) })
    t2.close?.()
  })

  it('reports an unreachable gateway as unreachable', async () => {
    const gw = await serve(() => Buffer.from('x'))
    const url = gw.url
    const s = servers.pop()!
    await new Promise<void>((r) => s.close(() => r()))
    const t = transportFor(url)
    await expect(t.download!('/x')).rejects.toMatchObject({ code: 'PLATFORM_UNREACHABLE' })
  })
})
