import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { z } from 'zod'
import { anchorTag } from './audit-keys'

/** The trail's head as printed on the Z report and typed back into `audit:verify --head`: `seq:mac`. */
export interface AuditHead {
  seq: number
  mac: string
}

export function formatHead(head: AuditHead): string {
  return `${head.seq}:${head.mac}`
}

/** A head copied from paper: the sequence number and at least 16 hex digits of the MAC (a prefix is enough). */
export function parseHead(text: string): AuditHead | undefined {
  const m = /^\s*(\d{1,15}):([0-9a-fA-F]{16,64})\s*$/.exec(text)
  return m ? { seq: Number(m[1]), mac: m[2].toLowerCase() } : undefined
}

const AnchorFileSchema = z.object({
  seq: z.number().int().positive(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
  keyId: z.string(),
  at: z.string(),
  tag: z.string().regex(/^[0-9a-f]{64}$/),
})
export type AnchorRecord = z.infer<typeof AnchorFileSchema>

/**
 * The last day close's head, kept in a file beside the database but outside it: restoring an older copy
 * of the database, or cutting the trail and the day closes together, leaves the trail behind this anchor.
 * Its tag is a MAC under the audit key, so without the key nobody can point it at an earlier row.
 */
export class AnchorFile {
  constructor(readonly path: string) {}

  read(): AnchorRecord | 'missing' | 'unreadable' {
    if (!existsSync(this.path)) return 'missing'
    try {
      return AnchorFileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')))
    } catch {
      return 'unreadable'
    }
  }

  /** Moves the anchor forward (never back), written to a temporary file, synced, then renamed over. */
  write(head: AuditHead, key: { id: string; key: Buffer }, at: Date): void {
    const now = this.read()
    if (typeof now === 'object' && now.seq >= head.seq) return
    const record: AnchorRecord = { seq: head.seq, mac: head.mac, keyId: key.id, at: at.toISOString(), tag: anchorTag(key.key, head.seq, head.mac) }
    const tmp = `${this.path}.tmp`
    const fd = openSync(tmp, 'w', 0o600)
    try {
      writeSync(fd, JSON.stringify(record))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.path)
  }
}
