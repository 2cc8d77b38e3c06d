import { PosError } from '../../../shared/contract'
import { fromFen, toWireNumber } from '../../../shared/money/money'
import type { TransactionInput } from '../../../shared/nhsa'
import { credentialFields, type SettlementWire, type WireSource } from '../journal'
import type { SaleRow } from '../ledger'

/** A visit's one charge batch (chrg_bchno): fixed by the sale's id, so every resend names the same batch. */
export function clinicBatchNo(saleId: string): string {
  return `CB${saleId.replace(/-/g, '').slice(0, 24).toUpperCase()}`
}

/** The 2206/2207 input of a clinic visit: the platform settles the lines it holds under the visit's batch. */
export function outpatientInput(sale: SaleRow, from: WireSource): TransactionInput<'2207'> {
  if (!sale.psn_no || !sale.cert_type || !sale.insutype) throw new PosError('SALE_NO_MEMBER', { why: 'visit' })
  if (!sale.mdtrt_id) throw new PosError('VISIT_NOT_REGISTERED')
  return {
    data: {
      ...credentialFields(sale, from),
      med_type: sale.med_type as TransactionInput<'2207'>['data']['med_type'],
      medfee_sumamt: toWireNumber(fromFen(sale.medfee_fen)),
      psn_setlway: '01',
      mdtrt_id: sale.mdtrt_id,
      chrg_bchno: clinicBatchNo(sale.id),
      insutype: sale.insutype as TransactionInput<'2207'>['data']['insutype'],
      acct_used_flag: sale.acct_used ? '1' : '0',
      ...(sale.mulaid_id ? { mulaid_id: sale.mulaid_id } : {}),
    },
  }
}

/** A clinic visit's settlement on the wire: 2206 to pre-settle, 2207 to settle, 2208 to refund. */
export const CLINIC_WIRE: SettlementWire = { presettle: '2206', settle: '2207', refund: '2208', input: outpatientInput }
