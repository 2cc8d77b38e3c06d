import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { writeStoreItems } from '../../dev-tools/catalog-generator'
import { startCounter } from '../sale/counter-rig'
import { STORE_HEADER } from '../../electron/core/catalog/storeFile'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { masterState, platformSecretOf, recordingRelay, useCounters, type PairedCounter } from './master-rig'
import { useStoreNode } from './store-rig'

/**
 * store-node.md §2 Q1 with the change log down: users, settings and the catalog (and the secret, offline
 * limits, region policies and dated prices) are kept once by the store and reach every counter within one
 * pull interval (the pusher's idle round, 5 s); a counter switched off for a day catches up; local edits are
 * refused in store mode; the secret is never in clear in PostgreSQL or on the wire.
 */
const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)
const counters = useCounters()

/** One pull interval (the pusher's idle round) and the round's own work. */
const PULL_INTERVAL_MS = 5_000 + 3_000
const SECRET = 'store-secret-Q7w8E9r0'

const catalogCsv = (rows: string[]) => [STORE_HEADER, ...rows].join('\n') + '\n'
const GENERATION_2 = catalogCsv([',SG00001,门店洗发水,200ml,某日化,瓶,15.00,10,goods,', ',SP90001,门店新品,10片,某药厂,盒,12.34,5,goods,'])

const until = <T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean) => eventually(what, get, ok, PULL_INTERVAL_MS)
/** How far a counter applied the log: its cursor, held before a generation still queued (what masterDataStatus answers). */
function appliedThrough(p: PairedCounter): number {
  const d = p.counter.core.db
  const cursor = (d.prepare('SELECT cursor FROM master_state').get() as { cursor: number } | undefined)?.cursor ?? 0
  const queued = d.prepare('SELECT min(seq) FROM master_catalog_pending').pluck().get() as number | null
  return queued === null ? cursor : Math.min(cursor, queued - 1)
}
const login = (p: PairedCounter, userId: string, pin: string) => p.counter.core.dispatch('login', { userId, pin })

async function store(n: number, url = rig.node().url): Promise<PairedCounter[]> {
  const out: PairedCounter[] = []
  for (let i = 1; i <= n; i++) out.push(await counters.add(db().pool, tempDir(), url, `${i}号收银台`))
  return out
}

describe('§2 Q1: users, settings and catalog shared', () => {
  it('a user, the store settings, the secret, offline limits, a policy and a catalog generation published at A reach B and C within one pull interval', async () => {
    const [a, b, c] = await store(3)
    expect((await login(b, 'c02', '202020')).ok).toBe(false)
    await a.counter.call('publishMasterData', { kind: 'user', user: { id: 'c02', name: '张收银', role: 'cashier', active: true, pin: '202020' } })
    await a.counter.call('publishMasterData', { kind: 'settings', patch: { fixmedinsName: '郑州共济大药房（门店统一）', idleLockMinutes: 7 } })
    await a.counter.call('publishMasterData', { kind: 'secret', secret: SECRET })
    await a.counter.call('publishMasterData', { kind: 'offline_limits', limits: { mode: 'advance', perSale: '150', outstanding: '3000', maxAgeHours: 12 } })
    const [policy] = (await a.counter.call('offlinePolicies', {})).map((p) => p.policy)
    await a.counter.call('publishMasterData', { kind: 'region_policy', policy })
    const catalog = await a.counter.call('publishMasterData', {
      kind: 'catalog',
      list: 'store',
      source: { kind: 'upload', name: '门店目录.csv', content: GENERATION_2 },
    })
    const lastSeq = catalog.seq

    for (const p of [a, b, c]) {
      await until(
        'the generation live',
        () => p.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90001' }),
        (r) => r.ok,
      )
      expect(p.counter.core.settings.get()).toMatchObject({ fixmedinsName: '郑州共济大药房（门店统一）', idleLockMinutes: 7 })
      expect(platformSecretOf(p)).toBe(SECRET)
      expect(await p.counter.call('offlineSettings', {})).toMatchObject({ mode: 'advance', perSale: '150.00', outstanding: '3000.00', maxAgeHours: 12 })
      expect(await p.counter.call('lookupStoreCode', { storeCode: 'SG00001' })).toMatchObject({ name: '门店洗发水', price: '15.00' })
      expect((await p.counter.call('offlinePolicies', {})).find((x) => x.policy.admdvs === policy.admdvs)).toMatchObject({ source: 'manager', policy })
      expect(p.counter.core.db.prepare('SELECT cursor FROM master_state').get()).toEqual({ cursor: lastSeq })
    }
    // The new user signs in at every counter; the counter's own settings (its number) stayed its own.
    expect((await login(c, 'c02', '202020')).ok).toBe(true)
    expect(new Set([a, b, c].map((p) => p.counter.core.settings.get().terminalNo))).toEqual(new Set([1, 2, 3]))
    expect(masterState(b)).toEqual(masterState(c))
    expect(masterState(a)).toEqual(masterState(b))
  }, 120_000)

  it('a disabled user and a price from a later moment reach every counter within one pull interval', async () => {
    const [a, b] = await store(2)
    await a.counter.call('publishMasterData', { kind: 'user', user: { id: 'c03', name: '李收银', role: 'cashier', active: true, pin: '303030' } })
    await until(
      'c03 at B',
      () => login(b, 'c03', '303030'),
      (r) => r.ok,
    )
    await signIn(b.counter.core, 'manager')
    const validFrom = new Date(Date.now() + PULL_INTERVAL_MS + 4_000)
    await a.counter.call('publishMasterData', { kind: 'user', user: { id: 'c03', name: '李收银', role: 'cashier', active: false } })
    await a.counter.call('publishMasterData', { kind: 'price', storeCode: 'SG00001', price: '8.80', validFrom: validFrom.toISOString() })
    await a.counter.call('publishMasterData', { kind: 'price', storeCode: 'SG00001', price: '1.11', validFrom: new Date(Date.now() - 1000).toISOString() })

    await until(
      'c03 disabled at B',
      () => login(b, 'c03', '303030'),
      (r) => !r.ok && r.error.code === 'USER_INACTIVE',
    )
    await until(
      'the price valid now at B',
      () => b.counter.call('lookupStoreCode', { storeCode: 'SG00001' }),
      (i) => i.price === '1.11',
    )
    // The later price is there, and holds only from its moment.
    expect(
      b.counter.core.db.prepare('SELECT price_fen FROM store_prices WHERE store_code = ? AND valid_from = ?').get('SG00001', validFrom.toISOString()),
    ).toEqual({
      price_fen: 880,
    })
    expect((await b.counter.call('lookupStoreCode', { storeCode: 'SG00001' })).price).toBe('1.11')
    await eventually(
      'the price from its moment',
      () => b.counter.call('lookupStoreCode', { storeCode: 'SG00001' }),
      (i) => i.price === '8.80',
      validFrom.getTime() - Date.now() + 2_000,
    )
  }, 120_000)
})

describe('master data in store mode', () => {
  it('a counter switched off for a day catches up with everything published meanwhile at its next start', async () => {
    const [a, b] = await store(2)
    const dir = b.dataDir
    await counters.close(b.counter)
    for (let i = 0; i < 30; i++) {
      await a.counter.call('publishMasterData', {
        kind: 'user',
        user: { id: `u${String(i).padStart(2, '0')}`, name: `员工${i}`, role: 'cashier', active: i % 3 !== 0, pin: '404040' },
      })
    }
    await a.counter.call('publishMasterData', { kind: 'settings', patch: { requireOpenShift: true } })
    await a.counter.call('publishMasterData', { kind: 'catalog', list: 'store', source: { kind: 'upload', name: 'day.csv', content: GENERATION_2 } })
    const again = await startCounter(dir.replace(/\/data$/, ''))
    counters.adopt(again)
    const back = { counter: again, dataDir: dir }
    await until(
      'caught up',
      async () => masterState(back),
      (s) => s.liveStore.length === 1 && String((s.liveStore[0] as { source_name: string }).source_name).includes('day.csv'),
    )
    await until(
      'the same as A',
      async () => [masterState(back), masterState(a)],
      ([x, y]) => JSON.stringify(x) === JSON.stringify(y),
    )
    expect(again.core.settings.get().requireOpenShift).toBe(true)
  }, 120_000)

  it('a replay from the first entry changes nothing and imports no generation twice', async () => {
    const [a] = await store(1)
    await a.counter.call('publishMasterData', { kind: 'user', user: { id: 'c05', name: '赵收银', role: 'cashier', active: true, pin: '505050' } })
    await a.counter.call('publishMasterData', { kind: 'catalog', list: 'store', source: { kind: 'upload', name: 'r.csv', content: GENERATION_2 } })
    // A price names an item of the live catalog: the manager prices it once the generation is live here.
    await until(
      'the generation live at A',
      () => a.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90001' }),
      (r) => r.ok,
    )
    const { seq: last } = await a.counter.call('publishMasterData', {
      kind: 'price',
      storeCode: 'SP90001',
      price: '9.99',
      validFrom: new Date(Date.now() - 1000).toISOString(),
    })
    const d = a.counter.core.db
    await until(
      'applied',
      async () => appliedThrough(a),
      (n) => n >= last,
    )
    const applied = masterState(a)
    const imports = d.prepare('SELECT count(*) AS n FROM catalog_import').get()
    d.prepare('UPDATE master_state SET cursor = 0').run()
    await until(
      'replayed',
      async () => appliedThrough(a),
      (n) => n >= last,
    )
    expect(masterState(a)).toEqual(applied)
    expect(d.prepare('SELECT count(*) AS n FROM catalog_import').get()).toEqual(imports)
    expect((await a.counter.call('lookupStoreCode', { storeCode: 'SP90001' })).price).toBe('9.99')
  }, 120_000)

  it('a counter SIGKILLed while it stages a catalog generation sells on from the old one, and after a restart ends as one clean application', async () => {
    const [a, b] = await store(2)
    const dir = b.dataDir
    await counters.close(b.counter)
    const file = join(tempDir(), 'store-20000.csv')
    writeStoreItems(file, { count: 20_000, seed: 3 })
    const { seq } = await a.counter.call('publishMasterData', { kind: 'catalog', list: 'store', source: { kind: 'path', path: file } })
    await eventually(
      'applied at A',
      async () => masterState(a).liveStore,
      (l) => String((l[0] as { source_name?: string })?.source_name).startsWith(`门店目录#${seq}`),
      // 20,000 items staged on a loaded machine: the import's time, not the pull interval.
      60_000,
    )

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/store-node/master-kill-worker.ts', dir], {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_c, signal) => r(signal)))
    const peek = new Database(join(dir, 'gongji.db'), { readonly: true })
    try {
      await eventually(
        'the generation staging in the child',
        async () => peek.prepare("SELECT count(*) AS n FROM catalog_import WHERE status = 'staging' AND source_name LIKE '门店目录#%'").get() as { n: number },
        (r) => r.n > 0,
        60_000,
      )
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      // Killed mid-stage: the old generation is still the live one and the entry is still queued to be applied.
      const live = peek.prepare("SELECT source_name FROM catalog_import WHERE catalog = 'store' AND status = 'active'").get() as { source_name: string }
      expect(live.source_name.startsWith(`门店目录#${seq}`)).toBe(false)
      expect(peek.prepare('SELECT seq FROM master_catalog_pending').pluck().all()).toContain(seq)
    } finally {
      peek.close()
    }
    const again = await startCounter(dir.replace(/\/data$/, ''))
    counters.adopt(again)
    const back = { counter: again, dataDir: dir }
    await eventually(
      'one clean application after the restart',
      async () => [masterState(back), masterState(a)],
      ([x, y]) => JSON.stringify(x) === JSON.stringify(y),
      60_000,
    )
    expect(again.core.db.prepare("SELECT count(*) AS n FROM catalog_import WHERE status = 'active' AND source_name LIKE '门店目录#%'").get()).toEqual({ n: 1 })
  }, 180_000)

  it('local edits of master data are refused with MASTER_DATA_READ_ONLY and change nothing; the counter’s own settings stay editable', async () => {
    const [a] = await store(1)
    const before = masterState(a)
    const refusals = [
      await a.counter.refused('saveUser', { id: 'x01', name: '本机', role: 'cashier', active: true, pin: '111222' }),
      await a.counter.refused('updateSettings', { fixmedinsName: '本机改名' }),
      await a.counter.refused('setPlatformSecret', { secret: 'local-secret-1' }),
      await a.counter.refused('importCatalog', { list: 'store', source: { kind: 'upload', name: 'x.csv', content: GENERATION_2 } }),
      await a.counter.refused('setOfflineSettings', { mode: 'advance', perSale: '1', outstanding: '2', maxAgeHours: 1 }),
    ]
    expect(refusals).toEqual(Array(5).fill('MASTER_DATA_READ_ONLY'))
    const res = await a.counter.core.dispatch('saveUser', { id: 'x01', name: '本机', role: 'cashier', active: true, pin: '111222' })
    expect(!res.ok && res.error.message).toContain('门店模式下')
    expect(masterState(a)).toEqual(before)
    // Its language is the counter's own.
    expect((await a.counter.call('updateSettings', { locale: 'en' })).locale).toBe('en')
  }, 60_000)

  it('the platform secret is never in clear in PostgreSQL nor on the wire', async () => {
    const relay = await recordingRelay(rig.node().url)
    try {
      const [a, b] = await store(2, relay.url)
      await a.counter.call('publishMasterData', { kind: 'secret', secret: SECRET })
      await until(
        'the secret at B',
        async () => platformSecretOf(b),
        (s) => s === SECRET,
      )
      expect(relay.bytes()).toContain('"sealed"')
      expect(relay.bytes()).not.toContain(SECRET)
      expect(relay.bytes()).not.toContain(Buffer.from(SECRET).toString('base64'))
      const tables = await db().pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")
      for (const { t } of tables.rows) {
        const dump = await db().pool.query(`SELECT t::text AS row FROM ${t} t`)
        expect(dump.rows.map((r: { row: string }) => r.row).join('\n')).not.toContain(SECRET)
      }
      // The counters' SQLite files hold it sealed by their own box, not in clear.
      for (const p of [a, b]) expect(JSON.stringify(p.counter.core.db.prepare('SELECT key, value FROM settings').all())).not.toContain(SECRET)
    } finally {
      await relay.close()
    }
  }, 60_000)
})
