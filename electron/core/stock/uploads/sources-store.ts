import type { Db } from '../../../base/store/database'
import { prepared } from '../../../base/store/statements'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { LotFacts } from './builders'
import { linesOf, saleOf, type LineRow, type SaleRow } from '../../ledger'

/**
 * What the uploads read of the stock ledger, the catalog, the sales and the audit trail, each a named
 * query so the builders stay pure.
 */

export interface MovementRow {
  id: string
  training: number
  at: string
  kind: 'receipt' | 'supplier_return' | 'correction' | 'count' | 'sale' | 'sale_return'
  store_code: string
  lot_id: string
  qty_units: number
  source_id: string
  source_line: number
  reason: string
  actor: string
}

export interface PendingRow {
  seq: number
  movement_id: string
  training: number
  store_code: string
}

export function pendingRows(db: Db): PendingRow[] {
  return prepared(db, 'SELECT seq, movement_id, training, store_code FROM stock_upload_pending ORDER BY seq').all() as PendingRow[]
}

export function movement(db: Db, id: string): MovementRow {
  return prepared(db, 'SELECT * FROM stock_movement WHERE id = ?').get(id) as MovementRow
}

/** What the uploads need of the catalog: the item's name, national code, maker and rx flag. */
export type CatalogLookup = (storeCode: string) => Pick<CatalogItem, 'name' | 'nationalCode' | 'maker' | 'rxFlag'> | undefined

/** A lot with its item's pack size and the catalog's facts (national code, name, maker, rx). */
export function lotFacts(db: Db, catalog: CatalogLookup, lotId: string): LotFacts {
  const r = prepared(
    db,
    `SELECT l.store_code, l.bchno, l.lot_no, l.manu_date, l.expiry_date, l.supplier, l.cost_fen, i.pack_size
     FROM stock_lot l JOIN stock_item i ON i.training = l.training AND i.store_code = l.store_code WHERE l.id = ?`,
  ).get(lotId) as {
    store_code: string
    bchno: string
    lot_no: string
    manu_date: string
    expiry_date: string
    supplier: string
    cost_fen: number
    pack_size: number
  }
  const c = catalog(r.store_code)
  return {
    storeCode: r.store_code,
    name: c?.name ?? r.store_code,
    nationalCode: c?.nationalCode || null,
    rx: c?.rxFlag ?? false,
    maker: c?.maker ?? '',
    packSize: r.pack_size,
    bchno: r.bchno,
    lotNo: r.lot_no,
    manuDate: r.manu_date,
    expiryDate: r.expiry_date,
    supplier: r.supplier,
    costFen: r.cost_fen,
  }
}

export function userName(db: Db, id: string): string {
  return (prepared(db, 'SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? id
}

/** The codes scanned into this lot by this receipt. */
export function receiptCodes(db: Db, receiptId: string, lotId: string): string[] {
  return (prepared(db, 'SELECT code FROM stock_trace_code WHERE receipt_id = ? AND lot_id = ? ORDER BY rowid').all(receiptId, lotId) as { code: string }[]).map(
    (r) => r.code,
  )
}

/**
 * The purchase invoice of a receipt. receiveStock keeps it only in its audit record, written in the
 * receipt's own transaction; for a lot, the invoice of the receipt that first brought it in.
 */
export function receiptInvoice(db: Db, receiptId: string): string {
  const row = prepared(db, "SELECT json_extract(detail, '$.invoiceNo') AS no FROM audit_log WHERE action = 'stock.received' AND subject = ?").get(receiptId) as
    { no: string | null } | undefined
  return row?.no ?? ''
}

export function lotInvoice(db: Db, lotId: string): string {
  const first = prepared(db, "SELECT source_id FROM stock_movement WHERE lot_id = ? AND kind = 'receipt' ORDER BY at, rowid LIMIT 1").get(lotId) as
    { source_id: string } | undefined
  return first ? receiptInvoice(db, first.source_id) : ''
}

/** The stocktake's note (its audit record, written in the posting's own transaction). */
export function stocktakeNote(db: Db, stocktakeId: string): string {
  const row = prepared(db, "SELECT json_extract(detail, '$.note') AS note FROM audit_log WHERE action = 'stock.stocktakePosted' AND subject = ?").get(
    stocktakeId,
  ) as { note: string | null } | undefined
  return row?.note ?? ''
}

/** The lot's balance right after a movement: what a count left on the shelf. */
export function balanceAfter(db: Db, m: MovementRow): number {
  return (
    prepared(
      db,
      'SELECT COALESCE(SUM(qty_units), 0) AS n FROM stock_movement WHERE lot_id = ? AND rowid <= (SELECT rowid FROM stock_movement WHERE id = ?)',
    ).get(m.lot_id, m.id) as { n: number }
  ).n
}

export type SaleRowForUpload = Pick<
  SaleRow,
  'id' | 'training' | 'cashier' | 'psn_no' | 'setl_id' | 'setlinfo' | 'insuplc_admdvs' | 'pharmacist' | 'rxno' | 'rx_external'
>

export function saleRow(db: Db, saleId: string): SaleRowForUpload {
  const sale = saleOf(db, saleId)
  if (!sale) throw new Error(`sale ${saleId} is not in the ledger`)
  return sale
}

/** An offline sale still waiting for the platform: its uploads wait for the settlement they name. */
export function waitingOffline(db: Db, saleId: string): boolean {
  return prepared(db, 'SELECT 1 FROM offline_sales WHERE sale_id = ? AND outcome IS NULL').get(saleId) !== undefined
}

export type SaleLineRow = Pick<LineRow, 'seq' | 'store_code' | 'name' | 'national_code' | 'qty' | 'price' | 'trace_codes'>

export function saleLines(db: Db, saleId: string): SaleLineRow[] {
  return linesOf(db, saleId)
}

export function saleLine(db: Db, saleId: string, seq: number): SaleLineRow {
  const line = linesOf(db, saleId).find((l) => l.seq === seq)
  if (!line) throw new Error(`sale ${saleId} has no line ${seq}`)
  return line
}

/** Which lines of a sale took their boxes from lots. */
export function linesWithLots(db: Db, saleId: string): Set<number> {
  const rows = prepared(db, "SELECT DISTINCT source_line FROM stock_movement WHERE source_id = ? AND kind = 'sale'").all(saleId) as { source_line: number }[]
  return new Set(rows.map((r) => r.source_line))
}

/** The prescribing doctor the counter registered with the sale's prescription (处方登记), if any. */
export function prescriberOf(db: Db, saleId: string): string | null {
  const row = prepared(db, 'SELECT doctor FROM sale_prescriptions WHERE sale_id = ?').get(saleId) as { doctor: string } | undefined
  return row?.doctor || null
}

/** The movement has been turned into its uploads (or holds). */
export function dropPending(db: Db, seq: number): void {
  prepared(db, 'DELETE FROM stock_upload_pending WHERE seq = ?').run(seq)
}

/** The first movement a sale line (or its return) made: codes the store never received go with it. */
export function firstMovementOfLine(db: Db, sourceId: string, sourceLine: number, kind: string): { id: string } {
  return prepared(db, 'SELECT id FROM stock_movement WHERE source_id = ? AND source_line = ? AND kind = ? ORDER BY rowid LIMIT 1').get(
    sourceId,
    sourceLine,
    kind,
  ) as { id: string }
}

/** The lot a code was received into, in this book. */
export function lotOfCode(db: Db, training: number, code: string): string | undefined {
  return (prepared(db, 'SELECT lot_id FROM stock_trace_code WHERE training = ? AND code = ?').get(training, code) as { lot_id: string } | undefined)?.lot_id
}
