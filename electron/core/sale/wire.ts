import { PosError } from '../../../shared/contract'
import { fromFen, toWireNumber } from '../../../shared/money/money'
import type { TransactionInput } from '../../../shared/nhsa'
import { credentialFields, feedetlSn, type SettlementWire, type WireSource } from '../journal'
import type { SaleRow } from '../ledger'
import { wireTimeCst } from '../platform'

/** The 2101/2102 input: insured lines only; ordinary goods never reach the platform. */
export function settlementInput(sale: SaleRow, from: WireSource): TransactionInput<'2102'> {
  const lines = from.lines().filter((l) => l.insured)
  if (!sale.psn_no || !sale.cert_type || !sale.insutype) throw new PosError('SALE_NO_MEMBER', { why: 'cashOnly' })
  return {
    data: {
      ...credentialFields(sale, from),
      begntime: wireTimeCst(new Date(sale.created_at)),
      medfee_sumamt: toWireNumber(fromFen(sale.medfee_fen)),
      insutype: sale.insutype,
      med_type: sale.med_type,
      acct_used_flag: sale.acct_used ? '1' : '0',
      ...(sale.mulaid_id ? { mulaid_id: sale.mulaid_id } : {}),
      ...(sale.rxno ? { rxno: sale.rxno } : {}),
    },
    drugdetail: lines.map((l) => ({
      feedetl_sn: feedetlSn(sale.id, l.seq),
      med_list_codg: l.national_code!,
      medins_list_codg: l.store_code,
      det_item_fee_sumamt: toWireNumber(fromFen(l.amount_fen)),
      cnt: Number(l.qty),
      pric: Number(l.price),
      rx_flag: l.rx_flag ? '1' : '0',
      ...(l.rx_flag && sale.rxno ? { rxno: sale.rxno, rx_circ_flag: sale.rx_external ? '1' : '0' } : {}),
      ...(JSON.parse(l.trace_codes).length ? { drug_trac_codg: (JSON.parse(l.trace_codes) as string[]).join(',') } : {}),
    })),
  } as TransactionInput<'2102'>
}

/** The pharmacy counter's sale on the wire: 2101 to pre-settle, 2102 to settle, 2103 to refund. */
export const PHARMACY_WIRE: SettlementWire = { presettle: '2101', settle: '2102', refund: '2103', input: settlementInput }
