import { createHash } from 'node:crypto'
import type { Db } from '../../base/store/database'
import { EC_ERROR_CODES, ecQueryRequestSchema, type EcQueryResponse } from '../../../shared/nhsa/ec'
import { parseWire } from '../../../shared/nhsa/issues'
import { redeemQrCode } from '../domain/credentials'
import { findPerson } from '../domain/persons'

const MESSAGES = {
  unknown: '二维码无效',
  expired: '二维码已过期，请患者刷新电子凭证',
  used: '二维码已使用，请患者刷新电子凭证',
} as const

/** Decodes a QR payload into the person and a 24-hour ecToken; the code is spent either way. */
export function decodeQr(db: Db, body: unknown, now: Date): EcQueryResponse {
  const req = parseWire(ecQueryRequestSchema, body, '')
  if (!req.ok) return { code: EC_ERROR_CODES.invalidRequest, message: req.message }
  return db
    .transaction((): EcQueryResponse => {
      const r = redeemQrCode(db, req.value.data.qrCode, now)
      if (!r.ok) {
        const code = r.reason === 'unknown' ? EC_ERROR_CODES.unknownQr : r.reason === 'expired' ? EC_ERROR_CODES.expiredQr : EC_ERROR_CODES.usedQr
        return { code, message: MESSAGES[r.reason] }
      }
      const p = findPerson(db, r.psn_no)
      if (!p) return { code: EC_ERROR_CODES.unknownQr, message: MESSAGES.unknown }
      if (p.status !== 'active') return { code: EC_ERROR_CODES.notInsured, message: '该人员已终止参保' }
      return {
        code: 0,
        message: 'success',
        data: {
          ecToken: r.ec_token,
          // Stable per person and opaque, like the national index number.
          ecIndexNo: createHash('sha256').update(`ecindex:${p.psn_no}`).digest('hex').slice(0, 32).toUpperCase(),
          userName: p.name,
          idNo: p.certno,
          idType: '01',
          insuOrg: p.insuplc_admdvs,
        },
      }
    })
    .immediate()
}
