import { afterAll, beforeAll, expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, traceCode, type StoreCounter } from '../stock/stock-rig'
import { openStoreCounter, useSharedTrainingStore } from './shared-training'
import { clock, STORE } from './store-rig'

/**
 * Pairing gives the counter the number the store node allocated, and the msgids carry it. The platform clients
 * built before pairing still sign out (9002) when the new ones replace them: they sent that 9002 under the old
 * number, a msgid another counter of the store may use in the same second. Every message after the change goes
 * under the new number; a message journaled before it keeps its own msgid when it is sent again.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStore(db, tempDir)
let gateway: RewritingProxy
beforeAll(async () => {
  gateway = await startRewritingProxy(store.sandbox.url)
})
afterAll(() => gateway.close())

const digits = (e: Record<string, unknown>) => String(e.msgid).slice(26, 28)
const LOST = { status: 502, body: 'bad gateway' }

it('pairing moves the counter from 01 to 02: every later message goes under 02, both old clients’ sign-outs included; a 2601 journaled under 01 keeps its msgid', async () => {
  // Another counter of the store holds 01 already, so this one (T01, no number yet: 01) gets 02.
  const registry = new TerminalRegistry(db().pool, clock)
  await registry.pair((await registry.newPairingCode(STORE, '一号收银台')).code, '一号收银台')
  const dir = tempDir()
  let c: StoreCounter = await openStoreCounter(store.sandbox, dir, gateway.url)

  // Under 01: the cashier's client signs in (1101), the background's too (3201 of the manager's reconciliation).
  const member = await c.member('wangFather')
  await c.call('reconcileDay', { day: cstDay(c.clock.now()) })
  // A settlement whose answer and every inline reversal's answer are lost: its 2601 stays journaled under 01.
  gateway.replace('2102', LOST)
  gateway.replace('2601', LOST)
  const sale = await c.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
  await c.call('presettleSale', { saleId: sale.id })
  expect(await c.refused('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })).toBe('SETTLEMENT_UNRESOLVED')
  gateway.clear()
  const journaled = (c.core.db.prepare("SELECT msgid FROM platform_messages WHERE infno = '2601'").get() as { msgid: string }).msgid
  expect(journaled.slice(26, 28)).toBe('01')
  const before = gateway.envelopes.filter((e) => e.infno !== '2601').map(digits)
  expect(new Set(before)).toEqual(new Set(['01']))

  const from = gateway.envelopes.length
  const { code } = await registry.newPairingCode(STORE, '二号收银台')
  await c.call('pairWithStoreNode', { url: store.node.url, code })
  expect((await c.call('syncStatus', {})).terminalNo).toBe(2)
  // The next message builds the new clients; both old ones sign out.
  await c.member('liRetired')
  await eventually(
    'both old clients signed out',
    () => Promise.resolve(gateway.envelopes.slice(from).filter((e) => e.infno === '9002').length),
    (n) => n === 2,
  )
  // A restart: start-up recovery sends the journaled 2601 again, under its own msgid (the 30 s retry may have already).
  await c.close()
  c = await openStoreCounter(store.sandbox, dir, gateway.url)
  store.counters.push(c)
  await eventually(
    'the lost settlement reversed',
    () => c.call('listSales', {}),
    (sales) => sales.find((s) => s.id === sale.id)?.state === 'draft',
  )
  await c.member('liuWife')

  const after = gateway.envelopes.slice(from)
  const resent = after.filter((e) => e.msgid === journaled)
  expect(resent.length).toBeGreaterThan(0)
  expect(resent.every((e) => e.infno === '2601')).toBe(true)
  const fresh = after.filter((e) => e.msgid !== journaled)
  expect(fresh.map((e) => e.infno)).toEqual(expect.arrayContaining(['9002', '9002', '9001', '1101']))
  expect(fresh.map((e) => [e.infno, digits(e)]).filter(([, d]) => d !== '02')).toEqual([])
}, 120_000)
