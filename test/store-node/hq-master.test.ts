import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import type { Pool } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STORE_HEADER } from '../../electron/core/catalog/storeFile'
import { ChangeLog } from '../../electron/store-node/change-log/change-log'
import type { StoreNodeServer } from '../../electron/store-node/http'
import { copiedFileId } from '../../electron/store-node/hq/hq-master-puller'
import { refuseHqOwned } from '../../electron/store-node/hq/hq-owned'
import { SealBox } from '../../electron/store-node/hq/seal'
import { hqMasterLogSchema } from '../../shared/contract/sync/hq-master'
import { pullAnswerSchema, type MasterChange } from '../../shared/contract/sync/master-data'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { clock, HQ_ADMIN, hqCall, startHq } from './chain-rig'
import { hqPublish, MasterStore } from './hq-master-rig'
import { masterState, type PairedCounter } from './master-rig'

/**
 * Master data from the head office down (issue 15, "The chain (HQ)"): HQ's staff publish once; every store node
 * pulls HQ's log after its push and copies it into its own change log, from which its counters pull as before.
 * Two stores (Zhengzhou and Beijing), two real counter cores each, one HQ, each on its own database.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const hqDb = usePostgres()
const aDb = usePostgres()
const bDb = usePostgres()
const cDb = usePostgres()
const dDb = usePostgres()

/** One pull interval each: the store's round to HQ (push, then pull) and the counter's idle round, plus the rounds' own work. */
const UPLINK_MS = 5_000
const COUNTER_MS = 5_000
const ONE_INTERVAL_EACH_MS = UPLINK_MS + COUNTER_MS + 6_000

const catalogCsv = (rows: string[]) => [STORE_HEADER, ...rows].join('\n') + '\n'
const CHAIN_CATALOG = catalogCsv([',SG00001,连锁洗发水,200ml,某日化,瓶,19.90,10,goods,', ',SP90001,连锁新品,10片,某药厂,盒,12.34,5,goods,'])
const CHAIN_CATALOG_2 = catalogCsv([
  ',SG00001,连锁洗发水,200ml,某日化,瓶,21.00,10,goods,',
  ',SP90001,连锁新品,10片,某药厂,盒,12.34,5,goods,',
  ',SP90002,秋季新品,12片,某药厂,盒,8.80,5,goods,',
])

const login = (p: PairedCounter, userId: string, pin: string) => p.counter.core.dispatch('login', { userId, pin })
/** Waits, asking again, until `deadline` (an absolute time: several counters share one interval). */
const by = <T>(deadline: number, what: string, get: () => Promise<T>, ok: (v: T) => boolean) => eventually(what, get, ok, Math.max(0, deadline - Date.now()))

/** The documented command, as HQ's staff run it (its own process, talking to HQ over HTTP). */
async function publishCommand(hq: StoreNodeServer, args: string[]): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'electron/store-node/main.ts', '--role', 'hq', 'publish', '--url', hq.url, '--admin-token', HQ_ADMIN, '--actor', '总部王经理', ...args],
    { cwd: ROOT },
  )
  return (JSON.parse(stdout) as { seq: number }).seq
}

/** What a store holds from HQ: its copies, in HQ's order. */
async function copies(pool: Pool, storeId: string) {
  const r = await pool.query("SELECT hq_seq::int, kind, key, body, actor, origin FROM change_log WHERE store_id = $1 AND origin = 'hq' ORDER BY hq_seq", [
    storeId,
  ])
  return r.rows as { hq_seq: number; kind: string; key: string; body: Record<string, unknown>; actor: string; origin: string }[]
}

/** HQ's chain log as a store would hold it once applied cleanly (a catalog's file under the store's own id). */
async function cleanCopies(hqPool: Pool, storeId: string) {
  const r = await hqPool.query('SELECT seq::int AS hq_seq, kind, key, body, actor, origin FROM change_log WHERE store_id IS NULL ORDER BY seq')
  return r.rows.map((e: { kind: string; body: Record<string, unknown> }) =>
    e.kind === 'catalog' ? { ...e, body: { ...e.body, file_id: copiedFileId(storeId, String(e.body.file_id)) } } : e,
  )
}

let hq: StoreNodeServer
let a: MasterStore
let b: MasterStore
const work = mkdtempSync(join(tmpdir(), 'gongji-hqm-files-'))

beforeAll(async () => {
  hq = await startHq(hqDb().pool)
  a = await MasterStore.start(aDb().pool, 'P41010500218', '郑州金水店', '410105', { intervalMs: UPLINK_MS })
  b = await MasterStore.start(bDb().pool, 'P11010800123', '北京海淀店', '110108', { intervalMs: UPLINK_MS })
  for (const s of [a, b]) {
    await s.addCounter('1号收银台')
    await s.addCounter('2号收银台')
    await s.linkWithHq(hqDb().pool, hq.url)
  }
}, 120_000)

afterAll(async () => {
  await a?.close()
  await b?.close()
  await hq?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('master data from HQ down to two stores', () => {
  it('a user, a catalog generation (by the documented command) and the user disabled, published at HQ, reach both counters of both stores within one pull interval each, marked as HQ’s', async () => {
    const all = [...a.counters, ...b.counters]
    let deadline = Date.now() + ONE_INTERVAL_EACH_MS
    await hqPublish(hq, { kind: 'user', user: { id: 'c07', name: '李收银', role: 'cashier', active: true, pin: '707070' } })
    for (const p of all) {
      await by(
        deadline,
        'c07 signs in',
        () => login(p, 'c07', '707070'),
        (r) => r.ok,
      )
      await signIn(p.counter.core, 'manager')
    }

    const file = join(work, '连锁目录.csv')
    writeFileSync(file, CHAIN_CATALOG)
    const catalogSeq = await publishCommand(hq, ['--kind', 'catalog', '--list', 'store', '--file', file])
    deadline = Date.now() + ONE_INTERVAL_EACH_MS
    await publishCommand(hq, ['--kind', 'user', '--json', JSON.stringify({ id: 'c07', name: '李收银', role: 'cashier', active: false })])
    for (const p of all) {
      await by(
        deadline,
        'the chain generation live',
        () => p.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90001' }),
        (r) => r.ok,
      )
      await by(
        deadline,
        'c07 disabled',
        () => login(p, 'c07', '707070'),
        (r) => !r.ok && r.error.code === 'USER_INACTIVE',
      )
      expect(await p.counter.call('lookupStoreCode', { storeCode: 'SG00001' })).toMatchObject({ name: '连锁洗发水', price: '19.90' })
    }
    // Every counter of the chain holds the same master data.
    for (const p of all.slice(1)) expect(masterState(p)).toEqual(masterState(all[0]))

    for (const s of [a, b]) {
      // Each store holds HQ's entries once, in HQ's order, as its own entries of origin hq; its counters are told so.
      expect(await copies(s.pool, s.storeId)).toEqual(await cleanCopies(hqDb().pool, s.storeId))
      const { changes } = pullAnswerSchema.parse({ changes: await new ChangeLog(s.pool, clock, randomBytes(32)).pull(s.storeId, 'k', 0, 100) })
      expect(changes.map((c) => [c.kind, c.origin])).toEqual([
        ['user', 'hq'],
        ['catalog', 'hq'],
        ['user', 'hq'],
      ])
      expect((await s.node.uplink!.status())[0]).toMatchObject({ master_cursor: catalogSeq + 1, last_error: null })
    }
    // HQ's page sees its log (no PIN hash) and how far each store pulled.
    const view = hqMasterLogSchema.parse((await hqCall(hq, '/hq/v1/master/log', {})).body)
    expect(view.last).toBe(catalogSeq + 1)
    expect(JSON.stringify(view.entries)).not.toContain('scrypt')
    expect(view.stores.map((s) => s.storeId)).toEqual([b.storeId, a.storeId].sort())
  }, 180_000)

  it('a store whose link to HQ was down catches up with everything HQ published meanwhile', async () => {
    await b.node.uplink!.stop()
    const before = (await copies(b.pool, b.storeId)).length
    for (let i = 0; i < 30; i++)
      await hqPublish(hq, {
        kind: 'user',
        user: { id: `h${String(i).padStart(2, '0')}`, name: `总部员工${i}`, role: 'cashier', active: i % 3 !== 0, pin: '404040' },
      })
    await hqPublish(hq, { kind: 'settings', patch: { requireOpenShift: true, idleLockMinutes: 9 } })
    await hqPublish(hq, { kind: 'offline_limits', limits: { mode: 'advance', perSale: '150', outstanding: '3000', maxAgeHours: 12 } })
    const begun = await hqCall<{ file_id: string }>(hq, '/hq/v1/master/catalog/begin', {
      actor: '总部王经理',
      list: 'store',
      source_name: '秋季目录.csv',
      bytes: Buffer.byteLength(CHAIN_CATALOG_2),
      sha256: (await import('node:crypto')).createHash('sha256').update(CHAIN_CATALOG_2).digest('hex'),
    })
    await hqCall(hq, '/hq/v1/master/catalog/put', { file_id: begun.body.file_id, n: 0, data: Buffer.from(CHAIN_CATALOG_2).toString('base64') })
    await hqCall(hq, '/hq/v1/master/catalog/commit', { actor: '总部王经理', file_id: begun.body.file_id })
    // After the generation (which carries its own prices): the chain's price from a minute ago holds.
    await hqPublish(hq, { kind: 'price', storeCode: 'SG00001', price: '18.80', validFrom: new Date(Date.now() - 60_000).toISOString() })
    await eventually(
      'store A has it all',
      () => copies(a.pool, a.storeId),
      (c) => c.length === before + 34,
      ONE_INTERVAL_EACH_MS,
    )
    expect((await copies(b.pool, b.storeId)).length).toBe(before)

    b.node.uplink!.start()
    const deadline = Date.now() + ONE_INTERVAL_EACH_MS + 10_000
    for (const p of [...b.counters, ...a.counters])
      await by(
        deadline,
        'the autumn generation and the chain price',
        async () => p.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90002' }),
        (r) => r.ok,
      )
    await eventually(
      'the four counters equal',
      async () => [...a.counters, ...b.counters].map((p) => JSON.stringify(masterState(p))),
      (s) => new Set(s).size === 1,
      ONE_INTERVAL_EACH_MS,
    )
    const p = b.counters[0]
    expect(p.counter.core.settings.get()).toMatchObject({ requireOpenShift: true, idleLockMinutes: 9 })
    expect(await p.counter.call('offlineSettings', {})).toMatchObject({ mode: 'advance', perSale: '150.00', outstanding: '3000.00' })
    expect((await p.counter.call('lookupStoreCode', { storeCode: 'SG00001' })).price).toBe('18.80')
    expect(await copies(b.pool, b.storeId)).toEqual(await cleanCopies(hqDb().pool, b.storeId))
  }, 180_000)

  it('a replay of HQ’s log from 0 changes nothing at the store nor at its counters', async () => {
    const log = async () => (await a.pool.query('SELECT seq::int, store_id, kind, key, body, origin, hq_seq::int FROM change_log ORDER BY seq')).rows
    const files = async () => (await a.pool.query('SELECT file_id, committed_at FROM catalog_files ORDER BY file_id')).rows
    const before = { log: await log(), files: await files(), counters: a.counters.map(masterState) }
    const cursor = (await a.node.uplink!.status())[0].master_cursor
    await a.pool.query('UPDATE hq_links SET master_cursor = 0')
    await a.node.uplink!.round()
    expect((await a.node.uplink!.status())[0].master_cursor).toBe(cursor)
    // A counter round later still the same.
    await new Promise((r) => setTimeout(r, COUNTER_MS + 1_000))
    expect({ log: await log(), files: await files(), counters: a.counters.map(masterState) }).toEqual(before)
  }, 60_000)

  it('a store may not change what HQ owns: refused MASTER_DATA_HQ_OWNED with nothing logged; its own settings, a local user, its secret and a markdown pass', async () => {
    const p = a.counters[0]
    // The waits above signed c07 in while it was still active.
    await signIn(p.counter.core, 'manager')
    const count = async () => Number((await a.pool.query('SELECT count(*) FROM change_log')).rows[0].count)
    const before = await count()
    const now = new Date().toISOString()
    const refused = [
      await p.counter.refused('publishMasterData', { kind: 'user', user: { id: 'c07', name: '李收银', role: 'cashier', active: true, pin: '717171' } }),
      await p.counter.refused('publishMasterData', { kind: 'settings', patch: { idleLockMinutes: 30 } }),
      await p.counter.refused('publishMasterData', { kind: 'offline_limits', limits: { mode: 'deposit', perSale: '1', outstanding: '2', maxAgeHours: 1 } }),
      await p.counter.refused('publishMasterData', { kind: 'catalog', list: 'store', source: { kind: 'upload', name: '本店.csv', content: CHAIN_CATALOG } }),
      // A raise above the chain's 18.80, and a price for an item the chain has not priced.
      await p.counter.refused('publishMasterData', { kind: 'price', storeCode: 'SG00001', price: '25.00', validFrom: now }),
      await p.counter.refused('publishMasterData', { kind: 'price', storeCode: 'SP90001', price: '5.00', validFrom: now }),
    ]
    expect(refused).toEqual(Array(6).fill('MASTER_DATA_HQ_OWNED'))
    const res = await p.counter.core.dispatch('publishMasterData', { kind: 'price', storeCode: 'SG00001', price: '25.00', validFrom: now })
    expect(!res.ok && res.error.message).toContain('总部售价为 18.80 元')
    const policy = (await p.counter.call('offlinePolicies', {}))[0].policy
    expect(await p.counter.refused('publishMasterData', { kind: 'region_policy', policy })).toBe('MASTER_DATA_HQ_OWNED')
    expect(await count()).toBe(before)

    await p.counter.call('publishMasterData', { kind: 'settings', patch: { fixmedinsName: '郑州金水店（共济连锁）' } })
    await p.counter.call('publishMasterData', { kind: 'user', user: { id: 's01', name: '门店临时工', role: 'cashier', active: true, pin: '818181' } })
    await p.counter.call('publishMasterData', { kind: 'secret', secret: 'store-own-secret-1' })
    await p.counter.call('publishMasterData', { kind: 'price', storeCode: 'SG00001', price: '16.60', validFrom: new Date(Date.now() - 1000).toISOString() })
    expect(await count()).toBe(before + 4)
    await eventually(
      'the markdown at the other counter',
      () => a.counters[1].counter.call('lookupStoreCode', { storeCode: 'SG00001' }),
      (i) => i.price === '16.60',
      COUNTER_MS + 5_000,
    )
  }, 120_000)
})

describe('a chain price and a store’s markdown', () => {
  it('a chain price dated before a running markdown and under it caps the markdown at its moment, once', async () => {
    const d = await MasterStore.start(dDb().pool, 'P41010500409', '郑州管城店', '410104', { intervalMs: 3_600_000 })
    try {
      await d.linkWithHq(hqDb().pool, hq.url, false)
      const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString()
      const [t0, t1, t2] = [at(3), at(2), at(1)]
      await hqPublish(hq, { kind: 'price', storeCode: 'SM77001', price: '20.00', validFrom: t0 })
      await d.node.uplink!.round()
      const own = new ChangeLog(d.pool, clock, randomBytes(32), refuseHqOwned)
      await own.publish(
        { storeId: d.storeId, terminalUid: null, actor: 'm01' },
        { kind: 'price', body: { store_code: 'SM77001', price_fen: 1800, valid_from: t2 } },
      )
      await hqPublish(hq, { kind: 'price', storeCode: 'SM77001', price: '15.00', validFrom: t1 })
      await d.node.uplink!.round()
      // What the counters pull: the newest entry of each moment holds.
      const held = async () => {
        const { changes } = pullAnswerSchema.parse({ changes: await own.pull(d.storeId, 'k', 0, 500) })
        const prices = new Map<string, [number, string | undefined]>()
        for (const c of changes as MasterChange[])
          if (c.kind === 'price' && c.body.store_code === 'SM77001') prices.set(c.body.valid_from, [c.body.price_fen, c.origin])
        return { prices: [...prices.entries()].sort(), entries: changes.length }
      }
      const capped = await held()
      expect(capped.prices).toEqual([
        [t0, [2000, 'hq']],
        [t1, [1500, 'hq']],
        [t2, [1500, 'hq']],
      ])
      await d.pool.query('UPDATE hq_links SET master_cursor = 0')
      await d.node.uplink!.round()
      expect(await held()).toEqual(capped)
    } finally {
      await d.close()
    }
  }, 60_000)
})

describe('a store node SIGKILLed while it copies HQ’s log', () => {
  it('converges on restart to one clean application: each entry once, the catalog file whole, the cursor at HQ’s last entry', async () => {
    const keyFile = join(work, 'seal.key')
    const c = await MasterStore.start(cDb().pool, 'P41010500301', '郑州二七店', '410103', { intervalMs: 3_600_000 }, SealBox.fromFile(keyFile))
    await c.linkWithHq(hqDb().pool, hq.url, false)
    await c.close()
    const firstCatalog = (await hqDb().pool.query("SELECT min(seq)::int AS seq FROM change_log WHERE store_id IS NULL AND kind = 'catalog'")).rows[0]
      .seq as number
    const last = (await hqDb().pool.query('SELECT max(seq)::int AS seq FROM change_log WHERE store_id IS NULL')).rows[0].seq as number

    const run = (killAt: number) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/store-node/hq-master-kill-worker.ts', cDb().socketDir, cDb().database, keyFile, String(killAt)],
        {
          cwd: ROOT,
          env: { ...process.env, PGUSER: cDb().user },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, signal) => r(signal)))
      const listening = new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r))
      return { exited, listening, stop: () => (child.kill('SIGTERM'), exited) }
    }
    const cursor = async () => Number((await cDb().pool.query('SELECT master_cursor FROM hq_links')).rows[0].master_cursor)

    const killed = run(firstCatalog)
    expect(await killed.exited).toBe('SIGKILL')
    // Killed inside the catalog entry's transaction: its chunks were copied, the entry and the cursor were not.
    expect(await cursor()).toBe(firstCatalog - 1)
    expect((await copies(cDb().pool, 'P41010500301')).map((e) => e.hq_seq)).toEqual(Array.from({ length: firstCatalog - 1 }, (_, i) => i + 1))
    const fileId = copiedFileId(
      'P41010500301',
      String((await hqDb().pool.query('SELECT body FROM change_log WHERE seq = $1', [firstCatalog])).rows[0].body.file_id),
    )
    expect((await cDb().pool.query('SELECT count(*)::int AS n FROM catalog_chunks WHERE file_id = $1', [fileId])).rows[0].n).toBe(1)

    const again = run(0)
    await again.listening
    await eventually('caught up', cursor, (n) => n === last, 30_000)
    await again.stop()
    expect(await copies(cDb().pool, 'P41010500301')).toEqual(await cleanCopies(hqDb().pool, 'P41010500301'))
    expect((await cDb().pool.query('SELECT count(*)::int AS n FROM catalog_files')).rows[0].n).toBe(2)
  }, 120_000)
})
