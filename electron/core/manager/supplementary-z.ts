import { PosError } from '../../../shared/contract'
import type { DayReport } from '../../../shared/contract/manager/schemas'
import type { SupplementaryZ } from '../../../shared/contract/shift/schemas'
import { triggers } from '../store'
import type { Caller } from '../transport'
import type { Db } from '../../base/store/database'
import type { ManagerDeps } from './context'
import type { DayEvents, DayItem } from './day-events'
import { DayStore, type PartRow } from './day-store'

/**
 * 补充Z报表 (counter review B2): a sale or refund of a day that came after its close was in no Z report,
 * though the day's export listed it. Each Z of a day records the items it counted (part 0 is the close,
 * 1, 2 … the supplementary Z's), so whatever the day holds that no part recorded is late, and the next
 * supplementary Z holds exactly that: every item in exactly one Z, and the day's Z stays as closed.
 */
/** The Z parts travel to the store node like day_closes (0200 lists columns by hand). */
export const Z_PARTS_SYNCED = {
  table: 'day_z_parts',
  pk: "R.day || '|' || R.training || '|' || R.part",
  columns: 'day training part issued_at issued_by covered report'.split(' '),
  appendOnly: true,
}

export const supplementaryZMigration = {
  id: 361,
  name: 'z parts',
  sql: `
CREATE TABLE day_z_parts (
  day TEXT NOT NULL,
  training INTEGER NOT NULL CHECK (training IN (0, 1)),
  part INTEGER NOT NULL CHECK (part >= 0),
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  -- JSON array of the item keys ("sale|<id>", "refund|<id>") this part counted.
  covered TEXT NOT NULL,
  -- The part's figures (JSON DayReport); NULL for part 0, whose figures are day_closes.report.
  report TEXT,
  PRIMARY KEY (day, training, part)
) STRICT;
CREATE TRIGGER day_z_parts_frozen BEFORE UPDATE ON day_z_parts BEGIN SELECT RAISE(ABORT, 'a Z report is never changed'); END;
CREATE TRIGGER day_z_parts_no_delete BEFORE DELETE ON day_z_parts BEGIN SELECT RAISE(ABORT, 'a Z report is never deleted'); END;
${triggers(Z_PARTS_SYNCED)}
`,
}

/** An item's identity across reads: a sale has one sale item and at most one refund item. */
export const itemKey = (i: Pick<DayItem, 'kind' | 'saleId'>): string => `${i.kind}|${i.saleId}`

/** Part 0: what the day's close counted. Runs inside the close's transaction. */
export function recordClosePart(db: Db, day: string, training: boolean, items: readonly DayItem[], at: string, by: string): void {
  new DayStore(db).insertPart({
    day,
    training: training ? 1 : 0,
    part: 0,
    issuedAt: at,
    issuedBy: by,
    covered: JSON.stringify(items.map(itemKey)),
    report: null,
  })
}

export class SupplementaryZs {
  constructor(
    private readonly deps: ManagerDeps,
    private readonly events: DayEvents,
    private readonly report: (day: string, training: boolean, items: DayItem[]) => DayReport,
  ) {}

  private closedAt(day: string, training: boolean): string | undefined {
    return new DayStore(this.deps.db).closedAt(day, training ? 1 : 0)
  }

  private parts(day: string, training: boolean): PartRow[] {
    return new DayStore(this.deps.db).parts(day, training ? 1 : 0)
  }

  /** The closed day's sales and refunds that no Z holds yet; none while the day is open. */
  late(day: string, training: boolean): DayItem[] {
    const closedAt = this.closedAt(day, training)
    if (closedAt === undefined) return []
    const parts = this.parts(day, training)
    const covered = new Set(parts.flatMap((p) => JSON.parse(p.covered) as string[]))
    const items = this.events.items(day, training)
    // A day closed before Z parts were recorded: its Z counted what had happened by its close.
    const inClose = parts.some((p) => p.part === 0) ? () => false : (i: DayItem) => i.at <= closedAt
    return items.filter((i) => !covered.has(itemKey(i)) && !inClose(i))
  }

  issue(day: string, caller: Caller): SupplementaryZ {
    const training = this.deps.settings().trainingMode
    if (this.closedAt(day, training) === undefined) throw new PosError('DAY_NOT_CLOSED', { day, forSupplementary: true })
    const db = this.deps.db
    return db.transaction(() => {
      const late = this.late(day, training)
      if (late.length === 0) throw new PosError('NOTHING_LATE', { day })
      const part = Math.max(0, ...this.parts(day, training).map((p) => p.part)) + 1
      const at = this.deps.clock.now().toISOString()
      const report = this.report(day, training, late)
      new DayStore(db).insertPart({
        day,
        training: training ? 1 : 0,
        part,
        issuedAt: at,
        issuedBy: caller.id,
        covered: JSON.stringify(late.map(itemKey)),
        report: JSON.stringify(report),
      })
      this.deps.audit.append({
        actor: caller.id,
        action: 'day.supplementary_z',
        subject: `day:${day}`,
        detail: { training, part, count: late.length, net: report.net.total },
      })
      return { day, part, issuedAt: at, issuedBy: caller.id, report }
    })()
  }

  issued(day: string, training: boolean): SupplementaryZ[] {
    return this.parts(day, training)
      .filter((p) => p.part > 0)
      .map((p) => ({ day, part: p.part, issuedAt: p.issued_at, issuedBy: p.issued_by, report: JSON.parse(p.report!) as DayReport }))
  }

  one(day: string, part: number, training: boolean): SupplementaryZ {
    const z = this.issued(day, training).find((p) => p.part === part)
    if (!z) throw new PosError('SUPPLEMENTARY_Z_NOT_FOUND', { day, part })
    return z
  }
}
