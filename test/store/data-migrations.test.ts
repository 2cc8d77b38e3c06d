import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const ROOT = resolve(import.meta.dirname, '../..')
const AT = '2026-12-01T08:00:00.000Z'

/**
 * Every core migration that rewrites or seeds rows (not only the schema), and the test that proves an older
 * database's rows come through it right. A migration whose SQL changes data and is missing here fails below.
 */
const DATA_MIGRATION_TESTS: Record<number, string> = {
  100: 'test/store/data-migrations.test.ts',
  110: 'test/store/data-migrations.test.ts',
  160: 'test/store/data-migrations.test.ts',
  170: 'test/security/at-rest-migration.test.ts',
  301: 'test/store/data-migrations.test.ts',
  330: 'test/store/stock-uploads-migration.test.ts',
}

/** UPDATE, INSERT or DELETE run by the migration itself; the same words inside a trigger's body run later, per row. */
function changesData(sql: string): boolean {
  const outsideTriggers = sql.replace(/CREATE TRIGGER[\s\S]*?\bEND;/g, '')
  return /(?:^|;)\s*(?:UPDATE|INSERT|DELETE|REPLACE)\s/im.test(outsideTriggers.replace(/--.*$/gm, ''))
}

/** A database with the history up to (not including) migration `id`. */
function openBefore(id: number): { db: Db; file: string } {
  const file = join(tempDir(), 'gongji.db')
  return {
    db: openDatabase(
      file,
      coreMigrations.filter((m) => m.id < id),
    ),
    file,
  }
}

function upgrade(old: Db, file: string): Db {
  old.close()
  return openDatabase(file, coreMigrations)
}

function sale(db: Db, id: string): void {
  db.prepare(
    `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, psn_no, med_type, acct_used, medfee_fen, goods_fen)
     VALUES (?, 'pharmacy', 'settled', 'T01', 'demo-cashier', ?, ?, '41010099000000000001', '41', 1, 1980, 0)`,
  ).run(id, AT, AT)
}

describe('migrations that change data', () => {
  it('each one has a test that names it', () => {
    const changing = coreMigrations.filter((m) => changesData(m.sql)).map((m) => m.id)
    expect(changing).toEqual(Object.keys(DATA_MIGRATION_TESTS).map(Number))
    for (const [id, file] of Object.entries(DATA_MIGRATION_TESTS)) {
      expect(readFileSync(join(ROOT, file), 'utf8'), `${file} names migration ${id}`).toMatch(new RegExp(`migration 0?${id}\\b`))
    }
  })

  it('migration 0100: an earlier reprint (copy > 0) becomes a numbered reprint; the first paper stays the original', () => {
    const { db: old, file } = openBefore(100)
    const job = old.prepare(
      `INSERT INTO print_jobs (sale_id, copy, receipt, open_drawer, state, created_at, updated_at) VALUES (?, ?, '{}', 0, 'printed', ?, ?)`,
    )
    for (const copy of [0, 1, 2]) job.run('s-1', copy, AT, AT)
    const db = upgrade(old, file)
    expect(db.prepare('SELECT copy, kind, reprint FROM print_jobs ORDER BY copy').all()).toEqual([
      { copy: 0, kind: 'original', reprint: 0 },
      { copy: 1, kind: 'reprint', reprint: 1 },
      { copy: 2, kind: 'reprint', reprint: 2 },
    ])
    db.close()
  })

  it('migration 0110: a resolution written as the note becomes the action; a free-text note stays only a note', () => {
    const { db: old, file } = openBefore(110)
    const queue = old.prepare(
      `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, created_at, updated_at)
       VALUES (?, ?, '2102', '{}', '410100', 0, 'done', ?, ?)`,
    )
    const offline = old.prepare(
      `INSERT INTO offline_sales (sale_id, msgid, mode, training, psn_no, queued_at, pay_method, tendered_fen, paid_fen, advanced_fen, estimate, resolution, resolved_note)
       VALUES (?, ?, 'deposit', 0, '41010099000000000001', ?, 'cash', 1980, 1980, 0, '{}', 'closed', ?)`,
    )
    const notes = { 's-refunded': 'refunded', 's-collected': 'collected', 's-free': '顾客已来电，下周补缴' }
    Object.entries(notes).forEach(([id, note], i) => {
      sale(old, id)
      queue.run(`H410100T0120261201080000${i}`, id, AT, AT)
      offline.run(id, `H410100T0120261201080000${i}`, AT, note)
    })
    const db = upgrade(old, file)
    expect(db.prepare('SELECT sale_id, resolved_action, resolved_note FROM offline_sales ORDER BY sale_id').all()).toEqual([
      { sale_id: 's-collected', resolved_action: 'collected', resolved_note: 'collected' },
      { sale_id: 's-free', resolved_action: null, resolved_note: '顾客已来电，下周补缴' },
      { sale_id: 's-refunded', resolved_action: 'refunded', resolved_note: 'refunded' },
    ])
    db.close()
  })

  it('migration 0160: an upgraded store starts with the stock settings a new one has (no negative stock, 90 days to expiry)', () => {
    const { db: old, file } = openBefore(160)
    sale(old, 's-1')
    const db = upgrade(old, file)
    expect(db.prepare('SELECT allow_negative, near_expiry_days FROM stock_settings').all()).toEqual([{ allow_negative: 0, near_expiry_days: 90 }])
    expect(db.prepare('SELECT COUNT(*) AS n FROM stock_movement').get()).toEqual({ n: 0 })
    db.close()
  })
  it('migration 0301: print jobs rebuilt for the refund slip keep every row, kind, reprint number and id', () => {
    const { db: old, file } = openBefore(301)
    const job = old.prepare(
      `INSERT INTO print_jobs (sale_id, copy, receipt, open_drawer, state, attempts, last_error, created_at, updated_at, kind, reprint)
       VALUES (?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    job.run('s-1', 0, 1, 'printed', 1, null, AT, AT, 'original', 0)
    job.run('s-1', 1, 0, 'failed', 3, 'PRINTER_OFFLINE', AT, AT, 'reprint', 1)
    job.run('s-2', 0, 0, 'queued', 0, null, AT, AT, 'corrected', 0)
    const before = old.prepare('SELECT * FROM print_jobs ORDER BY id').all()
    const db = upgrade(old, file)
    expect(db.prepare('SELECT * FROM print_jobs ORDER BY id').all()).toEqual(before)
    db.prepare(
      `INSERT INTO print_jobs (sale_id, copy, receipt, open_drawer, state, created_at, updated_at, kind) VALUES ('s-1', 2, '{}', 0, 'queued', ?, ?, 'refund')`,
    ).run(AT, AT)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'print_jobs' AND name = 'print_jobs_state'").get()).toBeTruthy()
    db.close()
  })
})
