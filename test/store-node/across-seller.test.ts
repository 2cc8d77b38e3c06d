import { randomUUID } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { refundedElsewhereNoter } from '../../electron/core/sync/commands'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { startCounter, type Counter } from '../sale/counter-rig'
import { settleInsuredSale } from './store-rig'

/**
 * The selling counter's side of a refund at another counter: told by the store node's command, its screens say
 * where the sale was refunded and its own refund (refundSale, returnItems) is refused in words, nothing sent.
 */
const tempDir = useTempDir()
let counter: Counter | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
})

it('a sale refunded at counter 02 shows it, and refundSale and returnItems refuse it here without a platform message', async () => {
  counter = await startCounter(tempDir())
  const c = counter
  const manager = await signIn(c.core, 'manager')
  const sale = await settleInsuredSale(c)
  expect((await c.call('getSale', { saleId: sale.id })).refundedElsewhere).toBeUndefined()

  const clock = { now: () => new Date() }
  const noted = await refundedElsewhereNoter(
    c.core.db,
    clock,
    new AuditTrail(c.core.db, clock),
  )({
    command_id: randomUUID(),
    kind: 'refunded_elsewhere',
    msgid: 'H41010500218202612051200000201',
    sale_id: sale.id,
    by_terminal_no: 2,
  })
  expect(noted).toBe('noted')
  expect(await c.call('getSale', { saleId: sale.id })).toMatchObject({
    state: 'settled',
    refundedElsewhere: { terminalNo: 2, msgid: 'H41010500218202612051200000201' },
  })
  // The sales list says it too, so the cashier sees it before opening the sale.
  const listed = (await c.call('listSales', { limit: 10 })).find((s) => s.id === sale.id)
  expect(listed?.refundedElsewhere).toMatchObject({ terminalNo: 2, msgid: 'H41010500218202612051200000201' })
  const messages = () => c.core.db.prepare('SELECT COUNT(*) FROM platform_messages').pluck().get()
  const before = messages()
  const approval = { userId: manager.id, pin: manager.pin }
  const refused = await c.core.dispatch('refundSale', { saleId: sale.id, approval, reason: '顾客退货' })
  expect(refused).toMatchObject({ ok: false, error: { code: 'SALE_REFUNDED_ELSEWHERE' } })
  if (!refused.ok) expect(refused.error.message).toContain('02 号收银台退货')
  expect(await c.refused('returnItems', { saleId: sale.id, approval, reason: '部分退货', keep: [{ seq: 1, qty: '1', traceCodes: [] }] })).toBe(
    'SALE_REFUNDED_ELSEWHERE',
  )
  expect(messages()).toBe(before)
  // The boxes came back at 02: this counter may sell them again.
  expect(c.core.db.prepare('SELECT COUNT(*) FROM sold_trace_codes WHERE sale_id = ?').pluck().get(sale.id)).toBe(0)
})
