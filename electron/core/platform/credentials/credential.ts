import { PosError, type ErrorCode } from '../../../../shared/contract'

/** What the cashier presented: a scanned QR code, an ID card (typed, or read by a keyboard-wedge reader) or a social-security card. */
export type CredentialInput =
  | { qrCode: string }
  | { idCardNo: string }
  | { socialCard: { cardNo: string; cardSn: string } }
  /** The card in the configured reader (the vendor plug-in reads its number and card_sn). */
  | { readCard: 'social-security' }

/**
 * A credential as 1101 and the settlement send it: `01` an ecToken, `02` an ID number, `03` a social-security
 * card number with its card_sn. `idNo` is the ID number where the credential names it (02), for the regions
 * that want `psn_cert_type` 01 and `certno` beside it.
 */
export interface Credential {
  certType: '01' | '02' | '03'
  certNo: string
  cardSn?: string
  idNo?: string
}

/** The one seam every identification goes through (the gateway's decode service, a vendor plug-in, or a card). */
export interface CredentialReader {
  read(input: CredentialInput): Promise<Credential>
}

/** A credential that cannot be read: a code the screen words, Chinese here; nothing was sent to the platform. */
export class CredentialError<C extends ErrorCode = ErrorCode> extends PosError<C> {}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character. */
export function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0)
  return ID_CHECK[sum % 11] === id[17]
}

/**
 * A card-reader device types the number and Enter like a keyboard: stray spaces and a lower-case x are the
 * reader's, not the person's; anything else wrong is refused with the reason.
 */
export function readIdCard(raw: string): Credential {
  const id = raw.replace(/\s+/g, '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) throw new CredentialError('ID_CARD_INVALID', { why: 'format' })
  if (!idNumberValid(id)) throw new CredentialError('ID_CARD_INVALID', { why: 'checkDigit' })
  return { certType: '02', certNo: id, idNo: id }
}

/** The social-security card: its number and the card identification code (card_sn) are both read from the card. */
export function readSocialCard(card: { cardNo: string; cardSn: string }): Credential {
  const cardNo = card.cardNo.replace(/\s+/g, '').toUpperCase()
  const cardSn = card.cardSn.replace(/\s+/g, '').toUpperCase()
  if (!/^[0-9A-Z]{1,20}$/.test(cardNo)) throw new CredentialError('SOCIAL_CARD_INVALID', { why: 'cardNo' })
  if (!/^[0-9A-Z]{1,50}$/.test(cardSn)) throw new CredentialError('SOCIAL_CARD_INVALID', { why: 'cardSn' })
  return { certType: '03', certNo: cardNo, cardSn }
}
