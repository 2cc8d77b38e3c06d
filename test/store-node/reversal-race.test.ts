import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import { expect, it } from 'vitest'
import { ReversalsUnderWay } from '../../electron/core/journal/reversals'
import { commandReverseInBetween } from '../../electron/store-node/commands-store'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, MovableClock, StoreCounter, traceCode } from '../stock/stock-rig'
import { signIn } from '../support/core-session'
import { lostSettlement, pairedStoreCounter, sharedTraining, useSharedTrainingStoreBehindGateway } from './shared-training'
import { STORE } from './store-rig'

/**
 * "Nothing lost, nothing twice" where the store and the counter meet: the store's reconciliation tells the
 * counter to reverse its message left between intent and answer (a store command), while the counter's own
 * recovery reverses the same message. A real store node on PostgreSQL, the counter's full core, the sandbox
 * platform behind a gateway that counts (and holds) what the counter sends.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStoreBehindGateway(db, tempDir)
const sent2601 = (from: number) => store.gateway.envelopes.slice(from).filter((e) => e.infno === '2601')

async function commandFor(terminalNo: number, msgid: string): Promise<void> {
  const uid = (await db().pool.query('SELECT terminal_uid FROM terminals WHERE store_id = $1 AND terminal_no = $2', [STORE, terminalNo])).rows[0]
    .terminal_uid as string
  const client = await db().pool.connect()
  try {
    await commandReverseInBetween(client, { commandId: randomUUID(), storeId: STORE, terminalUid: uid, msgid, at: new Date() })
  } finally {
    client.release()
  }
}

const commandOutcome = async (msgid: string) =>
  ((await db().pool.query('SELECT outcome FROM store_commands WHERE msgid = $1', [msgid])).rows[0] as { outcome: string | null } | undefined)?.outcome ?? null

/** The platform's own record of reversals of the message. */
const reversalsAtPlatform = (msgid: string) =>
  (store.sandbox.db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'reversal' AND ref_msgid = ?").get(msgid) as { n: number }).n

it('the store’s command and the counter’s recovery reverse one lost answer at once: one 2601 goes out, the sale is open again, the command done', async () => {
  const dir = tempDir()
  const first = await pairedStoreCounter(db, store.node, store.sandbox, dir, '一号收银台', store.gateway.url)
  const { saleId, msgid } = await lostSettlement(first, store.gateway)
  const { terminalNo } = await first.call('syncStatus', {})
  expect(reversalsAtPlatform(msgid)).toBe(1)
  // The counter is off while the store decides; at its restart its recovery and its first push (the store's
  // commands after it) both reach for the message.
  await first.close()
  await commandFor(terminalNo!, msgid)
  store.gateway.hold('2601', 'request')
  const from = store.gateway.envelopes.length
  const moving = new MovableClock()
  const core = await createCore(
    { dataDir: join(dir, 'data'), shell: 'web', version: 'test' },
    { training: sharedTraining(store.sandbox, store.gateway.url), log: () => {}, clock: moving },
  )
  const a = new StoreCounter(core, moving)
  store.counters.push(a)
  const reversals = ReversalsUnderWay.of(core.db)
  await eventually(
    'a 2601 on its way',
    () => Promise.resolve(store.gateway.held('2601')),
    (n) => n >= 1,
  )
  // Whichever came second either joined the reversal under way or sent its own 2601.
  await eventually(
    'both at once',
    () => Promise.resolve({ joined: reversals.joinedOf(msgid), held: store.gateway.held('2601') }),
    (s) => s.joined >= 1 || s.held >= 2,
  )
  store.gateway.release('2601')
  await a.ready()
  await signIn(core, 'manager')
  await eventually(
    'the command done',
    () => commandOutcome(msgid),
    (o) => o !== null,
  )
  expect(await commandOutcome(msgid)).toBe('reversed')
  expect(sent2601(from)).toHaveLength(1)
  expect(reversals.joinedOf(msgid)).toBe(1)
  await eventually(
    'the sale open again',
    () => a.call('listSales', {}),
    (sales) => sales.find((s) => s.id === saleId)?.state === 'draft',
  )
  // The platform undid it once, long ago (the first inline 2601 reached it); nothing undone twice.
  expect(reversalsAtPlatform(msgid)).toBe(1)
}, 120_000)

it('a command for a message its sender is still sending waits for it: no 2601, the sale settles, the command ends not_open', async () => {
  const b = await pairedStoreCounter(db, store.node, store.sandbox, tempDir(), '二号收银台', store.gateway.url)
  store.counters.push(b)
  const member = await b.member('liRetired')
  const sale = await b.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
  await b.call('presettleSale', { saleId: sale.id })
  // The platform commits the 2102; its answer is held on the way.
  store.gateway.hold('2102', 'answer')
  const from = store.gateway.envelopes.length
  const settling = b.core.dispatch('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
  await eventually(
    'the 2102 committed, its answer on the way',
    () => Promise.resolve(store.gateway.held('2102')),
    (n) => n === 1,
  )
  const { msgid } = b.core.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2102'").get(sale.id) as { msgid: string }
  // The store saw the platform's row and this counter's message in intent, older than any guess of "in flight"
  // (a slow gateway, a sign-in first: age says nothing about whether its sender is still at work).
  b.core.db.prepare("UPDATE platform_messages SET created_at = '2000-01-01T00:00:00.000Z' WHERE msgid = ?").run(msgid)
  const { terminalNo } = await b.call('syncStatus', {})
  await commandFor(terminalNo!, msgid)
  // The counter's pusher takes the command on its next rounds; while the sender holds the message it waits.
  await new Promise((r) => setTimeout(r, 7_000))
  expect(await commandOutcome(msgid)).toBeNull()
  store.gateway.release('2102')
  expect(await settling).toMatchObject({ ok: true, value: { state: 'settled' } })
  await eventually(
    'the command done',
    () => commandOutcome(msgid),
    (o) => o !== null,
    30_000,
  )
  expect(await commandOutcome(msgid)).toBe('not_open')
  expect(sent2601(from)).toHaveLength(0)
  expect(reversalsAtPlatform(msgid)).toBe(0)
}, 120_000)
