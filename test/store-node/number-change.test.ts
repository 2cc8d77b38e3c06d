import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import type { StoreCounter } from '../stock/stock-rig'
import { lostSettlement, openStoreCounter, useSharedTrainingStoreBehindGateway } from './shared-training'
import { clock, STORE } from './store-rig'

/**
 * Pairing gives the counter the number the store node allocated, and the msgids carry it. The platform clients
 * built before pairing still sign out (9002) when the new ones replace them: they sent that 9002 under the old
 * number, a msgid another counter of the store may use in the same second. Every message after the change goes
 * under the new number; a message journaled before it keeps its own msgid when it is sent again.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStoreBehindGateway(db, tempDir)
const digits = (e: Record<string, unknown>) => String(e.msgid).slice(26, 28)

it('pairing moves the counter from 01 to 02: every later message goes under 02, both old clients’ sign-outs included; a 2601 journaled under 01 keeps its msgid', async () => {
  // Another counter of the store holds 01 already, so this one (T01, no number yet: 01) gets 02.
  const registry = new TerminalRegistry(db().pool, clock)
  await registry.pair((await registry.newPairingCode(STORE, '一号收银台')).code, '一号收银台')
  const dir = tempDir()
  let c: StoreCounter = await openStoreCounter(store.sandbox, dir, store.gateway.url)

  // Under 01: the cashier's client signs in (1101), the background's too (3201 of the manager's reconciliation).
  await c.member('wangFather')
  await c.call('reconcileDay', { day: cstDay(c.clock.now()) })
  // A settlement whose answer and every inline reversal's answer are lost: its 2601 stays journaled under 01.
  const { saleId } = await lostSettlement(c, store.gateway)
  const journaled = (c.core.db.prepare("SELECT msgid FROM platform_messages WHERE infno = '2601'").get() as { msgid: string }).msgid
  expect(journaled.slice(26, 28)).toBe('01')
  const before = store.gateway.envelopes.filter((e) => e.infno !== '2601').map(digits)
  expect(new Set(before)).toEqual(new Set(['01']))

  const from = store.gateway.envelopes.length
  const { code } = await registry.newPairingCode(STORE, '二号收银台')
  await c.call('pairWithStoreNode', { url: store.node.url, code })
  expect((await c.call('syncStatus', {})).terminalNo).toBe(2)
  // The next message builds the new clients; both old ones sign out.
  await c.member('liRetired')
  await eventually(
    'both old clients signed out',
    () => Promise.resolve(store.gateway.envelopes.slice(from).filter((e) => e.infno === '9002').length),
    (n) => n === 2,
  )
  // A restart: start-up recovery sends the journaled 2601 again, under its own msgid (the 30 s retry may have already).
  await c.close()
  c = await openStoreCounter(store.sandbox, dir, store.gateway.url)
  store.counters.push(c)
  await eventually(
    'the lost settlement reversed',
    () => c.call('listSales', {}),
    (sales) => sales.find((s) => s.id === saleId)?.state === 'draft',
  )
  await c.member('liuWife')

  const after = store.gateway.envelopes.slice(from)
  const resent = after.filter((e) => e.msgid === journaled)
  expect(resent.length).toBeGreaterThan(0)
  expect(resent.every((e) => e.infno === '2601')).toBe(true)
  const fresh = after.filter((e) => e.msgid !== journaled)
  expect(fresh.map((e) => e.infno)).toEqual(expect.arrayContaining(['9002', '9002', '9001', '1101']))
  expect(fresh.map((e) => [e.infno, digits(e)]).filter(([, d]) => d !== '02')).toEqual([])
}, 120_000)
