import { expect, it } from 'vitest'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, MANAGER_APPROVAL, traceCode, type StoreCounter } from '../stock/stock-rig'
import { drained, recordFacts } from '../stock/uploads-rig'
import { openStoreCounter, pairedStoreCounter, useSharedTrainingStore } from './shared-training'

/**
 * A refund at counter B of a sale counter A made: the customer hands the box back at B, so it goes into B's
 * stock (B's ledger, a movement referencing A's sale) and B reports it to the platform (3506), exactly once.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStore(db, tempDir)
const counters = store.counters

const dirs = new Map<StoreCounter, string>()
async function counter(label: string): Promise<StoreCounter> {
  const dir = tempDir()
  const c = await pairedStoreCounter(db, store.node, store.sandbox, dir, label)
  dirs.set(c, dir)
  counters.push(c)
  await recordFacts(c)
  await c.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
  return c
}

const returns = (c: StoreCounter, saleId: string) =>
  c.core.db.prepare("SELECT lot_id, qty_units, source_line FROM stock_movement WHERE kind = 'sale_return' AND source_id = ?").all(saleId) as {
    lot_id: string
    qty_units: number
    source_line: number
  }[]
const uploads3506 = (c: StoreCounter, saleId: string) =>
  (c.core.db.prepare("SELECT request, state FROM offline_queue WHERE infno = '3506' AND sale_id = ?").all(saleId) as { request: string; state: string }[]).map(
    (r) => ({ state: r.state, selinfo: (JSON.parse(r.request) as { selinfo: Record<string, unknown> }).selinfo }),
  )

it('B refunds A’s sale: the box goes into B’s stock (the lot B sells next) and B sends one 3506 against A’s batch, once, through a restart', async () => {
  const a = await counter('一号收银台')
  const b = await counter('二号收银台')
  const box = traceCode()
  const sold = (await a.receive(IBUPROFEN, 'A2601', 5, { traceCodes: [box] })).lots[0]
  // Received first, expiring last: the return goes by expiry, as a sale would take.
  await b.receive(IBUPROFEN, 'B-FAR', 2, { expiryInDays: 600 })
  const near = (await b.receive(IBUPROFEN, 'B-NEAR', 2, { expiryInDays: 120 })).lots[0]

  await drained(a)
  await drained(b)
  const member = await a.member('wangFather')
  const sale = await a.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [box] }], acctUsed: true })
  await a.call('presettleSale', { saleId: sale.id })
  await a.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
  await eventually(
    'A’s sale at the store node',
    () => a.call('syncStatus', {}),
    (s) => s.waiting === 0,
  )
  expect(await a.onHand(IBUPROFEN)).toEqual({ A2601: 96 })

  const refunded = await b.call('refundStoreSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
  expect(refunded.state).toBe('refunded')
  // Into B's stock: the unexpired lot B would sell from next, one box of 24; A's stock stays as sold.
  expect(await b.onHand(IBUPROFEN)).toEqual({ 'B-NEAR': 72, 'B-FAR': 48 })
  expect(returns(b, sale.id)).toEqual([{ lot_id: near.lotId, qty_units: 24, source_line: 1 }])
  expect(b.ledgerAgrees()).toBe(true)
  expect(await a.onHand(IBUPROFEN)).toEqual({ A2601: 96 })

  // B reports the return to the platform under its own msgid, against the batch A's 3505 named (the only one the
  // platform takes a return of), for A's sale.
  await drained(b)
  const sent = uploads3506(b, sale.id)
  expect(sent).toHaveLength(1)
  expect(sent[0]).toMatchObject({
    state: 'done',
    selinfo: { fixmedins_bchno: sold.bchno, manu_lotnum: 'A2601', sel_retn_cnt: 1, medins_prod_sel_no: sale.id },
  })
  expect(uploads3506(a, sale.id)).toEqual([])

  // Replayed (a second refund is refused) and recovered (B restarts and its recovery runs): still once.
  expect(await b.core.dispatch('refundStoreSale', { saleId: sale.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })).toMatchObject({ ok: false })
  await b.close()
  counters.splice(counters.indexOf(b), 1)
  const again = await openStoreCounter(store.sandbox, dirs.get(b)!)
  counters.push(again)
  await drained(again)
  expect(returns(again, sale.id)).toHaveLength(1)
  expect(uploads3506(again, sale.id)).toHaveLength(1)
  expect(await again.onHand(IBUPROFEN)).toEqual({ 'B-NEAR': 72, 'B-FAR': 48 })
}, 120_000)
