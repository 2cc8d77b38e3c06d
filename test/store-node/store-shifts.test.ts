import { expect, it } from 'vitest'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { EventBus } from '../../electron/core/events'
import { DayEvents } from '../../electron/core/manager/day-events'
import { cstDay } from '../../electron/core/sale/cst'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { ShiftService } from '../../electron/core/shift/shift-service'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { useStoreDay, type StoreCounter } from './store-day-rig'

/** A counter's shifts (交班) reach the store node with its sales: the store Z's shift section fills from them. */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)
const day = () => cstDay(new Date())

function shiftsOf(c: StoreCounter) {
  const clock = { now: () => new Date() }
  return new ShiftService({
    db: c.rig.db,
    clock,
    audit: new AuditTrail(c.rig.db, clock),
    events: new EventBus(),
    settings: () => ({ ...DEFAULT_SETTINGS, trainingMode: false }),
    dayItems: (d, t) => new DayEvents(c.rig.db).items(d, t),
  })
}

it("puts each counter's shift on its synced sales: the store Z has one section per shift", async () => {
  const caller = { id: store.a.cashier, name: '', role: 'cashier' as const }
  const shift = shiftsOf(store.a).open({ amount: '100' }, caller)
  await store.a.sell('wangFather')
  await store.a.sell('liRetired', 2)
  await store.b.sell('zhangHusband')
  const byShift = (v: { report: { byShift: { terminalNo: number; shiftId: string; figures: { sales: number } }[] } }) =>
    v.report.byShift.map((s) => [s.terminalNo, s.shiftId, s.figures.sales])
  const view = await eventually(
    'the sales reach the store node',
    () => store.m.call('storeDay', { day: day() }),
    (v) => byShift(v).length > 0 && v.terminals.every((t) => t.complete),
  )
  expect(byShift(view)).toEqual([[store.a.terminalNo, shift.id, 2]])
})

it('refuses the store close while a counter’s shift is open, naming the counter and cashier; closes once it is handed over', async () => {
  const caller = { id: store.b.cashier, name: '', role: 'cashier' as const }
  const shifts = shiftsOf(store.b)
  shifts.open({ amount: '50' }, caller)
  await store.b.sell('liuWife')
  const bNo = String(store.b.terminalNo).padStart(2, '0')
  const seen = await eventually(
    'B’s open shift at the store node',
    () => store.m.call('storeDay', { day: day() }),
    (v) => v.openShifts.some((s) => s.terminalNo === store.b.terminalNo) && v.terminals.every((t) => t.complete),
  )
  // The manager sees which counters still have a drawer open (A's from the test above, B's now).
  expect(seen.openShifts.map((s) => [s.terminalNo, s.cashier])).toEqual([
    [store.a.terminalNo, store.a.cashier],
    [store.b.terminalNo, store.b.cashier],
  ])
  expect(await store.m.call('reconcileStore', { day: day() })).toMatchObject({ status: 'agreed' })
  const refused = await store.m.refused('closeStoreDay', { day: day() })
  expect(refused.code).toBe('SHIFTS_OPEN')
  expect(refused.message).toContain(`T${bNo} 二号收银台 收银员 ${store.b.cashier}`)
  expect(refused.message).toContain(`收银员 ${store.a.cashier}`)
  expect(await store.m.call('storeZReports', { day: day() })).toEqual([])

  // Both hand over (a blind count each); once their closes reach the store node the day closes.
  shiftsOf(store.a).close({ amount: '100' }, undefined, undefined, { id: store.a.cashier, name: '', role: 'cashier' })
  shifts.close({ amount: '50' }, '少了零钱', undefined, caller)
  await eventually(
    'the closed shifts at the store node',
    () => store.m.call('storeDay', { day: day() }),
    (v) => v.openShifts.length === 0 && v.terminals.every((t) => t.complete),
  )
  const z = await store.m.call('closeStoreDay', { day: day() })
  expect(z.part).toBe(0)
}, 60_000)
