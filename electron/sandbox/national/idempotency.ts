import { createHash } from 'node:crypto'
import type { Db } from '../../base/store/database'
import type { ResponseEnvelope } from '../../../shared/nhsa/envelope'
import { PlatformError } from '../errors'
import { prepared } from '../../base/store/statements'

/** Key order must not matter: "identical input" means the same JSON value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function inputHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex')
}

interface MessageRow {
  infno: string
  input_hash: string | null
  state: 'done' | 'reversed'
  response_json: string | null
}

export function findMessage(db: Db, fixmedinsCode: string, msgid: string): MessageRow | undefined {
  return prepared(db, 'SELECT infno, input_hash, state, response_json FROM messages WHERE fixmedins_code = ? AND msgid = ?').get(fixmedinsCode, msgid) as
    MessageRow | undefined
}

/**
 * A msgid seen before: the stored answer when it is the same message again, a refusal when the msgid
 * was reused for something else or the message was reversed (also when the reversal came first).
 */
export function replayOf(db: Db, fixmedinsCode: string, msgid: string, infno: string, hash: string): ResponseEnvelope | undefined {
  const m = findMessage(db, fixmedinsCode, msgid)
  if (!m) return undefined
  if (m.state === 'reversed') throw new PlatformError(`报文 ${msgid} 已被冲正，不能再处理`)
  if (m.infno !== infno || m.input_hash !== hash) throw new PlatformError(`msgid ${msgid} 已被另一笔不同的报文使用`)
  return JSON.parse(m.response_json ?? 'null') as ResponseEnvelope
}

export function recordMessage(
  db: Db,
  row: { fixmedins_code: string; msgid: string; infno: string; hash: string; response: ResponseEnvelope },
  now: Date,
): void {
  prepared(
    db,
    `INSERT INTO messages (fixmedins_code, msgid, infno, input_hash, state, response_json, created_at)
     VALUES (?, ?, ?, ?, 'done', ?, ?)`,
  ).run(row.fixmedins_code, row.msgid, row.infno, row.hash, JSON.stringify(row.response), now.toISOString())
}
