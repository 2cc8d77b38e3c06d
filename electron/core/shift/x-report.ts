import type { XReport } from '../../../shared/contract/shift/schemas'
import { type DayItem, Tally, yuanText } from '../manager'
import { cstDay } from '../sale'
import { shiftView, type CashMoveRow, type ShiftRow } from './shift-store'

const DAY_MS = 86_400_000

/** The CST business days a shift spans (a night shift crosses midnight). */
export function shiftDays(openedAt: string, until: string): string[] {
  const days: string[] = []
  const last = cstDay(new Date(until))
  for (let t = new Date(openedAt).getTime(); ; t += DAY_MS) {
    const day = cstDay(new Date(t))
    days.push(day)
    if (day >= last) return days
  }
}

export interface ShiftFacts {
  shift: ShiftRow
  /** The shift's mode's sales and refunds of every day it spans. */
  items: readonly DayItem[]
  links: { sales: Set<string>; refunds: Set<string>; unsettled: number }
  moves: readonly CashMoveRow[]
  at: string
}

/**
 * The X report from the day's items: a sale counts in the shift it was written in, a refund in the shift
 * that paid it back. Cash expected in the drawer = float + cash taken − cash handed back + cash in − out.
 */
export function xReport(f: ShiftFacts): { report: XReport; expectedFen: number } {
  const sales = new Tally()
  const refunds = new Tally()
  for (const i of f.items) {
    if (i.source !== 'journal') continue
    if (i.kind === 'sale' && f.links.sales.has(i.saleId)) sales.add(i.parts)
    if (i.kind === 'refund' && f.links.refunds.has(i.saleId)) refunds.add(i.parts)
  }
  const sum = (kind: 'in' | 'out') => f.moves.filter((m) => m.kind === kind).reduce((a, m) => a + m.amount_fen, 0)
  const cashIn = sum('in')
  const cashOut = sum('out')
  const expected = f.shift.opening_fen + sales.parts.cash - refunds.parts.cash + cashIn - cashOut
  const report: XReport = {
    shift: shiftView(f.shift),
    at: f.at,
    sales: sales.view(),
    refunds: refunds.view(),
    net: sales.plus(refunds, -1).view(),
    cashIn: yuanText(cashIn),
    cashOut: yuanText(cashOut),
    moves: f.moves.map((m) => ({ id: m.id, kind: m.kind, amount: yuanText(m.amount_fen), reason: m.reason, actor: m.actor, at: m.at })),
    expectedCash: yuanText(expected),
    unsettled: f.links.unsettled,
  }
  return { report, expectedFen: expected }
}
