import { PosError } from '../../../shared/contract'
import type { Difference, ReconRun } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { DetailDifference } from '../../../shared/recon/detail-differences'
import { totalReconData, totalsRow } from '../../../shared/recon/store-side'
import type { Caller } from '../transport/dispatcher'
import { notFuture, refuseIfClosed, type ManagerDeps } from './context'
import { DayEvents } from './day-events'
import { detailReconcile } from './detail-recon'
import { DifferenceActions, mayReverseOrphans } from './difference-actions'
import { StoreSide } from './store-side'
import { acctPayIncludesMulaid, yuanText } from './totals'

type PlatformDiff = DetailDifference

interface RunRow {
  id: number
  day: string
  training: number
  at: string
  actor: string
  status: 'agreed' | 'differences'
  totals: string
  detail: string | null
  fingerprint: string
}

interface DiffRow {
  run_id: number
  seq: number
  setl_id: string
  kind: Difference['kind']
  refd_setl_flag: '0' | '1'
  fields: string
  store_row: string | null
  platform_row: string | null
  sale_id: string | null
  msgid: string | null
  actions: string
  resolution: Difference['resolution']
  note: string | null
  resolved_by: string | null
  resolved_at: string | null
}

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
      const totals: ReconRun['totals'] = []
      for (const g of side.combos(optins)) {
        const { output } = await target.client.call('3201', { data: totalReconData(day, g, includesMulaid) })
        totals.push(totalsRow(g, output.stmtinfo))
      }
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
      const id = Number(
        db
          .prepare('INSERT INTO recon_runs (day, training, at, actor, status, totals, detail, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(
            day,
            training ? 1 : 0,
            at,
            caller.id,
            agreed ? 'agreed' : 'differences',
            JSON.stringify(totals),
            detail ? JSON.stringify(detail) : null,
            fingerprint,
          ).lastInsertRowid,
      )
      // An explanation given in an earlier run of the day still explains the same difference.
      const explained = db.prepare(
        `SELECT d.note, d.resolved_by, d.resolved_at FROM recon_differences d JOIN recon_runs r ON r.id = d.run_id
         WHERE r.day = ? AND r.training = ? AND d.setl_id = ? AND d.kind = ? AND d.resolution = 'explained' ORDER BY d.run_id DESC LIMIT 1`,
      )
      const insert = db.prepare(
        `INSERT INTO recon_differences (run_id, seq, setl_id, kind, refd_setl_flag, fields, store_row, platform_row, sale_id, msgid, actions, resolution, note, resolved_by, resolved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
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
        const before = explained.get(day, training ? 1 : 0, d.setl_id, d.kind) as { note: string; resolved_by: string; resolved_at: string } | undefined
        insert.run(
          id,
          i + 1,
          d.setl_id,
          d.kind,
          d.refd_setl_flag,
          JSON.stringify(d.fields),
          d.store ? JSON.stringify(d.store) : null,
          d.platform ? JSON.stringify(d.platform) : null,
          saleOf.get(d.setl_id) ?? match?.saleId ?? null,
          match?.msgid ?? null,
          JSON.stringify(actions),
          before ? 'explained' : null,
          before?.note ?? null,
          before?.resolved_by ?? null,
          before?.resolved_at ?? null,
        )
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
    const r = this.deps.db.prepare('SELECT * FROM recon_runs WHERE id = ?').get(id) as RunRow | undefined
    if (!r) throw new PosError('DIFFERENCE_NOT_FOUND', { runId: id })
    const diffs = (this.deps.db.prepare('SELECT * FROM recon_differences WHERE run_id = ? ORDER BY seq').all(id) as DiffRow[]).map((d): Difference => ({
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
    const r = this.deps.db.prepare('SELECT id FROM recon_runs WHERE day = ? AND training = ? ORDER BY id DESC LIMIT 1').get(day, training ? 1 : 0) as
      { id: number } | undefined
    return r?.id ?? null
  }

  latestFingerprint(id: number): string {
    return (this.deps.db.prepare('SELECT fingerprint FROM recon_runs WHERE id = ?').get(id) as { fingerprint: string }).fingerprint
  }

  history(day: string, training: boolean) {
    const latest = this.latestId(day, training)
    const runs = this.deps.db.prepare('SELECT id FROM recon_runs WHERE day = ? AND training = ? ORDER BY id DESC LIMIT 50').all(day, training ? 1 : 0) as {
      id: number
    }[]
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
