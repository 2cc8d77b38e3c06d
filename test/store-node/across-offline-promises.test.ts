import { expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { toFen } from '../../shared/money/money'
import { usePostgres } from '../support/postgres'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { traceCode, type StoreCounter } from '../stock/stock-rig'
import { startStoreNode } from '../../electron/store-node/http'
import { pairedStoreCounter, untilOffline, useSharedTrainingStore } from './shared-training'
import { offlinePromises } from '../../electron/store-node/across/offline-promises-store'
import { ADMIN_TOKEN, clock, STORE } from './store-rig'

/**
 * Issue 15: a relative's quota promised offline at counter A was promised again at counter B (each counter's
 * queue knew only its own promises). In store mode the offline estimate counts the other counters' promises
 * (the store node answers), holds its own there before the sale is queued, and, with the store node
 * unreachable, promises only this counter's share of the balance, and says so. A forwarded and answered sale's
 * promise is released.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStore(db, tempDir)
const counters = store.counters

const AMLODIPINE = 'SP00002'
const PRESCRIPTION = { rxno: 'RX20261205002', external: false, pharmacist: '李药师' }
/** His daughter's quota for 王建国, who has no own account. */
const QUOTA_FEN = 60_000

async function counter(label: string): Promise<StoreCounter> {
  const c = await pairedStoreCounter(db, store.node, store.sandbox, tempDir(), label)
  counters.push(c)
  return c
}

/** 王建国's sale of `boxes` amlodipine on his daughter's quota, opened offline by his ID card. */
async function open(c: StoreCounter, boxes: number) {
  const { member } = await c.call('identifyOffline', { idCardNo: DEMO_PEOPLE.wangFather.certno })
  expect(member.quotas.map((q) => q.remaining)).toEqual(['600.00'])
  return c.call('openSale', {
    memberRef: member.ref,
    lines: [{ storeCode: AMLODIPINE, qty: String(boxes), traceCodes: Array.from({ length: boxes }, () => traceCode()) }],
    acctUsed: true,
    mulaidId: member.quotas[0].mulaidId,
    prescription: PRESCRIPTION,
  })
}

const settleDeposit = (c: StoreCounter, saleId: string) =>
  c.core.dispatch('settleOffline', { saleId, mode: 'deposit', payment: { method: 'cash', tendered: '9999' } })

it('a quota promised offline at A is not promised again at B; cut off, B promises its share; answered, it is released', async () => {
  const a = await counter('一号收银台')
  const b = await counter('二号收银台')
  // The provincial extension under which the store picks the relative's quota (a store setting, published once).
  await a.call('publishMasterData', { kind: 'settings', patch: { storeChosenRelative: true } })
  for (const c of [a, b]) {
    await eventually(
      'the store setting pulled',
      () => c.call('getSettings', {}),
      (v) => v.storeChosenRelative,
      15_000,
    )
    await c.member('wangFather')
  }
  await a.faults({ down: true })
  await untilOffline(a)
  await untilOffline(b)

  // Both estimate before anything is promised: each would take the same part of the quota.
  const atA = await open(a, 18)
  const first = await a.call('quoteOffline', { saleId: atA.id })
  expect(first.storePromises).toEqual({ scope: 'store', counters: 2 })
  const promisedAtA = toFen(first.estimate.mutualAid)
  expect(promisedAtA).toBeGreaterThan(QUOTA_FEN / 2)
  const atB = await open(b, 18)
  const before = await b.call('quoteOffline', { saleId: atB.id })
  expect(toFen(before.estimate.mutualAid)).toBe(promisedAtA)

  // A takes it offline first, its promise held at the store node: B's estimate now counts it, and B's own sale
  // promises only what is left.
  const settled = await settleDeposit(a, atA.id)
  expect(settled.ok).toBe(true)
  const after = await b.call('quoteOffline', { saleId: atB.id })
  expect(toFen(after.estimate.mutualAid)).toBe(QUOTA_FEN - promisedAtA)
  expect(toFen(after.estimate.quotaLeft!)).toBe(0)
  expect((await settleDeposit(b, atB.id)).ok).toBe(true)
  const queued = (await b.call('offlineSales', { open: true, limit: 10 })).find((s) => s.saleId === atB.id)!
  expect(toFen(queued.estimate.mutualAid)).toBe(QUOTA_FEN - promisedAtA)

  // The store node unreachable: B's next estimate counts only its share, 600 ÷ 2 counters, less its own.
  const port = Number(new URL(store.node.url).port)
  await store.node.close()
  // (The 100.00 sale would take 100.00 of the 600.00 snapshot's quota; here it gets 300.00 less B's 240.00.)
  expect(QUOTA_FEN - promisedAtA).toBe(24_000)
  const third = await open(b, 5)
  const cut = await b.call('quoteOffline', { saleId: third.id })
  expect(cut.storePromises).toEqual({ scope: 'share', counters: 2 })
  expect(toFen(cut.estimate.mutualAid)).toBe(QUOTA_FEN / 2 - 24_000)
  await b.call('voidSale', { saleId: third.id, reason: '测试' })
  store.node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN, port })

  // The platform back: A forwards its sale, the answer reaches the store node, and A's promise no longer counts.
  await a.faults({ down: false })
  await a.call('forwardNow', {})
  await eventually(
    'A’s sale answered and synced',
    () => db().pool.query("SELECT body->>'outcome' AS o FROM counter_rows WHERE tbl = 'offline_sales' AND pk = $1", [atA.id]),
    (r) => r.rows[0]?.o === 'settled',
    30_000,
  )
  const fourth = await open(b, 1)
  const released = await b.call('quoteOffline', { saleId: fourth.id })
  expect(released.storePromises).toEqual({ scope: 'store', counters: 2 })
  // What is left is the snapshot's 600.00 less B's own promise (240.00, or nothing once B's sale is answered too).
  expect([QUOTA_FEN - 24_000, QUOTA_FEN]).toContain(toFen(released.estimate.quotaLeft!) + toFen(released.estimate.mutualAid))
}, 180_000)

it('two counters holding the same quota at the same moment: the store node holds one, the other is told to estimate again', async () => {
  const uids = (await db().pool.query<{ terminal_uid: string }>('SELECT terminal_uid FROM terminals WHERE store_id = $1 ORDER BY terminal_no', [STORE])).rows
  expect(uids.length).toBeGreaterThanOrEqual(2)
  type Hold = Parameters<typeof offlinePromises>[4]['hold']
  const ask = (uid: string, saleId: string, hold: Hold) =>
    offlinePromises(db().pool, clock, STORE, uid, {
      version: 1,
      terminal_uid: uid,
      sale_id: saleId,
      psn_no: '41010099000000000099',
      mulaid_id: 'MA9',
      training: true,
      hold,
    })
  // Both estimated when nobody had promised anything: each would take 400.00 of a 600.00 quota.
  const both = { acct_fen: 0, quota_fen: 40_000, counted: { acct_fen: 0, quota_fen: 0 } }
  const [one, two] = await Promise.all([ask(uids[0].terminal_uid, 'race-a', both), ask(uids[1].terminal_uid, 'race-b', both)])
  expect([one.held, two.held].sort()).toEqual([false, true])
  // The loser sees the winner's promise and estimates with it.
  const loser = one.held ? uids[1].terminal_uid : uids[0].terminal_uid
  expect(await ask(loser, 'race-c', null)).toMatchObject({ quota_fen: 40_000, held: false })
})
