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
