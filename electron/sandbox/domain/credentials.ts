import { randomBytes } from 'node:crypto'
import type { Db } from '../../base/store/database'
import { AdminError } from '../errors'
import { prepared } from '../../base/store/statements'

const QR_LIFETIME_MS = 5 * 60 * 1000
const TOKEN_LIFETIME_MS = 24 * 3600 * 1000

/** The QR payload is opaque on purpose: clients must not parse it, only the decode service can. */
export function issueQrCode(db: Db, psnNo: string, now: Date): { qrcode: string; expires_at: string } {
  const p = prepared(db, 'SELECT status FROM persons WHERE psn_no = ?').get(psnNo) as { status: string } | undefined
  if (!p) throw new AdminError(404, `psn_no ${psnNo} 不存在`)
  const qrcode = 'SBXEC' + randomBytes(24).toString('base64url')
  const expires = new Date(now.getTime() + QR_LIFETIME_MS)
  prepared(db, 'INSERT INTO credentials (qrcode, psn_no, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(
    qrcode,
    psnNo,
    now.toISOString(),
    expires.toISOString(),
  )
  return { qrcode, expires_at: expires.toISOString() }
}

export type QrRedeem = { ok: true; psn_no: string; ec_token: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' }

/** Single use: the code is spent whether or not the caller goes on to settle. */
export function redeemQrCode(db: Db, qrcode: string, now: Date): QrRedeem {
  const row = prepared(db, 'SELECT * FROM credentials WHERE qrcode = ?').get(qrcode) as
    { psn_no: string; expires_at: string; used_at: string | null } | undefined
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.used_at) return { ok: false, reason: 'used' }
  if (new Date(row.expires_at) <= now) return { ok: false, reason: 'expired' }
  prepared(db, 'UPDATE credentials SET used_at = ? WHERE qrcode = ?').run(now.toISOString(), qrcode)
  const token = randomBytes(16).toString('hex').toUpperCase()
  prepared(db, 'INSERT INTO ec_tokens (ec_token, psn_no, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(
    token,
    row.psn_no,
    now.toISOString(),
    new Date(now.getTime() + TOKEN_LIFETIME_MS).toISOString(),
  )
  return { ok: true, psn_no: row.psn_no, ec_token: token }
}

/** The person an ecToken stands for, while it is valid. */
export function personOfToken(db: Db, token: string, now: Date): string | undefined {
  const row = prepared(db, 'SELECT psn_no, expires_at FROM ec_tokens WHERE ec_token = ?').get(token) as { psn_no: string; expires_at: string } | undefined
  if (!row || new Date(row.expires_at) <= now) return undefined
  return row.psn_no
}
