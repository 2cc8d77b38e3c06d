import type { AuditEntry, DayReport } from '../../../shared/contract/manager/schemas'
import { zReceiptDoc } from './z-receipt'
import type { CoreContext, CoreModule } from '../module'
import { checkAudit, AuditStore } from '../audit'
import { managerDepsOf, notFuture, userNames } from './context'
import { DayClose } from './day-close'
import { DayEvents, eventView, type DayItem } from './day-events'
import { buildDayReport, matches } from './day-report'
import { Exporter } from './export'
import { counterMonth, MonthStatements } from './month-statement'
import { PendingView } from './pending'
import { Reconciliation } from './reconciliation'
import { SupplementaryZs } from './supplementary-z'

type ManagerCalls =
  | 'managerDay'
  | 'managerDrill'
  | 'reconcileDay'
  | 'printZReport'
  | 'reconciliationOf'
  | 'resolveDifference'
  | 'closeDay'
  | 'zReport'
  | 'monthStatement'
  | 'exportReport'
  | 'pendingItems'
  | 'verifyAudit'
  | 'auditEntries'

export interface ManagerModule extends CoreModule<ManagerCalls> {
  /** Where the offline queue plugs its receivables and refunds owed into the pending view and the day close. */
  pending: PendingView
  /** The day's sales and refunds (the shifts' X reports count the same items). */
  dayItems: (day: string, training: boolean) => DayItem[]
  /** The supplementary Z's of closed days (B2). */
  supplementary: SupplementaryZs
}

/** The manager's side of the day: figures, reconciliation, day close, month statement, exports, pending, audit. */
export function managerModule(ctx: CoreContext): ManagerModule {
  const deps = managerDepsOf(ctx)
  const events = new DayEvents(ctx.db)
  const training = () => ctx.settings.get().trainingMode
  const live = (day: string, t: boolean, items = events.cached(day, t)): DayReport =>
    buildDayReport(day, t, items, { user: userNames(ctx.db) }, ctx.clock.now().toISOString())
  const pending = new PendingView(ctx.db, ctx.printer)
  const recon = new Reconciliation(deps, events)
  const close = new DayClose(deps, recon, pending, live, events)
  const report = (day: string, t: boolean) => close.frozen(day, t) ?? live(day, t)
  const months = new MonthStatements(deps)
  const ownMonth = (month: string) =>
    months.statement(month, async ({ begin, end, days }, t) => ({
      side: counterMonth(events, days, t, deps.settings().admdvs),
      closed: close.closedDays(begin, end, t),
    }))
  const exporter = new Exporter(deps, {
    dayReport: report,
    events,
    latestRun: (day, t) => {
      const id = recon.latestId(day, t)
      return id === null ? null : recon.view(id)
    },
    statement: ownMonth,
  })

  return {
    pending,
    dayItems: (day, t) => events.items(day, t),
    supplementary: new SupplementaryZs(deps, events, live),
    handlers: {
      managerDay: ({ day }) => {
        notFuture(deps, day)
        return report(day, training())
      },
      managerDrill: ({ day, group, key, kind, offset, limit }) => {
        notFuture(deps, day)
        const all = events.cached(day, training()).filter((i) => (kind === 'all' || i.kind === kind) && matches(i, group, key))
        return { total: all.length, events: all.slice(offset, offset + limit).map(eventView) }
      },
      reconcileDay: ({ day }, caller) => recon.run(day, caller),
      reconciliationOf: ({ day }) => recon.history(day, training()),
      resolveDifference: ({ runId, seq, action, note }, caller) => recon.actions.act(runId, seq, action, note, caller),
      closeDay: ({ day, acknowledgeQueue, note }, caller) => close.close(day, acknowledgeQueue, note, caller),
      zReport: ({ day }) => close.zReport(day),
      printZReport: async ({ day }) => {
        const z = close.zReport(day)
        return { lines: await ctx.printer.printDocument((columns) => zReceiptDoc(z, columns)) }
      },
      monthStatement: ({ month }) => ownMonth(month),
      exportReport: ({ scope, period, format }) => exporter.export(scope, period, format),
      pendingItems: () => pending.view(training()),
      verifyAudit: () => checkAudit(ctx.db, ctx.audit, ctx.clock.now()),
      auditEntries: ({ before, subject, limit }) => {
        return new AuditStore(ctx.db).page(before ?? null, subject ?? null, limit) as AuditEntry[]
      },
    },
  }
}
