import { randomUUID } from 'node:crypto'
import { PosError, type Settings } from '../../../shared/contract'
import type { CashCount, Shift, XReport } from '../../../shared/contract/shift/schemas'
import { toFen } from '../../../shared/money/money'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { AuditTrail } from '../audit'
import type { EventBus } from '../events'
import { type DayItem, yuanText } from '../manager'
import { cstDayRange } from '../sale'
import type { Caller } from '../transport'
import { shiftView, ShiftStore, type ShiftRow } from './shift-store'
import { shiftDays, xReport } from './x-report'

export interface ShiftDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  events: EventBus
  settings: () => Settings
  /** The day's sales and refunds as the manager's day counts them (manager/day-events.ts). */
  dayItems: (day: string, training: boolean) => DayItem[]
}

/** A counted amount in fen: the sum of the notes and coins, or the amount typed. */
export function countedFen(c: CashCount): number {
  return 'amount' in c ? toFen(c.amount) : c.denominations.reduce((a, d) => a + d.fen * d.count, 0)
}

/**
 * Shifts (交班) of this counter: opening float, cash in and out, the X report, the blind count at the close
 * and the handover. Everything is local (no platform), so a shift works offline as the sales do.
 */
export class ShiftService {
  private readonly store: ShiftStore

  constructor(private readonly deps: ShiftDeps) {
    this.store = new ShiftStore(deps.db)
  }

  current(): Shift | null {
    const r = this.store.open()
    return r ? shiftView(r) : null
  }

  /**
   * Refuses a sale or a refund while no shift is open, when the store requires one. Called by the sale
   * and refund calls before anything is written; the link itself is made by the database (0360).
   */
  requireForSale(): void {
    if (!this.deps.settings().requireOpenShift) return
    if (!this.store.open()) throw new PosError('SHIFT_REQUIRED')
  }

  open(float: CashCount, caller: Caller): Shift {
    const r = this.deps.db.transaction(() => this.openIn(float, caller.id, caller, null))()
    return this.changed(r)
  }

  private openIn(float: CashCount, cashier: string, caller: Caller, handedFrom: string | null): ShiftRow {
    const existing = this.store.open()
    if (existing) throw new PosError('SHIFT_ALREADY_OPEN', { no: existing.no, cashier: existing.cashier })
    const id = randomUUID()
    const openingFen = countedFen(float)
    this.store.insert({
      id,
      terminalId: this.deps.settings().terminalId,
      training: this.deps.settings().trainingMode,
      cashier,
      at: this.now(),
      by: caller.id,
      openingFen,
      openingDenoms: 'denominations' in float ? float.denominations.filter((d) => d.count > 0) : null,
      handedFrom,
    })
    this.deps.audit.append({ actor: caller.id, action: 'shift.open', subject: `shift:${id}`, detail: { cashier, opening: yuanText(openingFen), handedFrom } })
    return this.store.byId(id)!
  }

  cashMove(kind: 'in' | 'out', amount: string, reason: string, caller: Caller): XReport {
    const fen = toFen(amount)
    if (fen <= 0) throw new PosError('INVALID_INPUT', { why: 'amountNotPositive' })
    const db = this.deps.db
    const shift = db.transaction(() => {
      const s = this.requireOpen()
      if (kind === 'out') {
        const { expectedFen } = this.figures(s)
        if (fen > expectedFen) throw new PosError('CASH_OUT_EXCEEDS_DRAWER', { expected: yuanText(expectedFen), taken: yuanText(fen) })
      }
      const id = randomUUID()
      this.store.addMove({ id, shift_id: s.id, kind, amount_fen: fen, reason, actor: caller.id, at: this.now() })
      this.deps.audit.append({
        actor: caller.id,
        action: kind === 'in' ? 'shift.cash_in' : 'shift.cash_out',
        subject: `shift:${s.id}`,
        detail: { amount: yuanText(fen), reason },
      })
      return s
    })()
    this.changed(shift)
    return this.figures(shift).report
  }

  xReport(shiftId: string | undefined): XReport {
    const s = shiftId ? this.store.byId(shiftId) : this.store.open()
    if (!s) throw shiftId ? new PosError('SHIFT_NOT_FOUND') : new PosError('SHIFT_NOT_OPEN')
    // A closed shift answers what was frozen at its close: later refunds of its sales belong to later shifts.
    if (s.report) return { ...(JSON.parse(s.report) as XReport), shift: shiftView(s) }
    return this.figures(s).report
  }

  /**
   * The blind count: the cashier's count is taken before anything expected is shown, the difference
   * (counted − expected) is frozen with the note and the X report of the close. With a handover the next
   * cashier's shift opens in the same transaction, its float the cash counted (the drawer stays).
   */
  close(counted: CashCount, note: string | undefined, handoverTo: string | undefined, caller: Caller): { closed: XReport; next: Shift | null } {
    const db = this.deps.db
    const { closedId, nextId } = db.transaction(() => {
      const s = this.requireOpen()
      const next = handoverTo === undefined ? undefined : this.store.userName(handoverTo)
      if (handoverTo !== undefined && (!next || !next.active)) throw new PosError('HANDOVER_USER_UNKNOWN', { staffId: handoverTo })
      const fen = countedFen(counted)
      const at = this.now()
      const { report, expectedFen } = this.figures(s, at)
      this.store.close(s.id, {
        at,
        by: caller.id,
        countedFen: fen,
        countedDenoms: 'denominations' in counted ? counted.denominations.filter((d) => d.count > 0) : null,
        expectedFen,
        note: note ?? null,
        handedTo: next?.id ?? null,
        report: JSON.stringify(report),
      })
      this.deps.audit.append({
        actor: caller.id,
        action: 'shift.close',
        subject: `shift:${s.id}`,
        detail: {
          counted: yuanText(fen),
          expected: yuanText(expectedFen),
          difference: yuanText(fen - expectedFen),
          note: note ?? null,
          handedTo: next?.id ?? null,
        },
      })
      const opened = next ? this.openIn({ amount: yuanText(fen) }, next.id, caller, s.id) : undefined
      return { closedId: s.id, nextId: opened?.id }
    })()
    const closed = this.store.byId(closedId)!
    this.changed(closed)
    const nextRow = nextId ? this.store.byId(nextId)! : undefined
    if (nextRow) this.changed(nextRow)
    return { closed: this.xReport(closedId), next: nextRow ? shiftView(nextRow) : null }
  }

  /** The shifts opened on a business day, each with its X report (frozen ones as closed). */
  ofDay(day: string): XReport[] {
    const [from, to] = cstDayRange(day)
    return this.store.openedBetween(from, to).map((s) => this.xReport(s.id))
  }

  private requireOpen(): ShiftRow {
    const s = this.store.open()
    if (!s) throw new PosError('SHIFT_NOT_OPEN')
    return s
  }

  private figures(s: ShiftRow, at = this.now()): { report: XReport; expectedFen: number } {
    const training = s.training === 1
    const items = shiftDays(s.opened_at, at).flatMap((day) => this.deps.dayItems(day, training))
    return xReport({ shift: s, items, links: this.store.links(s.id), moves: this.store.moves(s.id), at })
  }

  private changed(r: ShiftRow): Shift {
    const shift = shiftView(r)
    this.deps.events.emit('shiftChanged', { shift })
    return shift
  }

  private now(): string {
    return this.deps.clock.now().toISOString()
  }
}
