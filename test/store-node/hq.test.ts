import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hqBoardSchema, hqReportSchema, type HqFigures, type HqReport } from '../../shared/contract/sync/hq'
import { toFen } from '../../shared/money/money'
import { storeItems } from '../../electron/store-node/store-day/items'
import { storeReport } from '../../electron/store-node/store-day/side'
import type { StoreNodeServer } from '../../electron/store-node/http'
import { usePostgres } from '../support/postgres'
import { ChainStore, hqCall, PEOPLE, pushBody, startHq, type SaleSpec } from './chain-rig'

/**
 * The chain (issue 15, store-node.md §5.8): two store nodes, each on its own database with two counters,
 * push their facts up to an HQ node on a third; HQ's reports are the sum of the stores' own days.
 */
const storeDb1 = usePostgres()
const storeDb2 = usePostgres()
const hqDb = usePostgres()

const s = {} as { hq: StoreNodeServer; zz: ChainStore; bj: ChainStore }
beforeAll(async () => {
  s.hq = await startHq(hqDb().pool)
  s.zz = await ChainStore.start(storeDb1().pool, 'P41010500218', '郑州金水店', '410105', 2)
  s.bj = await ChainStore.start(storeDb2().pool, 'P11010100301', '北京东城店', '110101', 2)
  await s.zz.pairWithHq(hqDb().pool, s.hq.url, '郑州金水店')
  await s.bj.pairWithHq(hqDb().pool, s.hq.url, '北京东城店')
}, 30_000)
afterAll(async () => {
  await s.zz?.close()
  await s.bj?.close()
  await s.hq?.close()
})

const PARTS = ['medical', 'fund', 'account', 'mutualAid', 'hospital', 'goods', 'cash', 'mobile'] as const
type Fen = Record<(typeof PARTS)[number] | 'crossMedical' | 'crossMutualAid', number> & { insuredCount: number; crossCount: number }

function fen(f: HqFigures): Fen {
  const out = {
    insuredCount: f.insuredCount,
    crossCount: f.crossProvince.insuredCount,
    crossMedical: toFen(f.crossProvince.medical),
    crossMutualAid: toFen(f.crossProvince.mutualAid),
  } as Fen
  for (const k of PARTS) out[k] = toFen(f[k])
  return out
}
function sum(list: HqFigures[]): Fen {
  const out = fen({ ...list[0], ...ZERO })
  for (const f of list.map(fen)) for (const k of Object.keys(out) as (keyof Fen)[]) out[k] += f[k]
  return out
}
const ZERO = {
  sales: 0,
  refunds: 0,
  insuredCount: 0,
  medical: '0.00',
  fund: '0.00',
  account: '0.00',
  mutualAid: '0.00',
  hospital: '0.00',
  goods: '0.00',
  cash: '0.00',
  mobile: '0.00',
  crossProvince: { insuredCount: 0, medical: '0.00', mutualAid: '0.00' },
}

async function report(from: string, to: string): Promise<HqReport> {
  const r = await hqCall<unknown>(s.hq, '/hq/v1/report', { from, to })
  expect(r.status).toBe(200)
  return hqReportSchema.parse(r.body)
}

const sale = (day: string): fc.Arbitrary<SaleSpec> =>
  fc.record({
    day: fc.constant(day),
    person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
    fund: fc.integer({ min: 0, max: 20_000 }),
    account: fc.integer({ min: 0, max: 5_000 }),
    mutualAid: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3_000 })),
    cash: fc.integer({ min: 0, max: 5_000 }),
    goods: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
    insutype: fc.constantFrom('310' as const, '390' as const),
    refunded: fc.boolean(),
  })

let dayNo = 0
const nextDay = () => new Date(Date.UTC(2026, 9, 1) + dayNo++ * 86_400_000).toISOString().slice(0, 10)

describe('facts up and consolidated reports', () => {
  it('random multi-store days: HQ per store and day equals the store node own day; every grouping adds up to the total; the amounts identity holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => {
          const days = [nextDay(), nextDay()]
          // per store, per counter, per day: a list of sales
          return fc
            .tuple(...[0, 1].map(() => fc.tuple(...[0, 1].map(() => fc.tuple(...days.map((d) => fc.array(sale(d), { maxLength: 5 })))))))
            .map((plan) => ({ days, plan }))
        }),
        async ({ days, plan }) => {
          const stores = [s.zz, s.bj]
          const expectedCross = new Map<string, number>()
          for (const [si, store] of stores.entries())
            for (const [ci, counter] of store.counters.entries()) {
              const rows = plan[si][ci].flat().flatMap((spec) => {
                const cross = PEOPLE[spec.person].insuplc.slice(0, 2) !== store.admdvs.slice(0, 2)
                if (cross && !spec.refunded) expectedCross.set(store.storeId, (expectedCross.get(store.storeId) ?? 0) + spec.mutualAid)
                return counter.saleRows(spec)
              })
              if (rows.length) await counter.push(rows)
            }
          for (const store of stores) await store.uplink().drain()

          const r = await report(days[0], days[1])
          // HQ's store day is the store's own day, read at the store node from its own database.
          for (const store of stores)
            for (const day of days) {
              const own = storeReport(store.storeId, day, await storeItems(store.pool, store.storeId, day), new Map()).figures
              const atHq = r.byStoreDay.find((x) => x.storeId === store.storeId && x.day === day)?.figures ?? { ...ZERO }
              const { crossProvince: _c, ...plain } = atHq
              expect(plain).toEqual(own)
            }
          const total = fen(r.total)
          for (const grouping of [r.byStore, r.byRegion, r.byDay, r.byMonth, r.byInsutype, r.byStoreDay])
            expect(sum(grouping.map((g) => g.figures))).toEqual(total)
          // nhsa-interface.md: medical = fund + account + mutual aid + cash (+ the institution's share), per group and in total.
          for (const f of [r.total, ...r.byStore.map((g) => g.figures), ...r.byRegion.map((g) => g.figures), ...r.byInsutype.map((g) => g.figures)].map(fen)) {
            expect(f.medical + f.goods).toBe(f.fund + f.account + f.mutualAid + f.hospital + f.cash + f.mobile)
            expect(f.crossMutualAid).toBeLessThanOrEqual(Math.max(f.mutualAid, 0))
          }
          for (const store of stores)
            expect(fen(r.byStore.find((x) => x.storeId === store.storeId)!.figures).crossMutualAid).toBe(expectedCross.get(store.storeId) ?? 0)
          expect(r.byRegion.map((g) => g.admdvs)).toEqual(['110101', '410105'])
        },
      ),
      { numRuns: 6 },
    )
  }, 120_000)

  it('a month report is the sum of its days, and a store is found by its region', async () => {
    const r = await report('2026-10-01', '2026-10-31')
    const days = r.byDay.map((d) => d.figures)
    if (days.length) expect(sum(days)).toEqual(fen(r.total))
    expect(r.byMonth.map((m) => m.month)).toEqual(days.length ? ['2026-10'] : [])
    // A day nothing was sold anywhere still lists every store and region, at zero.
    const quiet = await report('2027-01-01', '2027-01-01')
    expect(quiet.byRegion.map((x) => [x.admdvs, x.figures.medical])).toEqual([
      ['110101', '0.00'],
      ['410105', '0.00'],
    ])
    expect(r.byStore.map((x) => [x.storeId, x.admdvs])).toEqual([
      ['P11010100301', '110101'],
      ['P41010500218', '410105'],
    ])
    const refused = await hqCall<{ error: { code: string } }>(s.hq, '/hq/v1/report', { from: '2026-10-31', to: '2026-10-01' })
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } })
    const noToken = await fetch(new URL('/hq/v1/report', s.hq.url), { method: 'POST', body: JSON.stringify({ from: '2026-10-01', to: '2026-10-01' }) })
    expect(noToken.status).toBe(401)
  })
})

describe('pushing up', () => {
  it('replays, duplicates and a store restored from an older cursor converge on the state of one clean push', async () => {
    const day = nextDay()
    const c = s.zz.counters[0]
    await c.push(c.saleRows({ day, person: 0, fund: 1000, account: 500, mutualAid: 200, cash: 300, goods: 0, insutype: '310', refunded: false }))
    await s.zz.uplink().drain()
    const before = await heldAtHq()
    // Every cursor back to zero: the store sends everything again, as after a lost answer or a restored backup.
    await s.zz.pool.query('UPDATE terminals SET hq_acked_seq = 0')
    await s.zz.pool.query('UPDATE hq_links SET own_acked_seq = 0')
    expect(await s.zz.uplink().drain()).toBeGreaterThan(0)
    expect(await heldAtHq()).toEqual(before)
    expect((await s.zz.uplink().status())[0]).toMatchObject({ rows_waiting: 0, last_error: null })
  })

  it('the same key with other content is refused and the source blocked; a row naming a person is refused; nothing of either batch kept', async () => {
    const [link] = await s.zz.uplink().status()
    const key = s.zz.seal.open((await s.zz.pool.query('SELECT pairing_key_sealed FROM hq_links')).rows[0].pairing_key_sealed as string)
    const c = s.zz.counters[1]
    const t = (await s.zz.pool.query('SELECT terminal_uid, terminal_no, label, paired_at FROM terminals WHERE terminal_uid = $1', [c.reg.terminal_uid])).rows[0]
    const source = { terminal_uid: t.terminal_uid, terminal_no: t.terminal_no, label: t.label, paired_at: t.paired_at.toISOString() }
    const held = await hqDb().pool.query(
      "SELECT seq::int, tbl, pk, body::text AS body FROM journal_events WHERE terminal_uid = $1 AND tbl <> 'withheld' ORDER BY seq LIMIT 1",
      [c.reg.terminal_uid],
    )
    const push = (rows: object[]) =>
      fetch(new URL('/hq/v1/push', s.hq.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(pushBody(link.store_uid, source, rows as never)),
      })
    const before = await heldAtHq()
    const named = JSON.stringify({ id: 'x', response: JSON.stringify({ setlinfo: { psn_name: '王建国' } }) })
    const personal = await push([{ seq: 9_000_000, tbl: 'sales', pk: 'x', op: 'insert', body: named, body_sha256: sha(named) }])
    expect(personal.status).toBe(422)
    expect(((await personal.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'PERSONAL_DATA' })
    expect(await heldAtHq()).toEqual(before)

    const other = JSON.stringify({ ...JSON.parse(held.rows[0].body), goods_fen: 1 })
    const conflict = await push([{ seq: held.rows[0].seq, tbl: held.rows[0].tbl, pk: held.rows[0].pk, op: 'insert', body: other, body_sha256: sha(other) }])
    expect(conflict.status).toBe(409)
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('SYNC_BODY_CONFLICT')
    const blocked = await hqDb().pool.query('SELECT blocked_at FROM terminals WHERE terminal_uid = $1', [c.reg.terminal_uid])
    expect(blocked.rows[0].blocked_at).not.toBeNull()
    const board = hqBoardSchema.parse((await hqCall(s.hq, '/hq/v1/board', { day: '2026-10-01' })).body)
    expect(board.stores.find((x) => x.storeId === s.zz.storeId)!.blocked).toBe(true)
    // Unblocked for the tests after this one, as a re-pairing would.
    await hqDb().pool.query('UPDATE terminals SET blocked_at = NULL, blocked_reason = NULL WHERE terminal_uid = $1', [c.reg.terminal_uid])
  })

  it('HQ down never stops the store; the store catches up once HQ is back', async () => {
    const day = nextDay()
    await s.hq.close()
    const c = s.bj.counters[0]
    // The store keeps taking its counters' pushes while HQ is away.
    expect(await c.push(c.saleRows({ day, person: 2, fund: 800, account: 0, mutualAid: 100, cash: 100, goods: 0, insutype: '390', refunded: false }))).toBe(
      c.seq,
    )
    await expect(s.bj.uplink().round()).rejects.toMatchObject({ code: 'HQ_UNREACHABLE' })
    const [waiting] = await s.bj.uplink().status()
    expect(waiting.rows_waiting).toBeGreaterThan(0)
    expect(waiting.last_error).toMatch(/连不上总部/)
    s.hq = await startHq(hqDb().pool)
    await s.bj.pool.query('UPDATE hq_links SET hq_url = $1', [s.hq.url])
    await s.zz.pool.query('UPDATE hq_links SET hq_url = $1', [s.hq.url])
    await s.bj.uplink().drain()
    const [after] = await s.bj.uplink().status()
    expect(after).toMatchObject({ rows_waiting: 0, last_error: null })
    expect(after.reported_through).not.toBeNull()
    const r = await report(day, day)
    expect(r.byStore.find((x) => x.storeId === s.bj.storeId)!.figures.medical).toBe('10.00')
  })
})

describe('personal data', () => {
  it('is in no HQ table: no person number, name or ID number, no personal key, no audit text', async () => {
    const { pool } = hqDb()
    const tables = (await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t)
    expect(tables).toEqual(expect.arrayContaining(['journal_events', 'counter_rows', 'hq_stores', 'terminals']))
    const rows = (await pool.query('SELECT count(*)::int AS n FROM counter_rows')).rows[0].n as number
    expect(rows).toBeGreaterThan(20)
    const needles = [
      ...PEOPLE.flatMap((p) => [p.psn_no, p.psn_name, p.certno]),
      'psn_no',
      'psn_name',
      'certno',
      'name_masked',
      'brdy',
      'gend',
      '王*',
      'sale.settled',
    ]
    for (const t of tables) {
      const all = (await pool.query(`SELECT t::text AS row FROM ${t} t`)).rows.map((r) => r.row as string).join('\n')
      for (const n of needles) expect(all.includes(n), `${n} in ${t}`).toBe(false)
    }
    // The store node still holds what its own day needs.
    const atStore = (await s.zz.pool.query("SELECT count(*)::int AS n FROM counter_rows WHERE body->>'psn_no' IS NOT NULL")).rows[0].n as number
    expect(atStore).toBeGreaterThan(0)
  })
})

describe('pairing a store with HQ', () => {
  it('HQ allocates the store id; the key is sealed at the store and a hash at HQ; a wrong, foreign or spent code and a second pairing are refused', async () => {
    const sealed = (await s.zz.pool.query('SELECT pairing_key_sealed, store_uid FROM hq_links')).rows[0] as { pairing_key_sealed: string; store_uid: string }
    const key = s.zz.seal.open(sealed.pairing_key_sealed)
    for (const t of (await s.zz.pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows) {
      const all = (await s.zz.pool.query(`SELECT t::text AS row FROM ${t.t} t`)).rows.map((r) => r.row as string).join('\n')
      expect(all.includes(key), t.t).toBe(false)
    }
    const atHq = (await hqDb().pool.query('SELECT store_uid, store_id, admdvs FROM hq_stores WHERE store_id = $1', [s.zz.storeId])).rows[0]
    expect(atHq).toEqual({ store_uid: sealed.store_uid, store_id: s.zz.storeId, admdvs: '410105' })

    const code = await hqCall<{ code: string }>(s.hq, '/admin/v1/hq/pairing-codes', { store_id: 'P41010500999', name: '郑州新店', admdvs: '410105' })
    expect(code.status).toBe(200)
    const link = (body: object) =>
      fetch(new URL('/admin/v1/hq/link', s.zz.node.url), { method: 'POST', headers: { 'x-admin-token': 'store-admin' }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }),
      )
    // A store already paired: refused before HQ is even asked (the code stays good).
    expect((await link({ store_id: s.zz.storeId, url: s.hq.url, code: code.body.code })).body.error?.code).toBe('ALREADY_PAIRED')
    // A code HQ made for another institution.
    await s.zz.pool.query("INSERT INTO stores (store_id, name, created_at) VALUES ('P41010500998', '试用', now())")
    expect((await link({ store_id: 'P41010500998', url: s.hq.url, code: code.body.code })).body.error?.code).toBe('HQ_REFUSED')
    expect((await hqDb().pool.query("SELECT 1 FROM hq_stores WHERE store_id IN ('P41010500998', 'P41010500999')")).rowCount).toBe(0)
    expect((await link({ store_id: 'P41010500998', url: s.hq.url, code: 'ABCDEFGHJK' })).body.error?.code).toBe('HQ_REFUSED')
    expect((await link({ store_id: 'P41010500998', url: 'http://127.0.0.1:9', code: code.body.code })).body.error?.code).toBe('HQ_UNREACHABLE')
    expect((await s.zz.pool.query("SELECT 1 FROM hq_links WHERE store_id = 'P41010500998'")).rowCount).toBe(0)
    const noAdmin = await fetch(new URL('/admin/v1/hq/pairing-codes', s.hq.url), {
      method: 'POST',
      body: JSON.stringify({ store_id: 'P41010500999', name: 'x', admdvs: '410105' }),
    })
    expect(noAdmin.status).toBe(401)
  })
})

async function heldAtHq() {
  const { pool } = hqDb()
  const events = await pool.query(
    "SELECT terminal_uid, seq::int, tbl, pk, op, body, encode(body_sha256, 'hex') AS sha FROM journal_events ORDER BY terminal_uid, seq",
  )
  const rows = await pool.query('SELECT terminal_uid, tbl, pk, seq::int, op, body FROM counter_rows ORDER BY terminal_uid, tbl, pk')
  const terminals = await pool.query('SELECT terminal_uid, terminal_no, acked_seq::int, hq_store_uid FROM terminals ORDER BY terminal_uid')
  return { events: events.rows, rows: rows.rows, terminals: terminals.rows }
}

function sha(text: string) {
  return createHash('sha256').update(text).digest('hex')
}
