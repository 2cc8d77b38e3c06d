import type { Db } from '../../base/store/database'
import { PlatformError } from '../errors'
import { personOfToken } from './credentials'
import { findPerson, findPersonByCertno, type PersonRow } from './persons'

export interface Credential {
  mdtrt_cert_type: '01' | '02' | '03'
  mdtrt_cert_no: string
  card_sn?: string
}

/**
 * Who a medical credential stands for: 01 an ecToken from the decode service, 02 an ID card number,
 * 03 a social security card (the sandbox's cards carry the ID number, with card_sn required).
 */
export function personOfCredential(db: Db, cred: Credential, now: Date): PersonRow {
  if (cred.mdtrt_cert_type === '01') {
    const psnNo = personOfToken(db, cred.mdtrt_cert_no, now)
    const p = psnNo ? findPerson(db, psnNo) : undefined
    if (!p) throw new PlatformError('电子凭证令牌（ecToken）无效或已过期，请重新扫码')
    return p
  }
  if (cred.mdtrt_cert_type === '03' && !cred.card_sn) throw new PlatformError('社会保障卡须提供 card_sn')
  const p = findPersonByCertno(db, cred.mdtrt_cert_no)
  if (!p) throw new PlatformError(cred.mdtrt_cert_type === '02' ? '未查询到该身份证号的参保信息' : '未查询到该社会保障卡的参保信息')
  return p
}

/** A settlement's credential must name the same person as its psn_no. */
export function requireCredentialOf(db: Db, cred: Credential, psnNo: string, now: Date): void {
  const p = personOfCredential(db, cred, now)
  if (p.psn_no !== psnNo) throw new PlatformError('就诊凭证与 psn_no 不是同一人')
}
