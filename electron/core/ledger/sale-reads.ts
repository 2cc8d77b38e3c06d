import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import { messageOpen, saleInFlight } from './in-flight'
import type { LineRow, SaleRow } from './sale-rows'

/**
 * The ledger's named queries: what the other concerns ask of `sales` and `sale_lines`, each asked here
 * once, so a rule such as "in flight" or "still owed" has one spelling.
 */

/** A sale's lines in order. */
export function linesOf(db: Db, saleId: string): LineRow[] {
  return prepared(db, 'SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY seq').all(saleId) as LineRow[]
}

/** One sale's row, as the ledger holds it (undefined for a sale this ledger does not hold). */
export function saleOf(db: Db, saleId: string): SaleRow | undefined {
  return prepared(db, 'SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined
}

/** The sales written during a shift (the link a trigger made, migration 0360), with their state. */
export function salesOfShift(db: Db, shiftId: string): { id: string; state: string }[] {
  return prepared(db, 'SELECT id, state FROM sales WHERE shift_id = ?').all(shiftId) as { id: string; state: string }[]
}

/** Whether any sale, training or live, is between a money-moving message and its answer. */
export function anySaleInFlight(db: Db): boolean {
  return prepared(db, `SELECT 1 FROM sales WHERE ${saleInFlight()}`).get() !== undefined
}

/** How many sales, training and live, are between a money-moving message and its answer. */
export function salesInFlightCount(db: Db): number {
  return (prepared(db, `SELECT COUNT(*) AS n FROM sales WHERE ${saleInFlight()}`).get() as { n: number }).n
}

/** The sales of one mode in flight, oldest change first, each with the infno of its latest open message. */
export function salesInFlight(db: Db, training: boolean): (SaleRow & { open_infno: string | null })[] {
  return prepared(
    db,
    `SELECT s.*, (SELECT m.infno FROM platform_messages m WHERE m.sale_id = s.id AND ${messageOpen('m')} ORDER BY m.created_at DESC LIMIT 1) AS open_infno
     FROM sales s WHERE ${saleInFlight('s')} AND s.training = ? ORDER BY s.updated_at`,
  ).all(training ? 1 : 0) as (SaleRow & { open_infno: string | null })[]
}

/** Sales of one mode that asked for more cash than was handed over, offline sales left to their own list. */
export function salesOwingCash(db: Db, training: boolean): SaleRow[] {
  // Also a sale settled for a payment code that never paid: its whole cash part is owed.
  return prepared(
    db,
    `SELECT * FROM sales WHERE (change_fen < 0 OR (state = 'settled' AND pay_method IS NULL AND tendered_fen IS NULL AND cash_due_fen > 0))
     AND training = ? AND id NOT IN (SELECT sale_id FROM offline_sales) ORDER BY updated_at`,
  ).all(training ? 1 : 0) as SaleRow[]
}

/** 1 for a training sale, 0 for a live one, undefined for a sale this ledger does not hold. */
export function trainingOf(db: Db, saleId: string): number | undefined {
  return (prepared(db, 'SELECT training FROM sales WHERE id = ?').get(saleId) as { training: number } | undefined)?.training
}

/** The sales of one kind opened in [from, to), newest first, each with its number of lines. */
export function salesOpenedBetween(db: Db, kind: SaleRow['kind'], from: string, to: string, limit: number): (SaleRow & { line_count: number })[] {
  return prepared(
    db,
    `SELECT s.*, (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id) AS line_count FROM sales s
     WHERE s.created_at >= ? AND s.created_at < ? AND s.kind = ? ORDER BY s.created_at DESC LIMIT ?`,
  ).all(from, to, kind, limit) as (SaleRow & { line_count: number })[]
}

/** Where a person is insured, as any sale of theirs recorded it. */
export function insuredRegionOf(db: Db, psnNo: string): string | undefined {
  return (
    prepared(db, 'SELECT insuplc_admdvs FROM sales WHERE psn_no = ? AND insuplc_admdvs IS NOT NULL LIMIT 1').get(psnNo) as
      { insuplc_admdvs: string } | undefined
  )?.insuplc_admdvs
}

/** The oldest settlement (2102/2207) still open for this person and medical total, in one mode. */
export function openSettlementOf(db: Db, training: boolean, psnNo: string, medfeeFen: number): { msgid: string; sale_id: string } | undefined {
  return prepared(
    db,
    `SELECT m.msgid, m.sale_id FROM platform_messages m JOIN sales s ON s.id = m.sale_id
     WHERE ${messageOpen('m')} AND m.infno IN ('2102', '2207') AND s.training = ? AND s.psn_no = ? AND s.medfee_fen = ?
     ORDER BY m.created_at LIMIT 1`,
  ).get(training ? 1 : 0, psnNo, medfeeFen) as { msgid: string; sale_id: string } | undefined
}

/** The oldest refund (2103/2208) still open for this visit id (mdtrt_id), in one mode. */
export function openRefundOf(db: Db, training: boolean, mdtrtId: string): { msgid: string; sale_id: string } | undefined {
  return prepared(
    db,
    `SELECT m.msgid, m.sale_id FROM platform_messages m JOIN sales s ON s.id = m.sale_id
     WHERE ${messageOpen('m')} AND m.infno IN ('2103', '2208') AND s.training = ? AND json_extract(m.request, '$.data.mdtrt_id') = ?
     ORDER BY m.created_at LIMIT 1`,
  ).get(training ? 1 : 0, mdtrtId) as { msgid: string; sale_id: string } | undefined
}

/** How many messages of sales of one kind (reversals aside) are still open. */
export function openMessagesOfKind(db: Db, kind: SaleRow['kind']): number {
  return (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM platform_messages m JOIN sales s ON s.id = m.sale_id
       WHERE s.kind = ? AND ${messageOpen('m')} AND m.infno != '2601'`,
    ).get(kind) as { n: number }
  ).n
}
