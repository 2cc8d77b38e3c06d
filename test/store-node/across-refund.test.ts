import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { PosError } from '../../shared/contract'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { fenOf, platformLedger, refusalOf, StoreCounter, useStoreDay } from './store-day-rig'

/**
 * store-node.md §2 Q5 with the store node: a refund at counter B of a sale made at counter A answered
 * SALE_NOT_FOUND. Now B finds A's sale through the store node (by the receipt's code, the settlement id, or
 * the day and the member), leases it, refunds it under its own msgid with its own journal, and A, told by
 * the store, refuses its own refund of it.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)

const refusal = (p: Promise<unknown>) => refusalOf(p).then((e) => e.code)

/** Waits until the store node holds the seller's sale as it is now (its pusher runs in the background). */
const synced = (seller: StoreCounter, saleId: string) =>
  eventually(
    `sale ${saleId} at the store node`,
    () => seller.across.find({ sale_id: saleId }),
    (v) => v.length === 1 && v[0].sale.state === seller.rig.journal.ledger.get(saleId).state,
  )

it('B refunds A’s sale under its own msgid; the lease keeps a third counter out; A is told and refuses its own refund', async () => {
  const { a, b } = store
  const c = await StoreCounter.register(db().pool, store.node, store.sandbox, tempDir(), '三号收银台', 'C003')
  try {
    const saleId = await a.sell('wangFather', 2)
    const sold = a.rig.journal.ledger.get(saleId)
    // Before: B's own journal has never heard of it.
    expect(await refusal(b.refund(saleId))).toBe('SALE_NOT_FOUND')

    // Found at the store node three ways, with A's lines and A's number.
    await synced(a, saleId)
    const [byCode] = await b.across.find({ sale_id: saleId })
    expect(byCode).toMatchObject({ terminal_no: a.terminalNo, refunded: false, sale: { id: saleId, setl_id: sold.setl_id, state: 'settled' } })
    expect(byCode.lines).toHaveLength(1)
    expect((await b.across.find({ setl_id: sold.setl_id! })).map((s) => s.sale_id)).toEqual([saleId])
    expect((await b.across.find({ day: cstDay(new Date()), psn_no: DEMO_PEOPLE.wangFather.psn_no })).map((s) => s.sale_id)).toContain(saleId)

    // While B holds the lease (its 2103 on the way), C cannot start a refund of the same sale.
    let letGo!: () => void
    const held = new Promise<void>((r) => (letGo = r))
    const atB = b.across.refund(saleId, async (id) => {
      await held
      await b.refund(id)
    })
    const leaseOf = () =>
      db()
        .pool.query<{ terminal_uid: string }>('SELECT terminal_uid FROM sale_leases WHERE sale_id = $1', [saleId])
        .then((r) => r.rows[0]?.terminal_uid)
    await eventually('B’s lease', leaseOf, (uid) => uid === b.rig.db.prepare('SELECT terminal_uid FROM sync_state').pluck().get())
    expect(await refusal(c.across.refund(saleId, () => Promise.resolve()))).toBe('SALE_LEASED')
    letGo()
    const msgid = await atB

    // The 2103 went under B's number, through B's journal; the platform revoked A's settlement once.
    expect(msgid.slice(26, 28)).toBe(String(b.terminalNo).padStart(2, '0'))
    expect(b.rig.journal.ledger.get(saleId).state).toBe('refunded')
    const revoke = store.sandbox.db.prepare("SELECT msgid FROM ledger WHERE kind = 'revoke' AND msgid = ?").get(msgid)
    expect(revoke).toBeTruthy()
    expect(a.rig.journal.ledger.get(saleId).state).toBe('settled')

    // A is told through the store node and refuses its own refund in words; the sale is refunded store-wide.
    await eventually(
      'A told',
      async () => a.rig.db.prepare('SELECT by_terminal_no FROM refunded_elsewhere WHERE sale_id = ?').get(saleId),
      (v) => v !== undefined,
    )
    const atA = await a.rig.journal.refund(saleId, 'C001', 'M001').catch((e: PosError) => e)
    expect(atA).toMatchObject({ code: 'SALE_REFUNDED_ELSEWHERE' })
    expect((atA as PosError).message).toContain(`${String(b.terminalNo).padStart(2, '0')} 号收银台退货`)
    expect(a.rig.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'sale.refunded_elsewhere' AND subject = ?").get(saleId)).toEqual({
      actor: 'store',
      detail: JSON.stringify({ byTerminalNo: b.terminalNo, msgid }),
    })
    expect(await refusal(c.across.refund(saleId, () => Promise.resolve()))).toBe('SALE_ALREADY_REFUNDED')
    expect((await c.across.find({ sale_id: saleId }))[0].refunded).toBe(true)
    expect(platformLedger(store.sandbox).revokes).toBe(1)

    // The store's day counts A's sale at A and its refund at B, and agrees with the platform.
    const run = await store.m.call('reconcileStore', { day: cstDay(new Date()) })
    expect(run).toMatchObject({ status: 'agreed' })
    const view = await store.m.call('storeDay', { day: cstDay(new Date()) })
    const counter = (no: number) => view.report.byCounter.find((x) => x.terminalNo === no)!.figures
    expect(counter(a.terminalNo)).toMatchObject({ sales: 1, refunds: 0 })
    expect(counter(b.terminalNo)).toMatchObject({ sales: 0, refunds: 1 })
    expect(fenOf(view.report.figures.medical)).toBe(platformLedger(store.sandbox).medfee)
  } finally {
    await c.close()
  }
}, 120_000)

it('B and C refunding the same sale at the same moment: one refunds it, the other is refused, the platform revokes once', async () => {
  const { a, b } = store
  const c = await StoreCounter.register(db().pool, store.node, store.sandbox, tempDir(), '四号收银台', 'C004')
  try {
    const saleId = await a.sell('liRetired')
    await synced(a, saleId)
    const revokesBefore = platformLedger(store.sandbox).revokes
    const outcomes = await Promise.allSettled([b.across.refund(saleId, (id) => b.refund(id)), c.across.refund(saleId, (id) => c.refund(id))])
    const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'refunded' : (o.reason as PosError).code))
    expect(codes.filter((c) => c === 'refunded')).toHaveLength(1)
    // The loser is held off by the lease (or, had the winner already finished, by the record of its refund).
    expect(['SALE_LEASED', 'SALE_ALREADY_REFUNDED']).toContain(codes.find((c) => c !== 'refunded'))
    expect(platformLedger(store.sandbox).revokes).toBe(revokesBefore + 1)
    expect(await refusal(c.across.refund(saleId, (id) => c.refund(id)))).toBe('SALE_ALREADY_REFUNDED')
  } finally {
    await c.close()
  }
}, 60_000)

it('a refund the platform refuses gives the lease back at once; one’s own sale is refunded at its own counter', async () => {
  const { a, b } = store
  const saleId = await a.sell('liuWife')
  await synced(a, saleId)
  expect(await refusal(a.across.refund(saleId, () => Promise.resolve()))).toBe('CROSS_REFUND_OWN_SALE')
  expect(await refusal(b.across.refund(saleId, () => Promise.reject(new PosError('APPROVAL_NOT_MANAGER', { name: '张三', action: '退货' }))))).toBe(
    'APPROVAL_NOT_MANAGER',
  )
  // No lease left behind: A may refund its own sale, and the store knows it is refunded.
  await a.refund(saleId)
  await eventually(
    'A’s refund at the store node',
    () => b.across.find({ sale_id: saleId }),
    (v) => v[0]?.refunded === true,
  )
  expect(await refusal(b.across.refund(saleId, (id) => b.refund(id)))).toBe('SALE_ALREADY_REFUNDED')
}, 60_000)

it('through the core: the manager’s counter finds A’s sale by its receipt code and refunds it with a PIN; A refuses it after', async () => {
  const { a, m } = store
  const saleId = await a.sell('zhangHusband')
  await synced(a, saleId)
  const { setl_id } = a.rig.journal.ledger.get(saleId)
  const [found] = await m.call('findStoreSales', { setlId: setl_id! })
  expect(found).toMatchObject({ saleId, terminalNo: a.terminalNo, state: 'settled', insured: true, refunded: false, total: '20.00' })
  expect(await m.refused('refundStoreSale', { saleId, approval: { userId: m.manager.userId, pin: '000000' }, reason: '顾客退货' })).toMatchObject({
    code: 'LOGIN_FAILED',
  })
  const refunded = await m.call('refundStoreSale', { saleId, approval: m.manager, reason: '顾客退货' })
  expect(refunded).toMatchObject({ id: saleId, state: 'refunded' })
  const msgid = m.core.db
    .prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2103' AND state = 'answered'")
    .pluck()
    .get(saleId) as string
  expect(msgid.slice(26, 28)).toBe(String(m.core.settings.get().terminalNo).padStart(2, '0'))
  expect(m.core.db.prepare('SELECT reported_at IS NOT NULL FROM shadow_sales WHERE sale_id = ?').pluck().get(saleId)).toBe(1)
  await eventually(
    'A told',
    async () => a.rig.db.prepare('SELECT 1 FROM refunded_elsewhere WHERE sale_id = ?').get(saleId),
    (v) => v !== undefined,
  )
  expect(await refusal(a.refund(saleId))).toBe('SALE_REFUNDED_ELSEWHERE')
  expect((await m.call('findStoreSales', { saleId }))[0].refunded).toBe(true)
}, 60_000)

it('a refund whose report to the store node was lost is reported with B’s next push round, and A is told', async () => {
  const { a, b } = store
  const saleId = await a.sell('wangFather')
  await synced(a, saleId)
  const msgid = await b.across.refund(saleId, (id) => b.refund(id))
  // As if the store node's answer to the release never came, and it never recorded it.
  b.rig.db.prepare('UPDATE shadow_sales SET reported_at = NULL WHERE sale_id = ?').run(saleId)
  await db().pool.query("DELETE FROM store_commands WHERE kind = 'refunded_elsewhere' AND sale_id = $1", [saleId])
  await db().pool.query('UPDATE sale_leases SET refunded_at = NULL, refund_msgid = NULL, expires_at = now() WHERE sale_id = $1', [saleId])
  a.rig.db.prepare('DELETE FROM refunded_elsewhere WHERE sale_id = ?').run(saleId)

  await eventually(
    'B reports again',
    async () => b.rig.db.prepare('SELECT reported_at FROM shadow_sales WHERE sale_id = ?').pluck().get(saleId),
    (v) => v !== null,
  )
  const lease = await db().pool.query('SELECT refund_msgid FROM sale_leases WHERE sale_id = $1', [saleId])
  expect(lease.rows[0].refund_msgid).toBe(msgid)
  await eventually(
    'A told',
    async () => a.rig.db.prepare('SELECT msgid FROM refunded_elsewhere WHERE sale_id = ?').pluck().get(saleId),
    (v) => v === msgid,
  )
}, 60_000)
