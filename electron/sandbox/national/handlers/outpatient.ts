import { fromFen, toFen } from '../../../../shared/money/money'
import { calculateSettlement } from '../../../../shared/settlement/calculator'
import { policyFor } from '../../domain/policies'
import { catalogInfoOf, findCatalogItem } from '../../domain/catalog'
import { requireCredentialOf } from '../../domain/identify'
import { findPerson, requireInsuredPerson, type PersonRow } from '../../domain/persons'
import { checkLineAmounts, commitSettlement, newMdtrtId, preSettle, revokeSettlement, type SettleRequest } from '../../domain/settlement'
import { PlatformError } from '../../errors'
import type { Handler, HandlerContext } from '../context'
import type { TransactionInput } from '../../../../shared/nhsa/transactions'
import { prepared } from '../../../base/store/statements'

interface VisitRow {
  mdtrt_id: string
  fixmedins_code: string
  psn_no: string
  kind: string
  insutype: string
  med_type: string
  status: 'open' | 'cancelled'
}

function openVisit(ctx: HandlerContext, mdtrtId: string, psnNo: string): VisitRow {
  const v = prepared(ctx.db, 'SELECT * FROM visits WHERE mdtrt_id = ?').get(mdtrtId) as VisitRow | undefined
  if (!v || v.fixmedins_code !== ctx.fixmedins_code || v.kind !== 'outpatient') throw new PlatformError(`就诊 ${mdtrtId} 不存在`)
  if (v.psn_no !== psnNo) throw new PlatformError('mdtrt_id 与 psn_no 不符')
  if (v.status !== 'open') throw new PlatformError(`就诊 ${mdtrtId} 已撤销挂号`)
  return v
}

function hasValidSettlement(ctx: HandlerContext, mdtrtId: string): boolean {
  return Boolean(prepared(ctx.db, "SELECT 1 FROM settlements WHERE mdtrt_id = ? AND kind = 'settle' AND status = 'valid'").get(mdtrtId))
}

export const register: Handler<'2201'> = (ctx, input) => {
  const d = input.data
  const person = requireInsuredPerson(ctx.db, d.psn_no, ctx.envelope.insuplc_admdvs || undefined)
  requireCredentialOf(ctx.db, d, d.psn_no, ctx.now)
  if (d.insutype !== person.insutype) throw new PlatformError(`insutype ${d.insutype} 与该人员参保险种 ${person.insutype} 不符`)
  const mdtrtId = newMdtrtId(ctx.db, ctx.now)
  prepared(
    ctx.db,
    `INSERT INTO visits (mdtrt_id, fixmedins_code, psn_no, kind, insutype, med_type, begntime, ipt_otp_no, status, created_at)
       VALUES (?, ?, ?, 'outpatient', ?, '11', ?, ?, 'open', ?)`,
  ).run(mdtrtId, ctx.fixmedins_code, d.psn_no, d.insutype, d.begntime, d.ipt_otp_no, ctx.now.toISOString())
  return { data: { mdtrt_id: mdtrtId, psn_no: d.psn_no, ipt_otp_no: d.ipt_otp_no } }
}

export const cancelRegister: Handler<'2202'> = (ctx, input) => {
  const v = openVisit(ctx, input.data.mdtrt_id, input.data.psn_no)
  if (hasValidSettlement(ctx, v.mdtrt_id)) throw new PlatformError('该就诊已结算，请先撤销结算')
  prepared(ctx.db, "UPDATE visits SET status = 'cancelled' WHERE mdtrt_id = ?").run(v.mdtrt_id)
  prepared(ctx.db, "UPDATE fee_lines SET status = 'cancelled' WHERE mdtrt_id = ? AND status = 'uploaded'").run(v.mdtrt_id)
  return { data: { mdtrt_id: v.mdtrt_id, vali_flag: '0' } }
}

/** med_type 14 (门诊慢特病) needs the person's certification for the diagnosed disease. */
export const visitInfo: Handler<'2203'> = (ctx, input) => {
  const m = input.mdtrtinfo
  const v = openVisit(ctx, m.mdtrt_id, m.psn_no)
  if (m.med_type === '14') {
    const codes = [m.dise_codg, ...input.diseinfo.map((d) => d.diag_code)].filter(Boolean)
    const certified = codes.some((c) => prepared(ctx.db, 'SELECT 1 FROM person_certifications WHERE psn_no = ? AND dise_codg = ?').get(m.psn_no, c))
    if (!certified) throw new PlatformError('该参保人没有本病种的门诊慢特病认定，不能按 14 结算')
  }
  prepared(ctx.db, 'UPDATE visits SET med_type = ?, dise_codg = ?, dise_name = ? WHERE mdtrt_id = ?').run(
    m.med_type,
    m.dise_codg ?? null,
    m.dise_name ?? null,
    v.mdtrt_id,
  )
  return { data: { mdtrt_id: v.mdtrt_id, med_type: m.med_type } }
}

/** Each line is priced against the catalog as it is uploaded; the split is the calculator's per-line cut. */
export const feeUpload: Handler<'2204'> = (ctx, input) => {
  const first = input.feedetail[0]
  const v = openVisit(ctx, first.mdtrt_id, first.psn_no)
  if (input.feedetail.some((l) => l.mdtrt_id !== v.mdtrt_id || l.psn_no !== v.psn_no)) {
    throw new PlatformError('一次上传的明细须属于同一就诊')
  }
  for (const l of input.feedetail) {
    checkLineAmounts([l], l.det_item_fee_sumamt)
    const exists = prepared(ctx.db, 'SELECT status FROM fee_lines WHERE mdtrt_id = ? AND feedetl_sn = ?').get(v.mdtrt_id, l.feedetl_sn)
    if (exists) throw new PlatformError(`明细 ${l.feedetl_sn} 已上传`)
    const settled = prepared(ctx.db, "SELECT 1 FROM fee_lines WHERE mdtrt_id = ? AND chrg_bchno = ? AND status = 'settled'").get(v.mdtrt_id, l.chrg_bchno)
    if (settled) throw new PlatformError(`收费批次 ${l.chrg_bchno} 已结算，不能追加明细`)
  }
  const person = findPerson(ctx.db, v.psn_no) as PersonRow
  if (new Set(input.feedetail.map((l) => l.feedetl_sn)).size !== input.feedetail.length) throw new PlatformError('feedetl_sn 重复')
  const insert = prepared(
    ctx.db,
    `INSERT INTO fee_lines (mdtrt_id, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, fee_fen, cnt, pric, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'uploaded')`,
  )
  const cut = calculateSettlement({
    med_type: v.med_type,
    person: { insutype: v.insutype, psn_type: person.psn_type },
    policy: policyFor(ctx.db, person.insuplc_admdvs),
    accumulators: {},
    lines: input.feedetail.map((l) => {
      const item = findCatalogItem(ctx.db, l.med_list_codg)
      return { feedetl_sn: l.feedetl_sn, det_item_fee_sumamt: l.det_item_fee_sumamt, cnt: l.cnt, pric: l.pric, catalog: item ? catalogInfoOf(item) : null }
    }),
    has_prescription: false,
    acct_used_flag: false,
    acct_balance: 0,
    quota_balance: null,
  })
  input.feedetail.forEach((l) =>
    insert.run(v.mdtrt_id, l.feedetl_sn, l.chrg_bchno, l.med_list_codg, l.medins_list_codg, toFen(l.det_item_fee_sumamt), String(l.cnt), String(l.pric)),
  )
  return {
    result: cut.lines.map((c, i) => ({
      feedetl_sn: c.feedetl_sn,
      mdtrt_id: v.mdtrt_id,
      chrg_bchno: input.feedetail[i].chrg_bchno,
      det_item_fee_sumamt: Number(c.det_item_fee_sumamt),
      cnt: Number(c.cnt),
      pric: Number(c.pric),
      pric_uplmt_amt: c.pric_uplmt_amt === null ? null : Number(c.pric_uplmt_amt),
      selfpay_prop: Number(c.selfpay_prop),
      fulamt_ownpay_amt: Number(c.fulamt_ownpay_amt),
      overlmt_amt: Number(c.overlmt_amt),
      preselfpay_amt: Number(c.preselfpay_amt),
      inscp_scp_amt: Number(c.inscp_scp_amt),
      chrgitm_lv: c.chrgitm_lv,
      med_chrgitm_type: c.med_chrgitm_type,
      lmt_used_flag: c.lmt_used_flag,
    })),
  }
}

export const feeCancel: Handler<'2205'> = (ctx, input) => {
  const d = input.data
  const v = openVisit(ctx, d.mdtrt_id, d.psn_no)
  const all = d.feedetl_sn === '0000'
  const settled = prepared(ctx.db, "SELECT 1 FROM fee_lines WHERE mdtrt_id = ? AND chrg_bchno = ? AND status = 'settled'").get(v.mdtrt_id, d.chrg_bchno)
  if (settled) throw new PlatformError(`收费批次 ${d.chrg_bchno} 已结算，请先撤销结算`)
  const r = prepared(
    ctx.db,
    `UPDATE fee_lines SET status = 'cancelled' WHERE mdtrt_id = ? AND chrg_bchno = ? AND status = 'uploaded'
       AND (? = 1 OR feedetl_sn = ?)`,
  ).run(v.mdtrt_id, d.chrg_bchno, all ? 1 : 0, d.feedetl_sn)
  if (r.changes === 0) throw new PlatformError('没有可撤销的费用明细')
  return { data: { cancelled: r.changes } }
}

function outpatientRequest(ctx: HandlerContext, input: TransactionInput<'2207'>): SettleRequest {
  const d = input.data
  const person = requireInsuredPerson(ctx.db, d.psn_no, ctx.envelope.insuplc_admdvs || undefined)
  requireCredentialOf(ctx.db, d, d.psn_no, ctx.now)
  const v = openVisit(ctx, d.mdtrt_id, d.psn_no)
  if (d.med_type !== v.med_type) throw new PlatformError(`med_type ${d.med_type} 与就诊信息（2203）的 ${v.med_type} 不符`)
  const rows = prepared(
    ctx.db,
    "SELECT feedetl_sn, med_list_codg, fee_fen, cnt, pric FROM fee_lines WHERE mdtrt_id = ? AND chrg_bchno = ? AND status = 'uploaded' ORDER BY rowid",
  ).all(v.mdtrt_id, d.chrg_bchno) as { feedetl_sn: string; med_list_codg: string; fee_fen: number; cnt: string; pric: string }[]
  if (rows.length === 0) throw new PlatformError(`收费批次 ${d.chrg_bchno} 没有待结算的费用明细`)
  return {
    person,
    insutype: d.insutype,
    med_type: d.med_type,
    medfee_sumamt: d.medfee_sumamt,
    acct_used_flag: d.acct_used_flag,
    mulaid_id: d.mulaid_id || undefined,
    has_prescription: true,
    lines: rows.map((r) => ({
      feedetl_sn: r.feedetl_sn,
      med_list_codg: r.med_list_codg,
      det_item_fee_sumamt: fromFen(r.fee_fen).toNumber(),
      cnt: Number(r.cnt),
      pric: Number(r.pric),
    })),
    clr_type: '11',
    mdtrt_id: v.mdtrt_id,
    chrg_bchno: d.chrg_bchno,
  }
}

export const outpatientPreSettle: Handler<'2206'> = (ctx, input) => preSettle(ctx.db, ctx, outpatientRequest(ctx, input))

export const outpatientSettle: Handler<'2207'> = (ctx, input) => {
  const req = outpatientRequest(ctx, input)
  const out = commitSettlement(ctx.db, ctx, req)
  prepared(ctx.db, "UPDATE fee_lines SET status = 'settled', setl_id = ? WHERE mdtrt_id = ? AND chrg_bchno = ? AND status = 'uploaded'").run(
    out.setlinfo.setl_id,
    req.mdtrt_id,
    req.chrg_bchno,
  )
  return out
}

export const outpatientRevoke: Handler<'2208'> = (ctx, input) => revokeSettlement(ctx.db, ctx, input.data, '2207')
