import Decimal from 'decimal.js'
import { parseWire } from '../../../../shared/nhsa/issues'
import { TRANSACTIONS, type TransactionInput } from '../../../../shared/nhsa/transactions'
import { fromFen } from '../../../../shared/money/money'

/**
 * Pure builders of the stock uploads (3501–3506) from what the stock ledger knows. Each says either the
 * request, checked against the same schema the platform's side uses, or why it cannot be sent yet — with
 * the request as far as it goes, for the manager to complete. A required field is never filled with a
 * value the store did not record.
 */

export type UploadInfno = '3501' | '3502' | '3503' | '3504' | '3505' | '3506'

export type Built<I extends UploadInfno> =
  { ok: true; infno: I; request: TransactionInput<I> } | { ok: false; infno: I; reason: string; draft: Record<string, unknown> }

/** One lot of one item, as every upload names it. */
export interface LotFacts {
  storeCode: string
  name: string
  /** The catalog's national code (med_list_codg); null for goods the platform's lists do not hold. */
  nationalCode: string | null
  rx: boolean
  maker: string
  packSize: number
  bchno: string
  lotNo: string
  manuDate: string
  expiryDate: string
  supplier: string
  costFen: number
}

/** How many smallest units go out as the platform counts them: whole boxes, or loose units of an opened box (拆零). */
export function platformCount(units: number, packSize: number): { cnt: number; trdn: '0' | '1' } {
  const abs = Math.abs(units)
  if (abs % packSize === 0) return { cnt: abs / packSize, trdn: '0' }
  return { cnt: abs, trdn: '1' }
}

/** A yuan price as a JSON number of at most `places` decimals (half-up), from fen per box and the pack split. */
function pricePer(fenPerBox: number, packSize: number, trdn: '0' | '1', places: number): number {
  const per = trdn === '1' ? fromFen(fenPerBox).div(packSize) : fromFen(fenPerBox)
  return per.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber()
}

function itemPart(lot: LotFacts) {
  return {
    med_list_codg: lot.nationalCode ?? '',
    fixmedins_hilist_id: lot.storeCode,
    fixmedins_hilist_name: lot.name,
    fixmedins_bchno: lot.bchno,
    rx_flag: lot.rx ? ('1' as const) : ('0' as const),
  }
}

function lotPart(lot: LotFacts) {
  return { manu_lotnum: lot.lotNo, manu_date: lot.manuDate, expy_end: lot.expiryDate }
}

/** Checks a request against the transaction's schema; a refusal names the fields, as the platform would. */
export function finish<I extends UploadInfno>(infno: I, request: Record<string, unknown>, missing: string[] = []): Built<I> {
  if (missing.length) return { ok: false, infno, reason: missing.join('；'), draft: request }
  const r = parseWire(TRANSACTIONS[infno].input, request, '')
  if (!r.ok) return { ok: false, infno, reason: r.message, draft: request }
  return { ok: true, infno, request: r.value as TransactionInput<I> }
}

const noCode = (lot: LotFacts) => (lot.nationalCode ? [] : [`「${lot.name}」没有医保目录编码（med_list_codg），请在商品目录中对照后补传`])

/** 3503: a receipt into a lot, with the boxes' codes scanned at receipt. */
export function purchase(
  lot: LotFacts,
  m: { units: number; at: string; opterName: string; invoiceNo: string; traceCodes: string[] },
  facts: { aprvno?: string; splerPmtno?: string },
): Built<'3503'> {
  const { cnt, trdn } = platformCount(m.units, lot.packSize)
  const missing = [...noCode(lot), ...(facts.aprvno ? [] : [`「${lot.name}」的批准文号（aprvno）未登记，请填写后补传`])]
  return finish(
    '3503',
    {
      purcinfo: {
        ...itemPart(lot),
        ...lotPart(lot),
        spler_name: lot.supplier,
        ...(facts.splerPmtno ? { spler_pmtno: facts.splerPmtno } : {}),
        prodentp_name: lot.maker,
        aprvno: facts.aprvno ?? '',
        finl_trns_pric: pricePer(lot.costFen, lot.packSize, trdn, 6),
        purc_retn_cnt: cnt,
        ...(m.invoiceNo ? { purc_invo_no: m.invoiceNo } : {}),
        purc_retn_stoin_time: m.at,
        purc_retn_opter_name: m.opterName,
        prod_geay_flag: '0',
        ...(trdn === '1' ? { memo: `拆零 ${m.units} 个最小单位` } : {}),
        ...(m.traceCodes.length ? { drugtracinfo: m.traceCodes.map((c) => ({ drug_trac_codg: c })) } : {}),
      },
    },
    missing,
  )
}

/** 3504: boxes of a lot sent back to its supplier; the purchase invoice is the receipt's. */
export function purchaseReturn(
  lot: LotFacts,
  m: { units: number; at: string; opterName: string; invoiceNo: string; reason: string },
  facts: { splerPmtno?: string },
): Built<'3504'> {
  const { cnt, trdn } = platformCount(m.units, lot.packSize)
  const missing = [...noCode(lot), ...(m.invoiceNo ? [] : [`批号 ${lot.lotNo} 入库时没有填写采购发票号（purc_invo_no），采购退货必须填写，请补填后补传`])]
  return finish(
    '3504',
    {
      purcinfo: {
        ...itemPart(lot),
        spler_name: lot.supplier,
        ...(facts.splerPmtno ? { spler_pmtno: facts.splerPmtno } : {}),
        manu_date: lot.manuDate,
        expy_end: lot.expiryDate,
        finl_trns_pric: pricePer(lot.costFen, lot.packSize, trdn, 6),
        purc_retn_cnt: cnt,
        purc_invo_no: m.invoiceNo,
        purc_retn_stoin_time: m.at,
        purc_retn_opter_name: m.opterName,
        memo: m.reason.slice(0, 500),
      },
    },
    missing,
  )
}

/** 3502 types by what moved: a count's difference (盘盈/盘损) or a correction in or out (其他入库/出库). */
export function changeType(kind: 'count' | 'correction', units: number): '103' | '104' | '106' | '107' {
  if (kind === 'count') return units > 0 ? '103' : '104'
  return units > 0 ? '106' : '107'
}

/** 3502: a count difference or a correction of one lot, priced at the lot's cost. */
export function stockChange(lot: LotFacts, m: { kind: 'count' | 'correction'; units: number; at: string; opterName: string; reason: string }): Built<'3502'> {
  const { cnt, trdn } = platformCount(m.units, lot.packSize)
  return finish(
    '3502',
    {
      invinfo: {
        ...itemPart(lot),
        inv_chg_type: changeType(m.kind, m.units),
        pric: pricePer(lot.costFen, lot.packSize, trdn, 6),
        cnt,
        inv_chg_time: m.at,
        inv_chg_opter_name: m.opterName,
        memo: m.reason.slice(0, 500),
        trdn_flag: trdn,
      },
    },
    noCode(lot),
  )
}

/** 3501: the lot's stock as counted, in boxes (2 decimals; the exact loose units said in memo). */
export function stocktake(lot: LotFacts, m: { countedUnits: number; day: string; note: string }): Built<'3501'> {
  const boxes = new Decimal(m.countedUnits).div(lot.packSize)
  const exact = boxes.decimalPlaces() <= 2
  const memo = [m.note, exact ? '' : `实点 ${m.countedUnits} 个最小单位（每盒 ${lot.packSize}）`].filter(Boolean).join('；')
  return finish(
    '3501',
    {
      invinfo: {
        ...itemPart(lot),
        invdate: m.day,
        inv_cnt: boxes.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber(),
        ...lotPart(lot),
        ...(memo ? { memo: memo.slice(0, 500) } : {}),
      },
    },
    noCode(lot),
  )
}

/** A sale as 3505/3506 need it, from the sale's row and the store's recorded facts. */
export interface SaleFacts {
  saleId: string
  /** The institution's own serial of the visit (就医流水号, 30 characters): the sale's id. */
  mdtrtSn: string
  insured: { setlId: string; psnNo: string } | null
  /** 人员证件类型: the settlement's, or for a buyer who showed no insurance the store's setting. */
  psnCertType: string | null
  cashierName: string
  pharmacistName: string | null
  pharmacistCertNo: string | null
  /** The prescribing doctor, for prescription drugs; no sale records one today. */
  prescriberName: string | null
  rxno: string | null
  rxExternal: boolean
  at: string
}

function salePart(lot: LotFacts, sale: SaleFacts, m: { units: number; priceFenPerBox: number; traceCodes: string[] }) {
  const { cnt, trdn } = platformCount(m.units, lot.packSize)
  return {
    trdn,
    body: {
      ...itemPart(lot),
      ...lotPart(lot),
      ...(sale.insured ? { setl_id: sale.insured.setlId, psn_no: sale.insured.psnNo } : {}),
      psn_cert_type: sale.psnCertType ?? '',
      mdtrt_sn: sale.mdtrtSn,
      trdn_flag: trdn,
      finl_trns_pric: pricePer(m.priceFenPerBox, lot.packSize, trdn, 6),
      sel_retn_cnt: cnt,
      sel_retn_time: sale.at,
      sel_retn_opter_name: sale.cashierName,
      mdtrt_setl_type: sale.insured ? '1' : '2',
      drugtracinfo: m.traceCodes.map((c) => ({ drug_trac_codg: c })),
    },
  }
}

function saleMissing(lot: LotFacts, sale: SaleFacts): string[] {
  return [...noCode(lot), ...(sale.psnCertType ? [] : ['顾客未出示医保身份：人员证件类型（psn_cert_type）按医保部门要求在「平台上传资料」中设置后补传'])]
}

/** 3505: one sold line's part that came from one lot. */
export function sale(lot: LotFacts, s: SaleFacts, m: { units: number; priceFenPerBox: number; traceCodes: string[] }): Built<'3505'> {
  const { body } = salePart(lot, s, m)
  const missing = [
    ...saleMissing(lot, s),
    ...(lot.rx && !s.prescriberName ? [`处方药「${lot.name}」的开方医师姓名（prsc_dr_name）没有记录，请填写后补传`] : []),
    ...(s.pharmacistName ? [] : ['药师姓名（phar_name）未登记：请在「平台上传资料」中填写驻店药师']),
    ...(s.pharmacistName && !s.pharmacistCertNo ? [`药师「${s.pharmacistName}」的执业资格证号（phar_prac_cert_no）未登记，请填写后补传`] : []),
  ]
  return finish(
    '3505',
    {
      selinfo: {
        ...body,
        // An over-the-counter drug has no prescriber; the public adapters send 无 there, never a name.
        prsc_dr_name: lot.rx ? (s.prescriberName ?? '') : '无',
        phar_name: s.pharmacistName ?? '',
        phar_prac_cert_no: s.pharmacistCertNo ?? '',
        // The same code list as mdtrt_setl_type (1 医保结算, 2 自费): see docs/stock-uploads.md.
        hi_feesetl_type: s.insured ? '1' : '2',
        ...(s.rxno ? { rxno: s.rxno.slice(0, 40) } : {}),
        rx_circ_flag: s.rxExternal ? '1' : '0',
        rtal_docno: s.saleId,
      },
    },
    missing,
  )
}

/** 3506: a returned part of a sold line, back to the lot it was sold from. */
export function saleReturn(lot: LotFacts, s: SaleFacts, m: { units: number; priceFenPerBox: number; traceCodes: string[] }): Built<'3506'> {
  const { body } = salePart(lot, s, m)
  return finish('3506', { selinfo: { ...body, medins_prod_sel_no: s.saleId } }, saleMissing(lot, s))
}
