import { PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import { messageOpen } from '../ledger'
import { credentialVaultOf } from '../secrets'

/** What a stored request holds in place of a credential this process did not keep at rest. */
export const WITHHELD = 'withheld'

/**
 * The credential (ecToken or ID number) each open sale was identified with, in memory only: `sales`
 * keeps the psn_no and the certificate type, never the number. A sale left open across a restart is
 * identified again at the counter (an ecToken would have expired by then in any case).
 */
const held = new Map<string, { certNo: string; cardSn?: string }>()
const heldKey = (db: Db, saleId: string) => `${db.name}\u0000${saleId}`

/** `cardSn`: a social-security card's (03) identification code, which goes with its number. */
export function holdCredential(db: Db, saleId: string, certNo: string, cardSn?: string): void {
  held.set(heldKey(db, saleId), cardSn ? { certNo, cardSn } : { certNo })
}

/** The card_sn held with a sale's social-security card, as the settlement sends it. */
export function heldCardSn(db: Db, saleId: string): { card_sn: string } | Record<string, never> {
  const cardSn = held.get(heldKey(db, saleId))?.cardSn
  return cardSn ? { card_sn: cardSn } : {}
}

export function releaseCredential(db: Db, saleId: string): void {
  held.delete(heldKey(db, saleId))
}

export function heldCredential(db: Db, saleId: string): string {
  const certNo = held.get(heldKey(db, saleId))?.certNo
  if (certNo === undefined) {
    throw new PosError('MEMBER_EXPIRED', { why: 'restarted' })
  }
  return certNo
}

interface WithCredential {
  data: { mdtrt_cert_type?: string; mdtrt_cert_no?: string }
}

const hasCredential = (request: unknown): request is WithCredential =>
  typeof request === 'object' && request !== null && typeof (request as WithCredential).data?.mdtrt_cert_no === 'string'

/**
 * What a stored request keeps of its credential, by what the message may still need:
 * - 'none': a message never resent as written (a 2102/2207 is reversed by msgid, naming psn_no only);
 * - 'id': a queued offline 2102, resent until the platform answers: an ID number (types 02, 03) sealed,
 *   because the platform checks it against psn_no; an ecToken never (a queued sale must not need one);
 * - 'open-visit': a clinic visit message between intent and answer, which recovery resends as the very
 *   same message (the platform replays a msgid only for an identical request): its credential sealed,
 *   an ecToken included, and withheld again as soon as the message is answered (`settledRequest`).
 */
export type CredentialKept = 'none' | 'id' | 'open-visit'

export function storableRequest(db: Db, request: unknown, keep: CredentialKept): string {
  if (!hasCredential(request)) return JSON.stringify(request)
  const vault = credentialVaultOf(db)
  const isToken = request.data.mdtrt_cert_type === '01'
  const sealable = vault !== undefined && (keep === 'open-visit' || (keep === 'id' && !isToken))
  const certNo = sealable ? vault.seal(request.data.mdtrt_cert_no!) : WITHHELD
  return JSON.stringify({ ...request, data: { ...request.data, mdtrt_cert_no: certNo } })
}

/** Withholds a sealed credential once its message needs it no more (answered, refused, done); by msgid. */
export function withholdSealed(table: 'platform_messages' | 'offline_queue'): string {
  return `UPDATE ${table} SET request = json_set(request, '$.data.mdtrt_cert_no', '${WITHHELD}')
    WHERE msgid = ? AND json_extract(request, '$.data.mdtrt_cert_no') LIKE 'sealed:%'`
}

/** Withholds the sealed credential of the queued message `msgid` (the offline queue's answered or refused 2102). */
export function withholdQueuedCredential(db: Db, msgid: string): void {
  prepared(db, withholdSealed('offline_queue')).run(msgid)
}

/**
 * A stored request as it is sent again: a sealed credential is opened; a withheld one is taken from the
 * sale's credential in memory, if this process still holds it. Neither: a typed error, nothing sent.
 */
export function sendableRequest(db: Db, saleId: string, stored: string): unknown {
  const request = JSON.parse(stored) as unknown
  if (!hasCredential(request)) return request
  const certNo = request.data.mdtrt_cert_no!
  let opened = certNo
  if (certNo === WITHHELD) opened = heldCredential(db, saleId)
  else if (certNo.startsWith('sealed:')) {
    const clear = credentialVaultOf(db)?.open(certNo)
    if (clear === undefined) throw new PosError('CREDENTIAL_SEALED_ELSEWHERE')
    opened = clear
  }
  return { ...request, data: { ...request.data, mdtrt_cert_no: opened } }
}

/**
 * Rows written before migration 0170 that still wait to be sent keep their clear ID numbers through the
 * migration (SQL has no key); they are sealed here, at the first start with the vault, or withheld.
 */
export function sealWaitingCredentials(db: Db): void {
  const visit = `infno IN ('2201', '2202', '2203', '2204', '2205') AND ${messageOpen()}`
  const tables = [
    { table: 'platform_messages', key: 'msgid', where: visit, keep: 'open-visit' as const },
    { table: 'offline_queue', key: 'msgid', where: "state IN ('queued', 'sending')", keep: 'id' as const },
  ]
  db.transaction(() => {
    for (const { table, key, where, keep } of tables) {
      const rows = db
        .prepare(
          `SELECT ${key} AS k, request FROM ${table} WHERE ${where} AND json_extract(request, '$.data.mdtrt_cert_no') NOT LIKE 'sealed:%' AND json_extract(request, '$.data.mdtrt_cert_no') <> '${WITHHELD}'`,
        )
        .all() as { k: string; request: string }[]
      const update = db.prepare(`UPDATE ${table} SET request = ? WHERE ${key} = ?`)
      for (const r of rows) update.run(storableRequest(db, JSON.parse(r.request), keep), r.k)
    }
  })()
  // The pages as they were before a scrub (this one or migration 0170's) live on in the main file until
  // the WAL is copied back over them; a truncating checkpoint does that now and empties the WAL.
  db.pragma('wal_checkpoint(TRUNCATE)')
}
