import { createHash } from 'node:crypto'
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

export interface Migration {
  /** Strictly increasing; the list's order is the history every database must share. */
  readonly id: number
  readonly name: string
  readonly sql: string
}

export class StoreError extends Error {
  constructor(
    readonly code: 'STORE_TOO_NEW' | 'STORE_HISTORY_MISMATCH' | 'STORE_UNREADABLE',
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

interface AppliedRow {
  id: number
  name: string
  checksum: string
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex')
}

function readHistory(db: Db): AppliedRow[] {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
  if (!table) return []
  return db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all() as AppliedRow[]
}

/** Throws unless the recorded history is a prefix of `migrations`. Reads only. */
function verifyHistory(applied: AppliedRow[], migrations: readonly Migration[], file: string): void {
  const known = new Map(migrations.map((m) => [m.id, m]))
  const newest = migrations.at(-1)?.id ?? 0
  for (const row of applied) {
    if (row.id > newest) {
      throw new StoreError('STORE_TOO_NEW', `数据库 ${file} 来自更新版本的程序（迁移 ${row.id} ${row.name}），本程序不会改动它。请升级程序。`)
    }
  }
  applied.forEach((row, i) => {
    const expected = migrations[i]
    const m = known.get(row.id)
    if (!expected || expected.id !== row.id || !m || m.name !== row.name || checksum(m.sql) !== row.checksum) {
      throw new StoreError(
        'STORE_HISTORY_MISMATCH',
        `数据库 ${file} 的迁移历史与本程序不一致（迁移 ${row.id} ${row.name}），本程序不会改动它。请联系技术支持。`,
      )
    }
  })
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (i > 0 && m.id <= migrations[i - 1].id) throw new Error(`migrations out of order at ${m.id}`)
  })
}

export interface OpenOptions {
  /** ISO time recorded with each applied migration. */
  now?: () => Date
}

/**
 * Opens (or creates) a database, refuses one whose history is not ours, and applies pending migrations
 * in one transaction. The check runs on a read-only connection first so a refused file is never touched.
 */
export function openDatabase(file: string, migrations: readonly Migration[], opts: OpenOptions = {}): Db {
  assertOrdered(migrations)
  const inMemory = file === ':memory:'
  if (!inMemory && existsSync(file)) {
    let probe: Db
    try {
      probe = new Database(file, { readonly: true, fileMustExist: true })
    } catch (e) {
      throw new StoreError('STORE_UNREADABLE', `无法打开数据库 ${file}：${(e as Error).message}`)
    }
    try {
      verifyHistory(readHistory(probe), migrations, file)
    } catch (e) {
      if (e instanceof StoreError) throw e
      throw new StoreError('STORE_UNREADABLE', `数据库 ${file} 已损坏或不是数据库：${(e as Error).message}`)
    } finally {
      probe.close()
    }
  }
  if (!inMemory) ownerOnly(file)
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    // FULL: a committed sale survives power loss, not only a process crash.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // A row rewritten to drop personal data (migration 0170, a sealed credential) must not leave the old bytes in the page.
    db.pragma('secure_delete = ON')
    writeFirstTransactions(db)
    migrate(db, migrations, file, opts.now ?? (() => new Date()))
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

/**
 * The data directory 0700 and the database 0600 before SQLite opens it: SQLite gives the -wal and -shm
 * files it creates the database file's mode, and an existing install (created 0755/0644) is tightened at
 * its next start. On Windows chmod only sets the read-only bit; there the per-user profile's ACL is what
 * keeps other accounts out of the data directory.
 */
function ownerOnly(file: string): void {
  const dir = dirname(file)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // A shared sticky directory (/tmp) is not ours to close; the data directory never is one.
  if ((statSync(dir).mode & 0o1000) === 0) chmodSync(dir, 0o700)
  closeSync(openSync(file, 'a', 0o600))
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600)
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE). A deferred one that reads and
 * then writes fails at once with SQLITE_BUSY_SNAPSHOT, busy_timeout or not, whenever another connection
 * (the catalog's import worker) committed in between; an immediate one waits its turn instead.
 */
function writeFirstTransactions(db: Db): void {
  const make = db.transaction.bind(db)
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = make(fn)
    return Object.assign((...args: never[]) => tx.immediate(...args), {
      default: tx.immediate,
      deferred: tx.deferred,
      immediate: tx.immediate,
      exclusive: tx.exclusive,
    })
  }) as Db['transaction']
}

function migrate(db: Db, migrations: readonly Migration[], file: string, now: () => Date): void {
  db.exec(HISTORY_TABLE)
  const apply = db.transaction(() => {
    const applied = readHistory(db)
    verifyHistory(applied, migrations, file)
    const record = db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
    for (const m of migrations.slice(applied.length)) {
      db.exec(m.sql)
      record.run(m.id, m.name, checksum(m.sql), now().toISOString())
    }
  })
  apply.immediate()
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(id) AS v FROM schema_migrations').get() as { v: number | null }
  return row.v ?? 0
}
