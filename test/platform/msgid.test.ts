import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MsgidSequence, SPARE_TTL_MS } from '../../electron/core/platform/msgid'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const CODE = 'P41010500001'

class HandClock {
  constructor(public ms = Date.UTC(2026, 10, 23, 2, 0, 0)) {}
  now = () => new Date(this.ms)
}

/** The slot a msgid names (second and counter), comparable with what the counters row holds. */
function slot(msgid: string): number {
  const t = msgid.slice(12, 26)
  const utc = Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10) - 8, +t.slice(10, 12), +t.slice(12, 14))
  return (utc / 1000) * 100 + Number(msgid.slice(28, 30))
}

/** What is committed on disk, read through a second connection (it never sees uncommitted writes). */
function onDisk(file: string): number {
  const other = new Database(file, { readonly: true })
  try {
    const row = other.prepare("SELECT value, aux FROM counters WHERE name = 'msgid'").get() as { value: number; aux: number } | undefined
    return row ? row.aux * 100 + row.value : -1
  } finally {
    other.close()
  }
}

function open(dir: string): { db: Db; file: string } {
  const file = join(dir, 'gongji.db')
  return { db: openDatabase(file, coreMigrations), file }
}

describe('msgid sequence', () => {
  it('a msgid asked for outside a transaction after a write takes the reserved spare: no write of its own, already on disk', () => {
    const { db, file } = open(tempDir())
    const clock = new HandClock()
    const seq = new MsgidSequence(db, clock, CODE, 7)
    const inTx = db.transaction(() => seq.next())()
    const before = db.prepare('SELECT total_changes() AS n').get() as { n: number }
    const spare = seq.next()
    const after = db.prepare('SELECT total_changes() AS n').get() as { n: number }
    expect(after.n).toBe(before.n)
    expect(slot(spare)).toBe(slot(inTx) + 1)
    expect(onDisk(file)).toBeGreaterThanOrEqual(slot(spare))
    expect(spare).toMatch(/^P41010500001\d{14}07\d{2}$/)
    // The spare is used once; the next one is written again.
    const third = seq.next()
    expect(slot(third)).toBeGreaterThan(slot(spare))
    expect(onDisk(file)).toBeGreaterThanOrEqual(slot(third))
    db.close()
  })

  it('a spare older than its time to live is not used, so a msgid never names a time long past', () => {
    const { db } = open(tempDir())
    const clock = new HandClock()
    const seq = new MsgidSequence(db, clock, CODE, 1)
    const first = seq.next()
    clock.ms += SPARE_TTL_MS + 1000
    const late = seq.next()
    expect(late.slice(12, 26)).not.toBe(first.slice(12, 26))
    expect(slot(late)).toBeGreaterThan(slot(first) + 1)
    db.close()
  })

  it('a spare reserved by a transaction that was rolled back is never handed out', () => {
    const { db, file } = open(tempDir())
    const clock = new HandClock()
    const seq = new MsgidSequence(db, clock, CODE, 1)
    const committed = seq.next()
    let rolledBack = ''
    expect(() =>
      db.transaction(() => {
        rolledBack = seq.next()
        throw new Error('the sale was refused')
      })(),
    ).toThrow('refused')
    const next = seq.next()
    const again = seq.next()
    expect(new Set([committed, next, again]).size).toBe(3)
    // The rolled-back id is free again (nothing was sent under it), and whatever is issued is on disk.
    expect(onDisk(file)).toBeGreaterThanOrEqual(Math.max(slot(next), slot(again)))
    expect(slot(next)).toBeGreaterThanOrEqual(slot(rolledBack))
    db.close()
  })

  it('after a restart the sequence resumes past every msgid issued, spare or not', () => {
    const dir = tempDir()
    const clock = new HandClock()
    let { db } = open(dir)
    const issued = new Set<string>()
    let seq = new MsgidSequence(db, clock, CODE, 1)
    for (let i = 0; i < 5; i++) issued.add(seq.next())
    db.close()
    ;({ db } = open(dir))
    seq = new MsgidSequence(db, clock, CODE, 1)
    for (let i = 0; i < 5; i++) issued.add(seq.next())
    expect(issued.size).toBe(10)
    db.close()
  })

  it('a random mix of calls, transactions, rollbacks, restarts, two connections and a clock set back: every msgid unique and on disk when issued', () => {
    const dir = tempDir()
    const clock = new HandClock()
    let rnd = 12345
    const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const file = join(dir, 'gongji.db')
    let a = openDatabase(file, coreMigrations)
    let b = openDatabase(file, coreMigrations)
    const issued = new Map<string, number>()
    const record = (id: string) => {
      expect(issued.has(id), `msgid ${id} issued twice`).toBe(false)
      issued.set(id, 1)
    }
    for (let i = 0; i < 1200; i++) {
      const db = random() < 0.8 ? a : b
      const seq = new MsgidSequence(db, clock, CODE, 1)
      const r = random()
      if (r < 0.45) {
        const id = seq.next()
        record(id)
        expect(onDisk(file)).toBeGreaterThanOrEqual(slot(id))
      } else if (r < 0.8) {
        record(db.transaction(() => seq.next())())
      } else if (r < 0.9) {
        try {
          db.transaction(() => {
            seq.next()
            throw new Error('rolled back')
          })()
        } catch {
          // nothing was sent under it
        }
      } else if (r < 0.93) {
        a.close()
        b.close()
        a = openDatabase(file, coreMigrations)
        b = openDatabase(file, coreMigrations)
      }
      const step = random()
      clock.ms += step < 0.6 ? 0 : step < 0.97 ? Math.floor(random() * 3000) : step < 0.99 ? SPARE_TTL_MS : -3_600_000
    }
    expect(issued.size).toBeGreaterThan(800)
    a.close()
    b.close()
  })
})
