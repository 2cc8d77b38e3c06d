import type { z } from 'zod'
import type { AuditCheckSchema } from '../../../shared/contract/manager/schemas'
import type { AuditTrail } from '../audit/audit-trail'
import type { Db } from '../../base/store/database'

type AuditCheck = z.infer<typeof AuditCheckSchema>

/**
 * The hash chain proves no row was edited or removed in the middle; the heads recorded by day closes
 * prove the tail was not cut off after a close (a chain cut at its end is still a valid chain).
 */
export function checkAudit(db: Db, audit: AuditTrail, now: Date): AuditCheck {
  const chain = audit.verify()
  const head = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined
  const base = { entries: chain.entries, head: head?.hash ?? null, checkedAt: now.toISOString() }
  if (!chain.ok) return { ok: false, brokenAt: chain.brokenAt, reason: chain.reason, ...base }
  const hasCloses = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'day_closes'").get() !== undefined
  if (hasCloses) {
    const closes = db.prepare('SELECT day, training, audit_seq, audit_head FROM day_closes ORDER BY audit_seq').all() as {
      day: string
      training: number
      audit_seq: number
      audit_head: string
    }[]
    const at = db.prepare('SELECT hash FROM audit_log WHERE seq = ?')
    for (const c of closes) {
      const row = at.get(c.audit_seq) as { hash: string } | undefined
      if (!row || row.hash !== c.audit_head) {
        return {
          ok: false,
          brokenAt: c.audit_seq,
          reason: `${c.day}${c.training ? '（培训）' : ''} 日结时审计记录到第 ${c.audit_seq} 条，现在${row ? '该条已被改动' : '该条及其后的记录已不存在'}`,
          ...base,
        }
      }
    }
  }
  return { ok: true, brokenAt: null, reason: null, ...base }
}
