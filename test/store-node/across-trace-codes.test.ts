import { expect, it } from 'vitest'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { traceCode, type Counter } from '../sale/counter-rig'
import { clock, STORE, useStoreNode } from './store-rig'

/**
 * store-node.md §2 Q1: a box sold at counter A was sold again at counter B, each counter knowing only its
 * own sales. In store mode openSale asks the store node, and says when it could not.
 */
const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)

const IBUPROFEN = 'SP00012'

async function paired(label: string): Promise<Counter> {
  const c = await rig.counter(tempDir())
  await signIn(c.core, 'manager')
  const { code } = await new TerminalRegistry(db().pool, clock).newPairingCode(STORE, label)
  await c.call('pairWithStoreNode', { url: rig.node().url, code })
  return c
}

async function sellBox(c: Counter, code: string) {
  const member = await c.member('wangFather')
  const sale = await c.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: true })
  await c.call('presettleSale', { saleId: sale.id })
  await c.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
  return sale
}

it('a box sold at A is refused at B; with the store node down B checks its own record and says so', async () => {
  const a = await paired('一号收银台')
  const b = await paired('二号收银台')
  const box = traceCode()
  const sold = await sellBox(a, box)
  expect(sold.traceCodesChecked).toBe('store')
  await eventually(
    'A’s sale at the store node',
    () => a.call('syncStatus', {}),
    (s) => s.waiting === 0 && s.ackedSeq > 0,
  )

  const member = await b.member('liRetired')
  const cart = (code: string) => ({ memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: true })
  const res = await b.core.dispatch('openSale', cart(box))
  expect(res).toMatchObject({ ok: false, error: { code: 'TRACE_CODE_SOLD' } })
  if (!res.ok) expect(res.error.message).toContain('01 号收银台售出')
  expect(b.core.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 })
  // Another box is free store-wide.
  const other = await b.call('openSale', cart(traceCode()))
  expect(other.traceCodesChecked).toBe('store')
  await b.call('voidSale', { saleId: other.id, reason: '测试' })

  // The store node down: B knows only its own sales, and the answer says the check went no further.
  await rig.node().close()
  const alone = await b.call('openSale', cart(box))
  expect(alone.traceCodesChecked).toBe('counter')
})
