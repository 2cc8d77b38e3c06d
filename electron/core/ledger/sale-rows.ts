import type { SaleState } from '../../../shared/sale/schemas'

/** A row of `sales`, as SQLite holds it (fen as INTEGER, flags as 0/1, JSON as text). */
export interface SaleRow {
  id: string
  kind: 'pharmacy' | 'clinic'
  state: SaleState
  terminal_id: string
  cashier: string
  created_at: string
  updated_at: string
  training: number
  psn_no: string | null
  insuplc_admdvs: string | null
  insutype: string | null
  psn_type: string | null
  cert_type: string | null
  cert_no: string | null
  name_masked: string | null
  med_type: string
  acct_used: number
  mulaid_id: string | null
  mulaid_payer: string | null
  rxno: string | null
  pharmacist: string | null
  rx_external: number
  replaces_sale_id: string | null
  medfee_fen: number
  goods_fen: number
  setl_id: string | null
  mdtrt_id: string | null
  settled_msgid: string | null
  setlinfo: string | null
  presettle: string | null
  pay_method: 'cash' | 'mobile' | 'none' | null
  cash_due_fen: number | null
  tendered_fen: number | null
  change_fen: number | null
}

/** A row of `sale_lines`: one priced line of a sale, its traceability codes as a JSON array. */
export interface LineRow {
  seq: number
  insured: number
  national_code: string | null
  store_code: string
  name: string
  qty: string
  price: string
  amount_fen: number
  rx_flag: number
  trace_codes: string
  spec: string
  unit: string
  class: 'A' | 'B' | 'C' | 'self'
  /** 拆零: smallest units per box when the line was sold by the unit (qty counts units), else null. */
  pack_size: number | null
  /** The lot confirmed or picked at the counter for boxes without a scanned code, else null. */
  lot_id: string | null
}
