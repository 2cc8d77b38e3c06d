import { afterAll, expect, it } from 'vitest'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import { rowForHq } from '../../electron/store-node/hq/uplink'
import { usePostgres } from '../support/postgres'
import { nodeProcess } from './node-process'
import { ChainStore, clock } from './chain-rig'

const storeDb = usePostgres()
const hqDb = usePostgres()
let store: ChainStore | undefined
afterAll(() => store?.close())

/** What a store sends HQ for each of its sources, each row once, as one clean push would leave it. */
async function cleanApplication(s: ChainStore) {
  const out: { terminal_uid: string; seq: number; tbl: string; pk: string; op: string; body: unknown; sha: string }[] = []
  const uid = (await s.pool.query('SELECT store_uid FROM hq_links')).rows[0].store_uid as string
  const own = await s.pool.query('SELECT seq::int, tbl, pk, op, body::text AS body FROM hq_outbox ORDER BY seq')
  const counters = await s.pool.query('SELECT terminal_uid, seq::int, tbl, pk, op, body::text AS body FROM journal_events ORDER BY terminal_uid, seq')
  for (const r of [...own.rows.map((x) => ({ ...x, terminal_uid: uid })), ...counters.rows]) {
    const row = rowForHq(r.seq, r.tbl, r.pk, r.op, r.body)
    out.push({ terminal_uid: r.terminal_uid, seq: row.seq, tbl: row.tbl, pk: row.pk, op: row.op, body: JSON.parse(row.body), sha: row.body_sha256 })
  }
  return out.sort((a, b) => a.terminal_uid.localeCompare(b.terminal_uid) || a.seq - b.seq)
}

it('HQ killed between its commit and its answer holds the batch the store never heard of; the store pushes again and HQ ends in the state of one clean push', async () => {
  store = await ChainStore.start(storeDb().pool, 'P41010500218', '郑州金水店', '410105', 2, { batchRows: 5 })
  for (const c of store.counters)
    for (let i = 0; i < 4; i++)
      await c.push(
        c.saleRows({ day: '2026-11-02', person: i, fund: 1000, account: 200 * i, mutualAid: 50 * i, cash: 100, goods: 0, insutype: '310', refunded: i === 3 }),
      )
  const first = await nodeProcess(hqDb(), 2, 'hq')
  const { code } = await new HqRegistry(hqDb().pool, clock).newPairingCode(store.storeId, '郑州金水店', '410105')
  await store.uplink().link(store.storeId, first.url, code)
  await expect(store.uplink().drain()).rejects.toMatchObject({ code: 'HQ_UNREACHABLE' })
  expect(await first.exited).toBe('SIGKILL')
  // The second batch is committed at HQ, but the store only heard of the first.
  const heard = (await store.pool.query('SELECT sum(hq_acked_seq)::int AS n FROM terminals')).rows[0].n as number
  const held = (await hqDb().pool.query('SELECT sum(acked_seq)::int AS n FROM terminals WHERE terminal_no > 0')).rows[0].n as number
  expect(held).toBe(heard + 5)

  const second = await nodeProcess(hqDb(), 0, 'hq')
  await store.pool.query('UPDATE hq_links SET hq_url = $1', [second.url])
  expect(await store.uplink().drain()).toBeGreaterThan(0)
  await second.stop()

  const atHq = await hqDb().pool.query("SELECT terminal_uid, seq::int, tbl, pk, op, body, encode(body_sha256, 'hex') AS sha FROM journal_events")
  const sorted = atHq.rows.sort((a, b) => a.terminal_uid.localeCompare(b.terminal_uid) || a.seq - b.seq)
  expect(sorted).toEqual(await cleanApplication(store))
  const acked = await hqDb().pool.query('SELECT terminal_uid, acked_seq::int FROM terminals WHERE terminal_no > 0 ORDER BY terminal_uid')
  expect(acked.rows).toEqual(
    store.counters.map((c) => ({ terminal_uid: c.reg.terminal_uid, acked_seq: c.seq })).sort((a, b) => a.terminal_uid.localeCompare(b.terminal_uid)),
  )
}, 60_000)
