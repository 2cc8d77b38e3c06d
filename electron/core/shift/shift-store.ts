import type { DenominationCount, Shift } from '../../../shared/contract/shift/schemas'
import type { Db } from '../../base/store/database'
import { yuanText } from '../manager'
import { salesOfShift } from '../ledger'

/** A shifts row as stored (migration 0360). */
export interface ShiftRow {
  id: string
  no: number
  terminal_id: string
  training: number
  state: 'open' | 'closed'
  cashier: string
  opened_at: string
  opened_by: string
  opening_fen: number
  opening_denoms: string | null
  closed_at: string | null
  closed_by: string | null
  counted_fen: number | null
  counted_denoms: string | null
  expected_fen: number | null
  difference_fen: number | null
  note: string | null
  handed_to: string | null
  handed_from: string | null
  report: string | null
}

export interface CashMoveRow {
  id: string
  shift_id: string
  kind: 'in' | 'out'
  amount_fen: number
  reason: string
  actor: string
  at: string
}

export interface NewShift {
  id: string
  terminalId: string
  training: boolean
  cashier: string
  at: string
  by: string
  openingFen: number
  openingDenoms: DenominationCount[] | null
  handedFrom: string | null
}

export interface ShiftClosing {
  at: string
  by: string
  countedFen: number
  countedDenoms: DenominationCount[] | null
  expectedFen: number
  note: string | null
  handedTo: string | null
  report: string
}

const fenOrNull = (fen: number | null) => (fen === null ? null : yuanText(fen))
const denoms = (json: string | null) => (json === null ? null : (JSON.parse(json) as DenominationCount[]))

export function shiftView(r: ShiftRow): Shift {
  return {
    id: r.id,
    no: r.no,
    terminalId: r.terminal_id,
    training: r.training === 1,
    state: r.state,
    cashier: r.cashier,
    openedAt: r.opened_at,
    opening: yuanText(r.opening_fen),
    openingDenominations: denoms(r.opening_denoms),
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    counted: fenOrNull(r.counted_fen),
    countedDenominations: denoms(r.counted_denoms),
    expected: fenOrNull(r.expected_fen),
    difference: fenOrNull(r.difference_fen),
    note: r.note,
    handedTo: r.handed_to,
    handedFrom: r.handed_from,
  }
}

/** The SQL of shifts, their cash movements and the sales and refunds linked to them. */
export class ShiftStore {
  constructor(private readonly db: Db) {}

  open(): ShiftRow | undefined {
    return this.db.prepare("SELECT * FROM shifts WHERE state = 'open'").get() as ShiftRow | undefined
  }

  byId(id: string): ShiftRow | undefined {
    return this.db.prepare('SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRow | undefined
  }

  /** Shifts opened between two instants (ISO), oldest first. */
  openedBetween(from: string, to: string): ShiftRow[] {
    return this.db.prepare('SELECT * FROM shifts WHERE opened_at >= ? AND opened_at < ? ORDER BY no').all(from, to) as ShiftRow[]
  }

  insert(s: NewShift): void {
    const no = (this.db.prepare('SELECT COALESCE(MAX(no), 0) + 1 AS no FROM shifts').get() as { no: number }).no
    this.db
      .prepare(
        `INSERT INTO shifts (id, no, terminal_id, training, state, cashier, opened_at, opened_by, opening_fen, opening_denoms, handed_from)
         VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        no,
        s.terminalId,
        s.training ? 1 : 0,
        s.cashier,
        s.at,
        s.by,
        s.openingFen,
        s.openingDenoms ? JSON.stringify(s.openingDenoms) : null,
        s.handedFrom,
      )
  }

  close(id: string, c: ShiftClosing): void {
    this.db
      .prepare(
        `UPDATE shifts SET state = 'closed', closed_at = ?, closed_by = ?, counted_fen = ?, counted_denoms = ?, expected_fen = ?, difference_fen = ?,
           note = ?, handed_to = ?, report = ? WHERE id = ? AND state = 'open'`,
      )
      .run(
        c.at,
        c.by,
        c.countedFen,
        c.countedDenoms ? JSON.stringify(c.countedDenoms) : null,
        c.expectedFen,
        c.countedFen - c.expectedFen,
        c.note,
        c.handedTo,
        c.report,
        id,
      )
  }

  addMove(m: CashMoveRow): void {
    this.db
      .prepare('INSERT INTO shift_cash_moves (id, shift_id, kind, amount_fen, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.id, m.shift_id, m.kind, m.amount_fen, m.reason, m.actor, m.at)
  }

  moves(shiftId: string): CashMoveRow[] {
    return this.db.prepare('SELECT * FROM shift_cash_moves WHERE shift_id = ? ORDER BY at, rowid').all(shiftId) as CashMoveRow[]
  }

  /** The ids of the sales written during the shift, and of the sales it refunded. */
  links(shiftId: string): { sales: Set<string>; refunds: Set<string>; unsettled: number } {
    const sales = salesOfShift(this.db, shiftId)
    const refunds = this.db.prepare('SELECT sale_id FROM shift_refunds WHERE shift_id = ?').all(shiftId) as { sale_id: string }[]
    return {
      sales: new Set(sales.map((s) => s.id)),
      refunds: new Set(refunds.map((r) => r.sale_id)),
      unsettled: sales.filter((s) => s.state === 'settling').length,
    }
  }

  userName(id: string): { id: string; name: string; active: boolean } | undefined {
    const r = this.db.prepare('SELECT id, name, active FROM users WHERE id = ?').get(id) as { id: string; name: string; active: number } | undefined
    return r && { id: r.id, name: r.name, active: r.active === 1 }
  }
}
