import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const AT = '2026-12-01T08:00:00.000Z'
const before0330 = coreMigrations.filter((m) => m.id < 330)

function rows(db: Db, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()
}

describe('migration 0330: the offline queue takes the stock uploads 3501–3507', () => {
  it('keeps every queued message, offline sale and msgid hold as it was, with the queue numbering and references intact', () => {
    const file = join(tempDir(), 'data', 'gongji.db')
    const old = openDatabase(file, before0330)
    old.transaction(() => {
      for (const id of ['s1', 's2']) {
        old
          .prepare(
            `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, psn_no, med_type, acct_used, medfee_fen, goods_fen)
             VALUES (?, 'pharmacy', 'settled', 'T01', 'demo-cashier', ?, ?, '41010099000000000001', '41', 1, 1980, 0)`,
          )
          .run(id, AT, AT)
      }
      const q = old.prepare(
        `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, attempts, last_error, response, created_at, updated_at) VALUES (?, ?, ?, ?, '410100', 0, ?, ?, ?, ?, ?, ?)`,
      )
      q.run('M1', 's1', '2102', '{"data":{"psn_no":"41010099000000000001"}}', 'done', 1, null, '{"setlinfo":{}}', AT, AT)
      q.run('M2', 's1', '3505', '{"selinfo":{"fixmedins_bchno":"s1-1"}}', 'queued', 0, null, null, AT, AT)
      q.run('M3', 's2', '2102', '{"data":{"psn_no":"41010099000000000001"}}', 'queued', 2, 'msgid taken', null, AT, AT)
      q.run('M4', 's2', '2102', '{"data":{"psn_no":"41010099000000000001"}}', 'queued', 0, null, null, AT, AT)
      old
        .prepare(
          `INSERT INTO offline_sales (sale_id, msgid, mode, training, psn_no, queued_at, pay_method, tendered_fen, paid_fen, advanced_fen, estimate, outcome, resolution, resolved_action) VALUES ('s1', 'M1', 'deposit', 0, '41010099000000000001', ?, 'cash', 2000, 1980, 0, '{}', 'settled', 'closed', 'refunded')`,
        )
        .run(AT)
      old
        .prepare(
          `INSERT INTO offline_holds (msgid, sale_id, reason, held_at, replaced_by, released_by, released_at) VALUES ('M3', 's2', 'msgid 已被另一笔不同的报文使用', ?, 'M4', 'demo-manager', ?)`,
        )
        .run(AT, AT)
    })()
    const before = { queue: rows(old, 'offline_queue'), sales: rows(old, 'offline_sales'), holds: rows(old, 'offline_holds') }
    old.close()

    const db = openDatabase(file, coreMigrations)
    expect(rows(db, 'offline_queue')).toEqual((before.queue as Record<string, unknown>[]).map((r) => ({ ...r, item_code: null })))
    expect(rows(db, 'offline_sales')).toEqual(before.sales)
    expect(rows(db, 'offline_holds')).toEqual(before.holds)
    expect(db.pragma('foreign_key_check')).toEqual([])

    // A stock upload of no sale now fits, numbered after the old rows; a 2102 still needs its sale.
    db.prepare(
      `INSERT INTO offline_queue (msgid, sale_id, infno, request, training, state, created_at, updated_at, item_code) VALUES ('M5', NULL, '3503', '{}', 0, 'queued', ?, ?, 'SP00012')`,
    ).run(AT, AT)
    expect(db.prepare("SELECT seq FROM offline_queue WHERE msgid = 'M5'").get()).toEqual({ seq: 5 })
    expect(() =>
      db
        .prepare(
          `INSERT INTO offline_queue (msgid, sale_id, infno, request, training, state, created_at, updated_at) VALUES ('M6', NULL, '2102', '{}', 0, 'queued', ?, ?)`,
        )
        .run(AT, AT),
    ).toThrow(/CHECK/)
    expect(() =>
      db
        .prepare(
          `INSERT INTO offline_queue (msgid, sale_id, infno, request, training, state, created_at, updated_at) VALUES ('M7', NULL, '3599', '{}', 0, 'queued', ?, ?)`,
        )
        .run(AT, AT),
    ).toThrow(/CHECK/)
    // The children still point at the queue: a hold on a msgid the queue never had is refused.
    expect(() => db.prepare(`INSERT INTO offline_holds (msgid, sale_id, reason, held_at) VALUES ('nope', NULL, 'x', ?)`).run(AT)).toThrow(/FOREIGN KEY/)
    // Every stock movement from now on is noted for its upload by the trigger, in its own transaction.
    const triggers = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND (tbl_name LIKE 'offline_%' OR name = 'stock_upload_on_movement') ORDER BY name")
        .all() as { name: string }[]
    ).map((r) => r.name)
    expect(triggers).toEqual([
      'stock_upload_on_movement',
      'sync_outbox_offline_holds_delete',
      'sync_outbox_offline_holds_insert',
      'sync_outbox_offline_holds_update',
      'sync_outbox_offline_queue_delete',
      'sync_outbox_offline_queue_insert',
      'sync_outbox_offline_queue_update',
      'sync_outbox_offline_sales_delete',
      'sync_outbox_offline_sales_insert',
      'sync_outbox_offline_sales_update',
    ])
    db.close()
  })
})
