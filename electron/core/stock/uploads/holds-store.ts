import type { Db } from '../../../base/store/database'
import { prepared } from '../../../base/store/statements'
import type { StockUploadInfno } from '../../../../shared/nhsa/transactions'
import type { UploadInfno } from './builders'

/**
 * The uploads' own tables and what they read of the offline queue: holds (`stock_upload_holds`), the
 * manager's fixes of refused or collided messages (`stock_upload_fixes`), and the queued uploads.
 */

export interface HoldRow {
  id: string
  training: number
  infno: UploadInfno
  store_code: string
  source: string
  sale_id: string | null
  reason: string
  draft: string
  created_at: string
  resolution: 'sent' | 'dismissed' | null
  msgid: string | null
}

export interface QueueUploadRow {
  seq: number
  msgid: string
  sale_id: string | null
  infno: StockUploadInfno
  request: string
  insuplc_admdvs: string | null
  training: number
  state: 'queued' | 'sending' | 'done' | 'declined'
  last_error: string | null
  item_code: string | null
  created_at: string
  updated_at: string
}

export interface HoldInsert {
  id: string
  training: number
  infno: UploadInfno
  storeCode: string
  source: string
  saleId: string | null
  reason: string
  draft: string
  at: string
}

/** Holds a movement's upload; a second hold of the same source and infno is ignored. */
export function insertHold(db: Db, h: HoldInsert): void {
  prepared(
    db,
    `INSERT INTO stock_upload_holds (id, training, infno, store_code, source, sale_id, reason, draft, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, infno) DO NOTHING`,
  ).run(h.id, h.training, h.infno, h.storeCode, h.source, h.saleId, h.reason, h.draft, h.at)
}

export function hold(db: Db, id: string): HoldRow | undefined {
  return prepared(db, 'SELECT * FROM stock_upload_holds WHERE id = ?').get(id) as HoldRow | undefined
}

/** Open holds of movements (not of sale lines without a lot), oldest first. */
export function openMovementHolds(db: Db, training: number): HoldRow[] {
  return prepared(db, "SELECT * FROM stock_upload_holds WHERE training = ? AND resolution IS NULL AND source NOT LIKE 'sale:%' ORDER BY created_at, id").all(
    training,
  ) as HoldRow[]
}

export function openHolds(db: Db, training: number): HoldRow[] {
  return prepared(db, 'SELECT * FROM stock_upload_holds WHERE training = ? AND resolution IS NULL ORDER BY created_at, id').all(training) as HoldRow[]
}

/** The holds of a sale's lines that took no lot (their 3505). */
export function saleLineHolds(db: Db, saleId: string): HoldRow[] {
  return prepared(db, "SELECT * FROM stock_upload_holds WHERE sale_id = ? AND infno = '3505' AND source LIKE 'sale:%'").all(saleId) as HoldRow[]
}

export function updateHoldDraft(db: Db, id: string, reason: string, draft: string): void {
  prepared(db, 'UPDATE stock_upload_holds SET reason = ?, draft = ? WHERE id = ?').run(reason, draft, id)
}

export function closeHold(db: Db, id: string, resolution: 'sent' | 'dismissed', at: string, actor: string, note: string, msgid: string | null): void {
  prepared(db, 'UPDATE stock_upload_holds SET resolution = ?, resolved_at = ?, resolved_by = ?, note = ?, msgid = ? WHERE id = ?').run(
    resolution,
    at,
    actor,
    note,
    msgid,
    id,
  )
}

export function queuedUpload(db: Db, msgid: string): QueueUploadRow | undefined {
  return prepared(db, 'SELECT * FROM offline_queue WHERE msgid = ?').get(msgid) as QueueUploadRow | undefined
}

export function queuedRequest(db: Db, msgid: string | null): string {
  return (prepared(db, 'SELECT request FROM offline_queue WHERE msgid = ?').get(msgid) as { request: string }).request
}

/** Uploads the platform refused that the manager has not yet dealt with (a collided one is listed apart). */
export function refusedUploads(db: Db, training: number): QueueUploadRow[] {
  return prepared(
    db,
    `SELECT q.* FROM offline_queue q LEFT JOIN stock_upload_fixes f ON f.msgid = q.msgid
       WHERE q.training = ? AND q.state = 'declined' AND q.infno != '2102' AND f.msgid IS NULL
         AND q.msgid NOT IN (SELECT msgid FROM offline_holds) ORDER BY q.seq`,
  ).all(training) as QueueUploadRow[]
}

/** Uploads held on a taken msgid, not yet replaced. */
export function collidedUploads(db: Db, training: number): (QueueUploadRow & { hold_reason: string })[] {
  return prepared(
    db,
    `SELECT q.*, h.reason AS hold_reason FROM offline_holds h JOIN offline_queue q ON q.msgid = h.msgid
       WHERE q.training = ? AND h.sale_id IS NULL AND h.replaced_by IS NULL ORDER BY q.seq`,
  ).all(training) as (QueueUploadRow & { hold_reason: string })[]
}

export function recentUploads(db: Db, training: number, limit: number): QueueUploadRow[] {
  return prepared(db, "SELECT * FROM offline_queue WHERE training = ? AND infno != '2102' ORDER BY seq DESC LIMIT ?").all(training, limit) as QueueUploadRow[]
}

export function isFixed(db: Db, msgid: string): boolean {
  return prepared(db, 'SELECT 1 FROM stock_upload_fixes WHERE msgid = ?').get(msgid) !== undefined
}

export function isHeldUnreplaced(db: Db, msgid: string): boolean {
  return prepared(db, 'SELECT 1 FROM offline_holds WHERE msgid = ? AND replaced_by IS NULL').get(msgid) !== undefined
}

export function insertFix(db: Db, msgid: string, resolution: 'resent' | 'dismissed', replacedBy: string | null, note: string, actor: string, at: string): void {
  prepared(db, 'INSERT INTO stock_upload_fixes (msgid, resolution, replaced_by, note, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    msgid,
    resolution,
    replacedBy,
    note,
    actor,
    at,
  )
}

/** Takes a collided message out of the order for good, and releases its hold to its replacement (if any). */
export function retireCollided(db: Db, msgid: string, replacedBy: string | null, actor: string, at: string): void {
  prepared(db, "UPDATE offline_queue SET state = 'declined', updated_at = ? WHERE msgid = ?").run(at, msgid)
  prepared(db, 'UPDATE offline_holds SET replaced_by = ?, released_by = ?, released_at = ? WHERE msgid = ?').run(replacedBy, actor, at, msgid)
}

/** Whether a return (3506) of this sale is already queued: a refund across counters returns its boxes once. */
export function returnQueued(db: Db, saleId: string): boolean {
  return prepared(db, "SELECT 1 FROM offline_queue WHERE sale_id = ? AND infno = '3506'").get(saleId) !== undefined
}
