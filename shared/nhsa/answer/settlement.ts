import { z } from 'zod'
import type { Setlinfo } from '../transactions/settlement'
import { looseAmount, looseNumber, looseRows, looseText } from './loose'

/**
 * Settlement answers (2101/2102, 2206/2207, 2103/2208) read tolerantly and normalised into the one shape
 * the rest of the client uses. What "not said" means, per field:
 * - an essential field (ESSENTIALS below) not said makes the answer unusable: the client cannot record it;
 * - a part of the money (a fund, the account, mutual aid, hosp_part_amt, the class-B/C and over-limit
 *   shares, the deductible) not said is 0: the platform took nothing that way;
 * - balc not said is 0 (shown only on the receipt); mulaid_quota_balc and a line's price cap not said are
 *   null (nothing to show);
 * - codes and ids not said are "" (setl_id, mdtrt_id and mulaid_id: null); a psn_no of "" is "not said",
 *   which the sale check tells apart from someone else's.
 * Fields we do not know are kept, so the raw meaning is never lost.
 */

/** Amounts the client reads from setlinfo; all but balc and mulaid_quota_balc are parts of the total. */
export const SETLINFO_PARTS = [
  'fulamt_ownpay_amt',
  'overlmt_selfpay',
  'preselfpay_amt',
  'inscp_scp_amt',
  'act_pay_dedc',
  'hifp_pay',
  'cvlserv_pay',
  'hifes_pay',
  'hifmi_pay',
  'hifob_pay',
  'maf_pay',
  'oth_pay',
  'fund_pay_sumamt',
  'psn_part_amt',
  'acct_pay',
  'acct_mulaid_pay',
  'psn_cash_pay',
  'hosp_part_amt',
] as const

const TEXTS = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'insutype',
  'psn_type',
  'med_type',
  'setl_time',
  'medins_setl_id',
  'clr_optins',
  'clr_way',
  'clr_type',
  'insuplc_admdvs',
  'mdtrtarea_admvs',
  'mulaid_id',
] as const

const SETLINFO_SHAPE: Record<string, z.ZodType> = {
  ...Object.fromEntries(TEXTS.map((k) => [k, looseText.optional()])),
  medfee_sumamt: looseAmount.optional(),
  ...Object.fromEntries(SETLINFO_PARTS.map((k) => [k, looseAmount.optional()])),
  pool_prop_selfpay: looseNumber.optional(),
  balc: looseAmount.optional(),
  mulaid_quota_balc: looseAmount.optional(),
}

/** The fields a settlement answer cannot be recorded without, per transaction (audit §6 step 1). */
export const ESSENTIALS = {
  /** Pre-settlements move no money: the split is all the counter needs. */
  '2101': ['medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'],
  '2206': ['medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'],
  /** A settlement is refunded by its setl_id and mdtrt_id, and charges the customer psn_cash_pay. */
  '2102': ['setl_id', 'mdtrt_id', 'medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'],
  '2207': ['setl_id', 'mdtrt_id', 'medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'],
  /** A revoke is its own settlement record (audit §2, 2208): reconciliation needs its setl_id. */
  '2103': ['setl_id'],
  '2208': ['setl_id'],
  /** A settlement looked up for reconciliation: its figures are what is compared. */
  '5203': ['setl_id', 'medfee_sumamt', 'fund_pay_sumamt'],
} as const satisfies Record<string, readonly string[]>
export type SettlementInfno = keyof typeof ESSENTIALS

/** What the client records of a setlinfo: the sandbox's shape with every field filled, plus hosp_part_amt and the unknown rest. */
export type ReadSetlinfo = Setlinfo & { hosp_part_amt: number; [extra: string]: unknown }

export interface SetlinfoReading {
  setlinfo: ReadSetlinfo | null
  /** Essential fields not said (or the whole setlinfo missing), in the platform's field names. */
  missing: string[]
  /** Fields present but unreadable (not a number, too many decimals, beyond any amount). */
  unreadable: string[]
}

const PARTS_DEFAULT_ZERO = [...SETLINFO_PARTS, 'balc'] as const

export function readSetlinfo(raw: unknown, infno: SettlementInfno): SetlinfoReading {
  const essentials: readonly string[] = ESSENTIALS[infno]
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { setlinfo: null, missing: essentials.length ? ['setlinfo'] : [], unreadable: [] }
  }
  const source = raw as Record<string, unknown>
  const unreadable: string[] = []
  const values: Record<string, unknown> = { ...source }
  // Field by field, so one unreadable field names itself instead of sinking the whole answer.
  for (const [key, schema] of Object.entries(SETLINFO_SHAPE)) {
    const r = schema.safeParse(source[key])
    if (r.success) values[key] = r.data ?? null
    else {
      unreadable.push(key)
      values[key] = null
    }
  }
  const missing = essentials.filter((k) => values[k] === null)
  for (const k of PARTS_DEFAULT_ZERO) values[k] ??= 0
  for (const k of TEXTS) if (k !== 'mulaid_id' && k !== 'setl_id' && k !== 'mdtrt_id') values[k] ??= ''
  values.pool_prop_selfpay ??= 0
  return { setlinfo: values as ReadSetlinfo, missing: [...new Set([...missing, ...unreadable.filter((k) => essentials.includes(k))])], unreadable }
}

/** A line's cut as the views show it; amounts not said are 0, a price cap not said is null. */
export const looseDetlcutSchema = z.looseObject({
  feedetl_sn: looseText.transform((v) => v ?? ''),
  det_item_fee_sumamt: looseAmount.transform((v) => v ?? 0),
  cnt: looseNumber.transform((v) => v ?? 0),
  pric: looseNumber.transform((v) => v ?? 0),
  pric_uplmt_amt: looseAmount.optional().transform((v) => v ?? null),
  selfpay_prop: looseNumber.optional().transform((v) => v ?? 0),
  fulamt_ownpay_amt: looseAmount.optional().transform((v) => v ?? 0),
  overlmt_amt: looseAmount.optional().transform((v) => v ?? 0),
  preselfpay_amt: looseAmount.optional().transform((v) => v ?? 0),
  inscp_scp_amt: looseAmount.optional().transform((v) => v ?? 0),
  chrgitm_lv: looseText.optional().transform((v) => v ?? ''),
  med_chrgitm_type: looseText.optional().transform((v) => v ?? ''),
  lmt_used_flag: looseText.optional().transform((v) => v ?? ''),
})

/** Fund rows: kept as they came, only required to be objects. */
export const looseSetldetailSchema = z.looseObject({})

/** The rows of a settlement answer beside setlinfo; an unreadable row list is dropped (it is for display only). */
export function readSettlementRows(output: Record<string, unknown>) {
  const cut = looseRows(looseDetlcutSchema).safeParse(output.detlcutinfo)
  const detail = looseRows(looseSetldetailSchema).safeParse(output.setldetail)
  return {
    detlcutinfo: cut.success ? cut.data : [],
    setldetail: detail.success ? detail.data : [],
    dropped: [...(cut.success ? [] : ['detlcutinfo']), ...(detail.success ? [] : ['setldetail'])],
  }
}
