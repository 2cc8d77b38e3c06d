import { PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import { credentialVaultOf } from '../secrets/credential-vault'

/** What a stored request holds in place of a credential this process did not keep at rest. */
export const WITHHELD = 'withheld'

/**
 * The credential (ecToken or ID number) each open sale was identified with, in memory only: `sales`
 * keeps the psn_no and the certificate type, never the number. A sale left open across a restart is
 * identified again at the counter (an ecToken would have expired by then in any case).
 */
const held = new Map<string, string>()
const heldKey = (db: Db, saleId: string) => `${db.name}\u0000${saleId}`

export function holdCredential(db: Db, saleId: string, certNo: string): void {
  held.set(heldKey(db, saleId), certNo)
}

export function releaseCredential(db: Db, saleId: string): void {
  held.delete(heldKey(db, saleId))
}

export function heldCredential(db: Db, saleId: string): string {
  const certNo = held.get(heldKey(db, saleId))
  if (certNo === undefined) {
    throw new PosError('MEMBER_EXPIRED', '顾客的医保凭证只保存在本次运行的内存中（程序重启后不再保留），请作废本单后重新识别顾客')
  }
  return certNo
}

interface WithCredential {
  data: { mdtrt_cert_type?: string; mdtrt_cert_no?: string }
}

const hasCredential = (request: unknown): request is WithCredential =>
  typeof request === 'object' && request !== null && typeof (request as WithCredential).data?.mdtrt_cert_no === 'string'

/**
 * A request as it may be written to disk. `resend` says the message may be sent again as written (a
 * queued offline sale, an open visit message): then an ID number (types 02 and 03) is sealed by the
 * secret box, because the platform checks it against psn_no. An ecToken (type 01) is never written, and a
 * message that is never resent (a 2102 is reversed by msgid, not resent) keeps no credential at all.
 */
export function storableRequest(db: Db, request: unknown, resend: boolean): string {
  if (!hasCredential(request)) return JSON.stringify(request)
  const vault = credentialVaultOf(db)
  const sealable = resend && vault !== undefined && request.data.mdtrt_cert_type !== '01'
  const certNo = sealable ? vault.seal(request.data.mdtrt_cert_no!) : WITHHELD
  return JSON.stringify({ ...request, data: { ...request.data, mdtrt_cert_no: certNo } })
}

/**
 * A stored request as it is sent again: a sealed ID number is opened; a withheld credential is taken from
 * the sale's credential in memory, if this process still holds it.
 */
export function sendableRequest(db: Db, saleId: string, stored: string): unknown {
  const request = JSON.parse(stored) as unknown
  if (!hasCredential(request)) return request
  const certNo = request.data.mdtrt_cert_no!
  const opened = certNo === WITHHELD ? heldCredential(db, saleId) : (credentialVaultOf(db)?.open(certNo) ?? certNo)
  return { ...request, data: { ...request.data, mdtrt_cert_no: opened } }
}

/**
 * Rows written before migration 0170 that still wait to be sent keep their clear ID numbers through the
 * migration (SQL has no key); they are sealed here, at the first start with the vault, or withheld.
 */
export function sealWaitingCredentials(db: Db): void {
  const visit = "infno IN ('2201', '2202', '2203', '2204', '2205') AND state IN ('intent', 'unknown')"
  const tables = [
    { table: 'platform_messages', key: 'msgid', where: visit },
    { table: 'offline_queue', key: 'msgid', where: "state IN ('queued', 'sending')" },
  ]
  db.transaction(() => {
    for (const { table, key, where } of tables) {
      const rows = db
        .prepare(`SELECT ${key} AS k, request FROM ${table} WHERE ${where} AND json_extract(request, '$.data.mdtrt_cert_no') NOT LIKE 'sealed:%' AND json_extract(request, '$.data.mdtrt_cert_no') <> '${WITHHELD}'`)
        .all() as { k: string; request: string }[]
      const update = db.prepare(`UPDATE ${table} SET request = ? WHERE ${key} = ?`)
      for (const r of rows) update.run(storableRequest(db, JSON.parse(r.request), true), r.k)
    }
  })()
  // The pages as they were before a scrub (this one or migration 0170's) live on in the main file until
  // the WAL is copied back over them; a truncating checkpoint does that now and empties the WAL.
  db.pragma('wal_checkpoint(TRUNCATE)')
}
