import type { z } from 'zod'
import type { AuditCheckSchema } from '../../../shared/contract/manager/schemas'
import type { Db } from '../../base/store/database'
import { formatHead, type AuditHead } from './audit-anchor'
import { anchorTag } from './audit-keys'
import { AuditStore } from './audit-store'
import type { AuditTrail, ChainCheck } from './audit-trail'

type AuditCheck = z.infer<typeof AuditCheckSchema>
type Broken = { brokenAt: number; reason: string }

/**
 * The keyed chain proves no row was edited, removed in the middle or re-chained; the anchors prove the
 * tail was not cut off (a chain cut at its end is still a valid chain): every day close's head in
 * `day_closes`, the last close's head in the anchor file outside the database, and a head copied from a
 * Z slip (`expectedHead`). Reads only.
 */
export function checkAudit(db: Db, audit: AuditTrail, now: Date, expectedHead?: AuditHead): AuditCheck & { unchecked: number } {
  const chain = audit.verify()
  const head = chain.head
  const base = {
    entries: chain.entries,
    head: head ? (head.mac ? formatHead({ seq: head.seq, mac: head.mac }) : head.hash) : null,
    checkedAt: now.toISOString(),
    unchecked: chain.unchecked,
  }
  const broken = !chain.ok ? chain : (uncheckable(audit, chain) ?? anchorsBroken(db, audit, chain.keyed, head?.seq ?? 0, expectedHead))
  return broken ? { ok: false, ...broken, ...base } : { ok: true, brokenAt: null, reason: null, ...base }
}

/**
 * Where this process holds the audit key, a row it cannot check is a finding, not a pass: a re-chained
 * row labelled with another box's key id would otherwise slip through. (A read-only check without any
 * key reports the count instead: `audit:verify` exits 3.)
 */
function uncheckable(audit: AuditTrail, chain: ChainCheck): Broken | undefined {
  if (!audit.keys || chain.unchecked === 0 || chain.firstUnchecked === null) return undefined
  return {
    brokenAt: chain.firstUnchecked,
    reason: `从第 ${chain.firstUnchecked} 条起有 ${chain.unchecked} 条审计记录的校验码无法核对：密钥不在本机（换过加密方式或系统钥匙串），或记录被伪造`,
  }
}

/**
 * Moves the anchor file up to the trail's head (at a day close, at start and at shutdown), unless the
 * anchors already disagree with the trail: then the file stays as it is, as the evidence `checkAudit`
 * reports. Cheap: the day closes and one row, not the whole chain.
 */
export function advanceAnchor(db: Db, audit: AuditTrail): void {
  const head = audit.head()
  if (!head?.mac || anchorsBroken(db, audit, true, head.seq, undefined)) return
  audit.anchor({ seq: head.seq, mac: head.mac })
}

function anchorsBroken(db: Db, audit: AuditTrail, keyed: boolean, headSeq: number, expectedHead: AuditHead | undefined): Broken | undefined {
  const store = new AuditStore(db)
  const rowAt = store.rowAt()
  const cut = (seq: number, where: string): Broken => ({
    brokenAt: headSeq + 1,
    reason: `${where}审计记录到第 ${seq} 条，现在只到第 ${headSeq} 条：末尾的记录被删去了`,
  })

  const closes = store.closeAnchors()
  for (const c of closes) {
    const row = rowAt(c.audit_seq)
    if (!row || row.hash !== c.audit_head || (c.audit_mac !== null && row.mac !== c.audit_mac)) {
      return {
        brokenAt: c.audit_seq,
        reason: `${c.day}${c.training ? '（培训）' : ''} 日结时审计记录到第 ${c.audit_seq} 条，现在${row ? '该条已被改动' : '该条及其后的记录已不存在'}`,
      }
    }
  }

  const file = audit.anchorFile?.read() ?? 'missing'
  if (file === 'unreadable') return { brokenAt: headSeq, reason: '审计锚点文件被改动，无法读取' }
  if (file === 'missing') {
    // A close since the trail was keyed always leaves the file behind; its absence is a deletion.
    if (closes.some((c) => c.audit_mac !== null)) return { brokenAt: headSeq, reason: '审计锚点文件不见了：日结时记下的末条位置已被删去' }
  } else {
    if (audit.keys) {
      // A key id this process cannot open would skip the tag: holding a key, that is a finding too.
      const key = audit.keys.get(file.keyId)
      if (!key || file.tag !== anchorTag(key, file.seq, file.mac))
        return { brokenAt: file.seq, reason: `审计锚点文件被改动：校验码${key ? '不符' : '无法核对'}` }
    }
    const row = rowAt(file.seq)
    if (!row) return cut(file.seq, `锚点文件（${file.at.slice(0, 10)} 记下）中`)
    if (row.mac !== file.mac) return { brokenAt: file.seq, reason: `锚点文件记下的第 ${file.seq} 条审计记录已被改动` }
  }

  if ((audit.keys || file !== 'missing') && headSeq > 0 && !keyed) {
    return { brokenAt: headSeq, reason: '审计记录没有任何校验码：启用校验码之后写入的记录已被删去' }
  }

  if (expectedHead) {
    const row = rowAt(expectedHead.seq)
    if (!row) return cut(expectedHead.seq, '日结单上')
    if (!row.mac?.startsWith(expectedHead.mac))
      return { brokenAt: expectedHead.seq, reason: `日结单上的第 ${expectedHead.seq} 条审计记录与数据库中的不符：记录被改动过` }
  }
  return undefined
}
