import type { TransactionInput } from '../../../shared/nhsa'
import type { Db } from '../../base/store/database'
import type { SaleLedger, LineRow, SaleRow } from '../ledger'
import { heldCardSn, heldCredential } from './stored-credentials'

/** What a wire builder may ask of the sale it builds for, besides its row. */
export interface WireSource {
  lines(): LineRow[]
  /** The customer's credential (ecToken or ID number), held in memory only: MEMBER_EXPIRED once it is gone. */
  credential(): string
  /** The social-security card's serial (03), sent beside its number; nothing for other credentials. */
  cardSn(): { card_sn?: string }
}

/** A fee line's number within its sale or visit (feedetl_sn): the platform never takes one twice, even cancelled. */
export function feedetlSn(saleId: string, seq: number): string {
  return `${saleId.slice(0, 8)}-${seq}`
}

/** Who settles: the person and the credential they showed, as every settlement input names them (the caller checked the member). */
export function credentialFields(sale: SaleRow, from: WireSource) {
  return {
    psn_no: sale.psn_no!,
    mdtrt_cert_type: sale.cert_type as '01' | '02' | '03',
    mdtrt_cert_no: from.credential(),
    ...from.cardSn(),
  }
}

/** A sale's lines from the ledger, and the credential this process holds for it. */
export function wireSource(db: Db, ledger: SaleLedger, saleId: string): WireSource {
  return { lines: () => ledger.lines(saleId), credential: () => heldCredential(db, saleId), cardSn: () => heldCardSn(db, saleId) }
}

/**
 * How one kind of sale settles on the wire: which messages, and the settlement's input. Its concern builds
 * it (sale/wire.ts for the pharmacy, clinic/wire.ts for a visit) and hands it to the journal, which sends
 * it exactly once without knowing one kind from the other.
 */
export interface SettlementWire {
  presettle: '2101' | '2206'
  settle: '2102' | '2207'
  refund: '2103' | '2208'
  /** The pre-settlement's and the settlement's input (the same data), built inside the intent's transaction. */
  input(sale: SaleRow, from: WireSource): TransactionInput<'2102'> | TransactionInput<'2207'>
}
