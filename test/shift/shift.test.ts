import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/base/store/database'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { EventBus } from '../../electron/core/events'
import { DayEvents } from '../../electron/core/manager/day-events'
import { ShiftService } from '../../electron/core/shift/shift-service'
import { coreMigrations } from '../../electron/core/store/migrations'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { MANAGER_APPROVAL, SHAMPOO, startDay, type DayRig } from '../manager/rig'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

const DAY = '2026-11-23'
const tempDir = useTempDir('gongji-shift-')
let rig: DayRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

async function cashSale(r: DayRig, qty = 1) {
  const opened = await r.counter.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: String(qty) }], acctUsed: false })
  return r.counter.call('settleSale', { saleId: opened.id, payment: { method: 'cash', tendered: '100' } })
}

describe('a shift at the counter (交班)', () => {
  it('opens with a float by denomination, takes sales, cash in and out, and its X report says what the drawer holds', async () => {
    rig = await startDay(tempDir(), DAY)
    const shift = await rig.counter.call('openShift', {
      float: {
        denominations: [
          { fen: 10000, count: 2 },
          { fen: 5000, count: 1 },
          { fen: 100, count: 3 },
          { fen: 50, count: 0 },
        ],
      },
    })
    expect(shift).toMatchObject({ state: 'open', cashier: 'demo-cashier', opening: '253.00', no: 1, expected: null, counted: null })
    expect(shift.openingDenominations).toEqual([
      { fen: 10000, count: 2 },
      { fen: 5000, count: 1 },
      { fen: 100, count: 3 },
    ])
    expect(await rig.counter.refused('openShift', { float: { amount: '10' } })).toBe('SHIFT_ALREADY_OPEN')

    const a = await cashSale(rig, 2)
    const { sale: insured } = await rig.insured('liRetired', { goods: true })
    await rig.counter.call('shiftCashMove', { kind: 'in', amount: '50', reason: '零钱补充' })
    await rig.counter.call('shiftCashMove', { kind: 'out', amount: '30.50', reason: '买打印纸' })
    expect(await rig.counter.refused('shiftCashMove', { kind: 'out', amount: '100000', reason: '全部取走' })).toBe('CASH_OUT_EXCEEDS_DRAWER')

    const x = await rig.counter.call('shiftXReport', {})
    expect(x.sales.count).toBe(2)
    // Every sale carries its shift, in the row itself.
    const rows = rig.core.db.prepare('SELECT id, shift_id FROM sales WHERE id IN (?, ?)').all(a.id, insured.id) as { shift_id: string }[]
    expect(rows.map((r) => r.shift_id)).toEqual([shift.id, shift.id])
    const day = await (async () => {
      await signIn(rig!.core, 'manager')
      const d = await rig!.counter.call('managerDay', { day: DAY })
      await signIn(rig!.core, 'cashier')
      return d
    })()
    // The shift's figures are the day's (one shift that day), tender by tender.
    expect({ cash: x.net.cash, mobile: x.net.mobile, fund: x.net.fund, account: x.net.account, total: x.net.total }).toEqual({
      cash: day.net.cash,
      mobile: day.net.mobile,
      fund: day.net.fund,
      account: day.net.account,
      total: day.net.total,
    })
    expect(x.cashIn).toBe('50.00')
    expect(x.cashOut).toBe('30.50')
    expect(x.moves.map((m) => m.reason)).toEqual(['零钱补充', '买打印纸'])
    const cashTaken = Number(day.net.cash.replace('.', ''))
    expect(x.expectedCash).toBe(((25300 + cashTaken + 5000 - 3050) / 100).toFixed(2))
  })

  it('closes by a blind count with the difference and a note, hands over, and a refund counts in the shift that paid it back', async () => {
    rig = await startDay(tempDir(), DAY)
    await rig.counter.call('openShift', { float: { amount: '200' } })
    const sold = await cashSale(rig, 1)
    // The open shift never shows what the close will be compared with.
    const open = await rig.counter.call('currentShift', {})
    expect(open).toMatchObject({ expected: null, difference: null })

    const { closed, next } = await rig.counter.call('closeShift', { counted: { amount: '214.00' }, note: '少了一元，可能找错零', handoverTo: 'demo-manager' })
    expect(closed.expectedCash).toBe('215.00')
    expect(closed.shift).toMatchObject({
      state: 'closed',
      counted: '214.00',
      expected: '215.00',
      difference: '-1.00',
      note: '少了一元，可能找错零',
      handedTo: 'demo-manager',
    })
    expect(next).toMatchObject({ state: 'open', cashier: 'demo-manager', opening: '214.00', handedFrom: closed.shift.id, no: 2 })
    expect(await rig.counter.call('currentShift', {})).toMatchObject({ id: next!.id })

    await rig.counter.call('refundSale', { saleId: sold.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
    const x2 = await rig.counter.call('shiftXReport', {})
    expect(x2.refunds).toMatchObject({ count: 1, cash: '15.00' })
    expect(x2.expectedCash).toBe('199.00')
    // The closed shift stays as it was closed.
    const again = await rig.counter.call('shiftXReport', { shiftId: closed.shift.id })
    expect(again).toEqual(closed)
    expect(() => rig!.core.db.prepare('UPDATE shifts SET difference_fen = 0 WHERE id = ?').run(closed.shift.id)).toThrow(/closed shift/)
    expect(await rig.counter.refused('closeShift', { counted: { amount: '1' }, handoverTo: 'nobody' })).toBe('HANDOVER_USER_UNKNOWN')

    await signIn(rig.core, 'manager')
    const list = await rig.counter.call('listShifts', { day: DAY })
    expect(list.map((s) => [s.shift.no, s.shift.difference])).toEqual([
      [1, '-1.00'],
      [2, null],
    ])
    const audit = rig.core.db.prepare("SELECT action FROM audit_log WHERE subject LIKE 'shift:%' ORDER BY seq").all() as { action: string }[]
    expect(audit.map((a) => a.action)).toEqual(['shift.open', 'shift.close', 'shift.open'])
  })

  it('refuses a sale and a refund in the core while the store requires an open shift and none is, writing nothing', async () => {
    rig = await startDay(tempDir(), DAY)
    const sold = await cashSale(rig)
    await signIn(rig.core, 'manager')
    await rig.counter.call('updateSettings', { requireOpenShift: true })
    await signIn(rig.core, 'cashier')
    const count = () => (rig!.core.db.prepare('SELECT COUNT(*) AS n FROM sales').get() as { n: number }).n
    const before = count()
    expect(await rig.counter.refused('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1' }], acctUsed: false })).toBe('SHIFT_REQUIRED')
    expect(await rig.counter.refused('refundSale', { saleId: sold.id, approval: MANAGER_APPROVAL, reason: '顾客退货' })).toBe('SHIFT_REQUIRED')
    expect(count()).toBe(before)
    expect((await rig.counter.call('counterDayStatus', {})).requireOpenShift).toBe(true)
    await rig.counter.call('openShift', { float: { amount: '0' } })
    expect((await cashSale(rig)).state).toBe('settled')
  })

  it("puts shifts, cash movements and the sale's shift into the outbox of a paired counter", async () => {
    rig = await startDay(tempDir(), DAY)
    // Paired as far as the triggers know (pairing itself is tested with a real store node in test/store-node).
    rig.core.db
      .prepare(
        "INSERT INTO sync_state (id, store_url, store_id, terminal_uid, terminal_no, pairing_key, paired_at) VALUES (1, 'http://127.0.0.1:1', 's', 'u', 1, '', ?)",
      )
      .run(new Date().toISOString())
    const shift = await rig.counter.call('openShift', { float: { amount: '100' } })
    const sale = await cashSale(rig)
    await rig.counter.call('shiftCashMove', { kind: 'out', amount: '5', reason: '买水' })
    const rows = rig.core.db.prepare('SELECT tbl, pk, body FROM sync_outbox ORDER BY seq').all() as { tbl: string; pk: string; body: string }[]
    const last = (tbl: string, pk: string) => JSON.parse(rows.filter((r) => r.tbl === tbl && r.pk === pk).at(-1)!.body) as Record<string, unknown>
    expect(last('sales', sale.id).shift_id).toBe(shift.id)
    expect(last('shifts', shift.id)).toMatchObject({ state: 'open', opening_fen: 10000 })
    expect(rows.filter((r) => r.tbl === 'shift_cash_moves').map((r) => JSON.parse(r.body).amount_fen)).toEqual([500])
  })
})

describe('shifts with no platform at all (offline)', () => {
  it('open, move cash, report and close on a bare database and clock', () => {
    const db = openDatabase(join(tempDir(), 'core.db'), coreMigrations)
    let now = new Date('2026-11-23T01:00:00Z')
    const clock = { now: () => now }
    const audit = new AuditTrail(db, clock)
    const events = new EventBus()
    const shifts = new ShiftService({
      db,
      clock,
      audit,
      events,
      settings: () => ({ ...DEFAULT_SETTINGS, trainingMode: false }),
      dayItems: (d, t) => new DayEvents(db).items(d, t),
    })
    const cashier = { id: 'c1', name: '收银员', role: 'cashier' as const }
    shifts.open({ denominations: [{ fen: 5000, count: 2 }] }, cashier)
    shifts.cashMove('in', '0.10', '硬币', cashier)
    now = new Date('2026-11-23T17:00:00Z') // past midnight in Beijing: the shift spans two business days
    expect(shifts.xReport(undefined).expectedCash).toBe('100.10')
    const { closed } = shifts.close(
      {
        denominations: [
          { fen: 5000, count: 2 },
          { fen: 10, count: 2 },
        ],
      },
      undefined,
      undefined,
      cashier,
    )
    expect(closed.shift).toMatchObject({ counted: '100.20', expected: '100.10', difference: '0.10' })
    db.close()
  })
})
