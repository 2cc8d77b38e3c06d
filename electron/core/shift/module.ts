import type { CoreContext, CoreModule } from '../module'
import { isClosed as closedIn, notFuture, todayOf, type ManagerDeps, type ManagerModule, supplementaryZReceiptDoc } from '../manager'
import { shiftReceiptDoc } from './shift-receipt'
import { ShiftService } from './shift-service'

type ShiftCalls =
  | 'currentShift'
  | 'openShift'
  | 'shiftCashMove'
  | 'shiftXReport'
  | 'printShiftReport'
  | 'closeShift'
  | 'listShifts'
  | 'counterDayStatus'
  | 'issueSupplementaryZ'
  | 'printSupplementaryZ'
  | 'supplementaryZs'

export interface ShiftModule extends CoreModule<ShiftCalls> {
  /** The sale and refund calls ask it first: refused while the store requires an open shift and none is. */
  shifts: ShiftService
}

/** 交班 at the counter, and the day's supplementary Z's for what came after its close. */
export function shiftModule(ctx: CoreContext, manager: Pick<ManagerModule, 'dayItems' | 'supplementary'>): ShiftModule {
  const settings = () => ctx.settings.get()
  const shifts = new ShiftService({ db: ctx.db, clock: ctx.clock, audit: ctx.audit, events: ctx.events, settings, dayItems: manager.dayItems })
  const day: Pick<ManagerDeps, 'clock'> = { clock: ctx.clock }
  const isClosed = (d: string, training: boolean) => closedIn(ctx.db, d, training)
  return {
    shifts,
    handlers: {
      currentShift: () => shifts.current(),
      openShift: ({ float }, caller) => shifts.open(float, caller),
      shiftCashMove: ({ kind, amount, reason }, caller) => shifts.cashMove(kind, amount, reason, caller),
      shiftXReport: ({ shiftId }) => shifts.xReport(shiftId),
      printShiftReport: async ({ shiftId }) => {
        const x = shifts.xReport(shiftId)
        return { lines: await ctx.printer.printDocument((columns) => shiftReceiptDoc(x, settings().fixmedinsName, columns)) }
      },
      closeShift: ({ counted, note, handoverTo }, caller) => shifts.close(counted, note, handoverTo, caller),
      listShifts: ({ day: d }) => {
        notFuture(day, d)
        return shifts.ofDay(d)
      },
      counterDayStatus: () => {
        const s = settings()
        const today = todayOf(day)
        const closed = isClosed(today, s.trainingMode)
        return {
          day: today,
          closed,
          late: closed ? manager.supplementary.late(today, s.trainingMode).length : 0,
          shift: shifts.current(),
          requireOpenShift: s.requireOpenShift,
        }
      },
      issueSupplementaryZ: ({ day: d }, caller) => {
        notFuture(day, d)
        return manager.supplementary.issue(d, caller)
      },
      printSupplementaryZ: async ({ day: d, part }) => {
        const s = settings()
        const z = manager.supplementary.one(d, part, s.trainingMode)
        return {
          lines: await ctx.printer.printDocument((columns) =>
            supplementaryZReceiptDoc(z, { fixmedinsCode: s.fixmedinsCode, fixmedinsName: s.fixmedinsName }, columns),
          ),
        }
      },
      supplementaryZs: ({ day: d }) => {
        notFuture(day, d)
        const t = settings().trainingMode
        return { day: d, closed: isClosed(d, t), late: manager.supplementary.late(d, t).length, parts: manager.supplementary.issued(d, t) }
      },
    },
  }
}
