import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

/**
 * The offline queue's group commit appends its audit rows in one batch (the trail's head kept in memory,
 * not read back for each row). The rows must be exactly what appends one by one write, and a batch that
 * fails must leave the chain as it was, the next append chaining from the table again.
 */
const tempDir = useTempDir()
const AT = new Date('2026-12-05T10:00:00.000Z')
const clock = { now: () => AT }

function trail(): { db: Db; audit: AuditTrail } {
  const db = openDatabase(join(tempDir(), 'gongji.db'), coreMigrations)
  return { db, audit: new AuditTrail(db, clock) }
}

const entries = Array.from({ length: 40 }, (_, i) => ({ actor: 'system', action: i % 2 ? 'offline.settled' : 'sale.settled', subject: `S${i}`, detail: { i } }))
const rows = (db: Db) => db.prepare('SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq').all()

describe('audit rows appended in a batch', () => {
  it('writes the same chain as appends one by one, and it verifies', () => {
    const one = trail()
    const batched = trail()
    for (const t of [one, batched]) t.audit.append({ actor: 'system', action: 'audit.start', subject: 'audit' })
    one.db.transaction(() => entries.forEach((e) => one.audit.append(e)))()
    batched.db.transaction(() => batched.audit.batch(() => entries.forEach((e) => batched.audit.append(e))))()
    expect(rows(batched.db)).toEqual(rows(one.db))
    expect(batched.audit.verify()).toMatchObject({ ok: true, entries: 41 })
    // After the batch, appends read the table's head again.
    batched.audit.append({ actor: 'system', action: 'after', subject: 'audit' })
    expect(batched.audit.verify()).toMatchObject({ ok: true, entries: 42 })
  })

  it('leaves nothing behind when the batch fails, and the next append chains from the table', () => {
    const { db, audit } = trail()
    audit.append({ actor: 'system', action: 'audit.start', subject: 'audit' })
    expect(() =>
      db.transaction(() =>
        audit.batch(() => {
          entries.slice(0, 5).forEach((e) => audit.append(e))
          throw new Error('disk full')
        }),
      )(),
    ).toThrow('disk full')
    expect(audit.head()?.seq).toBe(1)
    db.transaction(() => audit.batch(() => entries.slice(0, 3).forEach((e) => audit.append(e))))()
    expect(audit.verify()).toMatchObject({ ok: true, entries: 4 })
  })

  it('is refused outside a transaction, where its rows would not commit together', () => {
    const { audit } = trail()
    expect(() => audit.batch(() => audit.append(entries[0]))).toThrow(/outside a transaction/)
    expect(audit.head()).toBeNull()
  })
})
