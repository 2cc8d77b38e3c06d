import { expect, it } from 'vitest'
import { PosError } from '../../shared/contract'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { refusalOf, StoreCounter, useStoreDay } from './store-day-rig'

/**
 * The seller's own refund takes the sale's lease too (issue 15): before, A refunding its own sale and B refunding
 * it through the store node both sent a 2103 and the platform refused the second. Now exactly one 2103 reaches the
 * platform and the other counter is refused in words naming the counter at work. Cut off from the store node, the
 * seller refunds as a standalone counter would, and the store node refuses every other counter that sale while it
 * does not hear from the seller (SALE_SELLER_SILENT).
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)

const refusal = refusalOf

/** A refund started and held at its first step (the lease taken, no 2103 yet) until `letGo`. */
function heldAt(start: (step: () => Promise<void>) => Promise<unknown>) {
  let letGo!: () => void
  const held = new Promise<void>((r) => (letGo = r))
  const done = start(() => held)
  return { letGo, done }
}

const leases = (saleId: string, where = 'true') =>
  db()
    .pool.query<{ n: string }>(`SELECT count(*) AS n FROM sale_leases WHERE sale_id = $1 AND ${where}`, [saleId])
    .then((r) => Number(r.rows[0].n))

const synced = (seller: StoreCounter, saleId: string) =>
  eventually(
    `sale ${saleId} at the store node`,
    () => seller.across.find({ sale_id: saleId }),
    (v) => v.length === 1 && v[0].sale.state === seller.rig.journal.ledger.get(saleId).state,
  )

/** Every 2103 the platform received for this sale's settlement, accepted or not. */
const refundsSent = (saleId: string) => {
  const settled = store.a.rig.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2102' AND state = 'answered'").pluck().get(saleId)
  const at = (c: StoreCounter) =>
    c.rig.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2103' AND state <> 'intent'").pluck().all(saleId) as string[]
  const sent = [...at(store.a), ...at(store.b)]
  const received = store.sandbox.db.prepare("SELECT msgid FROM messages WHERE infno = '2103'").pluck().all() as string[]
  expect(settled).toBeTruthy()
  return sent.filter((m) => received.includes(m)).length
}

const no = (c: StoreCounter) => String(c.terminalNo).padStart(2, '0')

it('A refunding its own sale while B refunds it elsewhere: one 2103 reaches the platform, the other counter is told who holds it', async () => {
  const { a, b } = store
  // A holds the lease (its 2103 on the way): B is refused, naming A.
  const first = await a.sell('wangFather')
  await synced(a, first)
  const atA = heldAt((step) => a.across.refundOwn(first, true, () => step().then(() => a.refund(first))))
  await eventually(
    'A’s own lease',
    () => leases(first, 'expires_at > now()'),
    (n) => n === 1,
  )
  const atB = await refusal(b.across.refund(first, (id) => b.refund(id)))
  expect(atB.code).toBe('SALE_LEASED')
  expect(atB.message).toContain(`${no(a)} 号收银台正在办理`)
  atA.letGo()
  await atA.done
  expect(a.rig.journal.ledger.get(first).state).toBe('refunded')
  expect(refundsSent(first)).toBe(1)
  await synced(a, first)
  expect((await refusal(b.across.refund(first, (id) => b.refund(id)))).code).toBe('SALE_ALREADY_REFUNDED')

  // B holds the lease: A's own refund is refused before anything is sent, naming B.
  const second = await a.sell('liRetired')
  await synced(a, second)
  const byB = heldAt((step) => b.across.refund(second, (id) => step().then(() => b.refund(id))))
  await eventually(
    'B’s lease',
    () => leases(second, 'terminal_uid <> owner_uid'),
    (n) => n === 1,
  )
  const own = await refusal(a.across.refundOwn(second, true, () => a.refund(second)))
  expect(own.code).toBe('SALE_LEASED')
  expect(own.message).toContain(`${no(b)} 号收银台正在办理`)
  byB.letGo()
  await byB.done
  expect(refundsSent(second)).toBe(1)

  // At the very same moment, without a hand on either: still one 2103.
  const third = await a.sell('liuWife')
  await synced(a, third)
  const outcomes = await Promise.allSettled([a.across.refundOwn(third, true, () => a.refund(third)), b.across.refund(third, (id) => b.refund(id))])
  const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'refunded' : (o.reason as PosError).code))
  expect(codes.filter((c) => c === 'refunded')).toHaveLength(1)
  expect(['SALE_LEASED', 'SALE_ALREADY_REFUNDED', 'SALE_REFUNDED_ELSEWHERE']).toContain(codes.find((c) => c !== 'refunded'))
  expect(refundsSent(third)).toBe(1)
}, 120_000)

it('a sale A refunds before the store node has it is still leased; A cut off refunds as before, and B is refused until A is heard', async () => {
  const { a, b } = store
  // Not pushed yet: A's lease is made with A as the owner, and B meets it once the sale arrives.
  await a.pusher.stop()
  const early = await a.sell('zhangHusband')
  const atA = heldAt((step) => a.across.refundOwn(early, true, () => step().then(() => a.refund(early))))
  await eventually(
    'A’s lease before its sale',
    () => leases(early),
    (n) => n === 1,
  )
  a.pusher.start()
  await eventually(
    'A’s sale at the store node',
    () => b.across.find({ sale_id: early }),
    (v) => v.length === 1,
  )
  expect((await refusal(b.across.refund(early, (id) => b.refund(id)))).code).toBe('SALE_LEASED')
  atA.letGo()
  await atA.done
  expect(refundsSent(early)).toBe(1)

  // A loses the store node: its own refund goes ahead unleased (the customer is at its desk) ...
  const cut = await a.sell('wangFather')
  await synced(a, cut)
  await a.pusher.stop()
  const url = a.rig.db.prepare('SELECT store_url FROM sync_state').pluck().get() as string
  a.rig.db.prepare("UPDATE sync_state SET store_url = 'http://127.0.0.1:9'").run()
  await a.across.refundOwn(cut, true, () => a.refund(cut))
  expect(a.rig.journal.ledger.get(cut).state).toBe('refunded')
  // ... and the store node, which last heard A more than a minute ago, refuses B that sale, naming A.
  await db().pool.query("UPDATE terminals SET reported_through = now() - interval '2 minutes' WHERE terminal_no = $1", [a.terminalNo])
  const silent = await refusal(b.across.refund(cut, (id) => b.refund(id)))
  expect(silent.code).toBe('SALE_SELLER_SILENT')
  expect(silent.message).toContain(`${no(a)} 号收银台`)
  expect(refundsSent(cut)).toBe(1)

  // A back: its refund reaches the store node and B is told the sale is refunded.
  a.rig.db.prepare('UPDATE sync_state SET store_url = ?').run(url)
  a.pusher.start()
  await synced(a, cut)
  expect((await refusal(b.across.refund(cut, (id) => b.refund(id)))).code).toBe('SALE_ALREADY_REFUNDED')
  expect(refundsSent(cut)).toBe(1)
}, 120_000)
