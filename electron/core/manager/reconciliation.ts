import { PosError } from '../../../shared/contract'
import type { Difference, ReconRun } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { DetailDifference } from '../../../shared/recon/detail-differences'
import { totalReconData, totalsRow } from '../../../shared/recon/store-side'
import type { Caller } from '../transport'
import { notFuture, refuseIfClosed, type ManagerDeps } from './context'
import { DayEvents } from './day-events'
import { detailReconcile } from './detail-recon'
import { DifferenceActions, mayReverseOrphans } from './difference-actions'
import { StoreSide } from './store-side'
import { ReconStore } from './recon-store'
import { acctPayIncludesMulaid, yuanText } from './totals'

type PlatformDiff = DetailDifference

const AMOUNT = (n: number) => yuanText(toFen(n))

function detailRowView(r: PlatformDiff['store']): Difference['store'] {
  if (!r) return null
  return {
    setlId: r.setl_id,
    mdtrtId: r.mdtrt_id,
    medical: AMOUNT(r.medfee_sumamt),
    fund: AMOUNT(r.fund_pay_sumamt),
    account: AMOUNT(r.acct_pay),
    refund: r.refd_setl_flag === '1',
  }
}

/**
 * Every answer, in the order asked; the first failure once all have landed, so nothing of a run is still on
 * the wire when the next may start.
 */
async function allAnswered<T>(asked: Promise<T>[]): Promise<T[]> {
  const landed = await Promise.allSettled(asked)
  const failed = landed.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  return landed.map((r) => (r as PromiseFulfilledResult<T>).value)
}

/**
 * Daily reconciliation with the platform: 3201 per insurance type and clearing type; where any
 * disagrees, the detail file goes up with 9101 and 3202 lists every difference. Each run, each
 * difference and everything done about it is kept, and audited in the same transaction.
 */
export class Reconciliation {
  private busy = false
  readonly actions: DifferenceActions

  constructor(
    private readonly deps: ManagerDeps,
    private readonly events = new DayEvents(deps.db),
  ) {
    this.actions = new DifferenceActions(deps, (id) => this.view(id))
  }

  async run(day: string, caller: Caller): Promise<ReconRun> {
    notFuture(this.deps, day)
    if (this.busy) throw new PosError('RECON_BUSY')
    this.busy = true
    try {
      const target = await this.deps.platform.background()
      refuseIfClosed(this.deps.db, day, target.training)
      const side = new StoreSide(this.events.items(day, target.training))
      const optins = this.deps.settings().admdvs
      const includesMulaid = acctPayIncludesMulaid(this.deps.settings())
      // The 3201s are independent questions about the day (a query each, nothing recorded on either side): asked
      // together on the background client, so the round trips overlap instead of adding up.
      const totals = await allAnswered(
        side
          .combos(optins)
          .map(async (g) => totalsRow(g, (await target.client.call('3201', { data: totalReconData(day, g, includesMulaid) })).output.stmtinfo)),
      )
      const agreed = totals.every((t) => t.agreed)
      // Quiet combinations (nothing on either side) only clutter the screen once they have agreed.
      const shown = totals.filter((t) => !t.agreed || t.count !== 0 || t.medical !== '0.00' || side.groups.has(`${t.insutype}|${t.clrType}|${t.setlOptins}`))

      let detail: ReconRun['detail'] = null
      let differences: PlatformDiff[] = []
      if (!agreed) {
        const sum = side.total(optins)
        ;({ detail, differences } = await detailReconcile(target.client, {
          day,
          optins,
          file: side.detailFile(optins),
          count: sum.count,
          medicalFen: sum.medical,
          fundFen: sum.fund,
          cashFen: sum.cash,
        }))
      }
      const saleOf = new Map(side.rows.flatMap((r) => (r.saleId === null ? [] : [[r.setlId, r.saleId] as const])))
      const id = this.store(day, target.training, caller, agreed, shown, detail, differences, saleOf, side.fingerprint())
      this.deps.events.emit('managerDayChanged', { day, training: target.training, what: 'reconciled' })
      return this.view(id)
    } finally {
      this.busy = false
    }
  }

  private store(
    day: string,
    training: boolean,
    caller: Caller,
    agreed: boolean,
    totals: ReconRun['totals'],
    detail: ReconRun['detail'],
    differences: PlatformDiff[],
    saleOf: Map<string, string>,
    fingerprint: string,
  ): number {
    const db = this.deps.db
    return db.transaction(() => {
      const at = this.deps.clock.now().toISOString()
      const recon = new ReconStore(db)
      const id = recon.insertRun({
        day,
        training: training ? 1 : 0,
        at,
        actor: caller.id,
        status: agreed ? 'agreed' : 'differences',
        totals: JSON.stringify(totals),
        detail: detail ? JSON.stringify(detail) : null,
        fingerprint,
      })
      const insert = recon.differenceWriter(id, day, training ? 1 : 0)
      const orphansReversible = mayReverseOrphans(this.deps.settings())
      differences.forEach((d, i) => {
        const match = d.kind === 'only_platform' && d.platform ? this.actions.inBetweenFor(d.platform, training) : null
        const actions: Difference['actions'] =
          d.kind !== 'only_platform'
            ? ['explain']
            : match
              ? ['resolve', 'explain']
              : d.refd_setl_flag === '0' && orphansReversible
                ? ['reverse_orphan', 'explain']
                : ['explain']
        insert(i + 1, {
          setl_id: d.setl_id,
          kind: d.kind,
          refd_setl_flag: d.refd_setl_flag,
          fields: JSON.stringify(d.fields),
          store_row: d.store ? JSON.stringify(d.store) : null,
          platform_row: d.platform ? JSON.stringify(d.platform) : null,
          sale_id: saleOf.get(d.setl_id) ?? match?.saleId ?? null,
          msgid: match?.msgid ?? null,
          actions: JSON.stringify(actions),
        })
      })
      this.deps.audit.append({
        actor: caller.id,
        action: 'recon.run',
        subject: `day:${day}`,
        detail: { run: id, training, result: agreed ? 'agreed' : 'differences', differences: differences.length, fingerprint },
      })
      return id
    })()
  }

  view(id: number): ReconRun {
    const recon = new ReconStore(this.deps.db)
    const r = recon.run(id)
    if (!r) throw new PosError('DIFFERENCE_NOT_FOUND', { runId: id })
    const diffs = recon.differences(id).map((d): Difference => ({
      seq: d.seq,
      setlId: d.setl_id,
      kind: d.kind,
      refund: d.refd_setl_flag === '1',
      fields: JSON.parse(d.fields) as string[],
      store: detailRowView(d.store_row ? (JSON.parse(d.store_row) as PlatformDiff['store']) : null),
      platform: detailRowView(d.platform_row ? (JSON.parse(d.platform_row) as PlatformDiff['platform']) : null),
      saleId: d.sale_id,
      actions: JSON.parse(d.actions) as Difference['actions'],
      resolution: d.resolution,
      note: d.note,
      resolvedBy: d.resolved_by,
      resolvedAt: d.resolved_at,
    }))
    const status: ReconRun['status'] = r.status === 'agreed' ? 'agreed' : diffs.every((d) => d.resolution === 'explained') ? 'explained' : 'differences'
    return {
      id: r.id,
      day: r.day,
      training: r.training === 1,
      at: r.at,
      actor: r.actor,
      status,
      totals: JSON.parse(r.totals) as ReconRun['totals'],
      detail: r.detail ? (JSON.parse(r.detail) as ReconRun['detail']) : null,
      differences: diffs,
    }
  }

  latestId(day: string, training: boolean): number | null {
    return new ReconStore(this.deps.db).latestRunId(day, training ? 1 : 0)
  }

  latestFingerprint(id: number): string {
    return new ReconStore(this.deps.db).fingerprint(id)
  }

  history(day: string, training: boolean) {
    const latest = this.latestId(day, training)
    const runs = new ReconStore(this.deps.db).runIds(day, training ? 1 : 0, 50).map((id) => ({ id }))
    const actions = this.deps.audit
      .forSubject(`day:${day}`)
      .filter((a) => a.detail.training === training)
      .map((a) => ({ at: a.at, actor: a.actor, action: a.action, detail: a.detail }))
    return {
      latest: latest === null ? null : this.view(latest),
      runs: runs.map(({ id }) => {
        const v = this.view(id)
        return { id, at: v.at, actor: v.actor, status: v.status, differences: v.differences.length }
      }),
      actions,
    }
  }
}
