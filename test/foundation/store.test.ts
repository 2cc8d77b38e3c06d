import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion, StoreError, type Migration } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const v1: Migration = { id: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER NOT NULL) STRICT;' }
const v2: Migration = { id: 2, name: 'two', sql: 'CREATE TABLE b (y TEXT NOT NULL) STRICT;' }
const fileHash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex')

describe('store', () => {
  it('opens in WAL mode with foreign keys and full sync, and records every migration', () => {
    const file = join(tempDir(), 'pos.db')
    const db = openDatabase(file, coreMigrations)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(schemaVersion(db)).toBe(coreMigrations.at(-1)!.id)
    const applied = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]
    expect(applied.map((r) => r.id)).toEqual(coreMigrations.map((m) => m.id))
    db.close()
  })

  it('makes every core table STRICT', () => {
    const db = openDatabase(join(tempDir(), 'pos.db'), coreMigrations)
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
      .all() as { name: string; sql: string }[]
    const shadow = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'").all() as { name: string }[]).map((r) => r.name),
    )
    for (const t of tables) {
      if ([...shadow].some((v) => t.name.startsWith(`${v}_`))) continue
      // The table options follow the last parenthesis: STRICT, possibly with WITHOUT ROWID.
      expect(t.sql.slice(t.sql.lastIndexOf(')')), t.name).toMatch(/\bSTRICT\b/)
    }
    db.close()
  })

  it('applies only the pending migrations when an older database is opened', () => {
    const file = join(tempDir(), 'pos.db')
    openDatabase(file, [v1]).close()
    const db = openDatabase(file, [v1, v2])
    expect(schemaVersion(db)).toBe(2)
    db.prepare('INSERT INTO b (y) VALUES (?)').run('ok')
    db.close()
  })

  it('rolls back a failing migration whole', () => {
    const file = join(tempDir(), 'pos.db')
    openDatabase(file, [v1]).close()
    const broken: Migration = { id: 2, name: 'broken', sql: 'CREATE TABLE c (z INTEGER) STRICT; CREATE TABLE c (z INTEGER) STRICT;' }
    expect(() => openDatabase(file, [v1, broken])).toThrow()
    const raw = new Database(file, { readonly: true })
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 })
    expect(raw.prepare('SELECT max(id) AS v FROM schema_migrations').get()).toEqual({ v: 1 })
    raw.close()
  })

  it('refuses a database from a newer app and leaves the file untouched', () => {
    const file = join(tempDir(), 'pos.db')
    openDatabase(file, [v1, v2]).close()
    const before = fileHash(file)
    expect(() => openDatabase(file, [v1])).toThrow(expect.objectContaining({ code: 'STORE_TOO_NEW' }))
    expect(fileHash(file)).toBe(before)
  })

  it('refuses a database whose history does not match and leaves it untouched', () => {
    const file = join(tempDir(), 'pos.db')
    openDatabase(file, [v1]).close()
    const before = fileHash(file)
    const edited: Migration = { ...v1, sql: v1.sql + ' -- edited' }
    const err = (() => {
      try {
        openDatabase(file, [edited, v2])
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(StoreError)
    expect((err as StoreError).code).toBe('STORE_HISTORY_MISMATCH')
    expect((err as StoreError).message).toContain('不会改动')
    expect(fileHash(file)).toBe(before)
  })

  it('refuses a file that is not a database', async () => {
    const file = join(tempDir(), 'pos.db')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, 'this is not sqlite')
    expect(() => openDatabase(file, [v1])).toThrow(expect.objectContaining({ code: 'STORE_UNREADABLE' }))
    expect(readFileSync(file, 'utf8')).toBe('this is not sqlite')
  })
})

describe('two connections to one file (the catalog worker and the core)', () => {
  it('a transaction that reads then writes holds the write lock from its start', () => {
    const file = join(tempDir(), 'shared.db')
    const core = openDatabase(file, coreMigrations)
    const worker = openDatabase(file, coreMigrations)
    worker.pragma('busy_timeout = 0')
    core.exec('CREATE TABLE t (n INTEGER)')
    const read = core.prepare('SELECT COUNT(*) AS n FROM t')
    const write = core.prepare('INSERT INTO t (n) VALUES (?)')
    const other = worker.prepare('INSERT INTO t (n) VALUES (-1)')

    // What a deferred transaction does: the other connection commits between our read and our write,
    // and our write fails at once (SQLITE_BUSY_SNAPSHOT), whatever busy_timeout says.
    const deferred = core.transaction(() => {
      read.get()
      other.run()
      write.run(1)
    })
    expect(() => deferred.deferred()).toThrow(/SQLITE_BUSY|locked/)

    // The default here is immediate: the other writer cannot slip in, and ours commits.
    let otherRefused = false
    core.transaction(() => {
      read.get()
      try {
        other.run()
      } catch {
        otherRefused = true
      }
      write.run(2)
    })()
    expect(otherRefused).toBe(true)
    expect(core.prepare('SELECT n FROM t ORDER BY rowid').all()).toEqual([{ n: -1 }, { n: 2 }])
    core.close()
    worker.close()
  })
})

describe('upgrading a database that already has receipts', () => {
  it('keeps earlier reprints numbered as the paper said them (migration 100)', () => {
    const file = join(tempDir(), 'pos.db')
    const before = coreMigrations.filter((m) => m.id < 100)
    const old = openDatabase(file, before)
    const add = old.prepare(
      `INSERT INTO print_jobs (sale_id, copy, receipt, open_drawer, state, attempts, created_at, updated_at) VALUES ('S1', ?, '{}', 0, 'printed', 1, 't', 't')`,
    )
    for (const copy of [0, 1, 2]) add.run(copy)
    old.close()
    const db = openDatabase(file, coreMigrations)
    expect(db.prepare('SELECT copy, kind, reprint FROM print_jobs ORDER BY copy').all()).toEqual([
      { copy: 0, kind: 'original', reprint: 0 },
      { copy: 1, kind: 'reprint', reprint: 1 },
      { copy: 2, kind: 'reprint', reprint: 2 },
    ])
    expect(() => db.prepare("UPDATE print_jobs SET kind = 'copy' WHERE copy = 0").run()).toThrow(/CHECK/)
    db.close()
  })
})
