import type { Db } from '../../base/store/database'
import { fromFen, toFen, toWireNumber, yuan } from '../../../shared/money/money'
import { FUND_PAY_TYPES } from '../../../shared/nhsa/codes'
import type { TransactionOutput } from '../../../shared/nhsa/transactions'
import { accumulatorDelta, calculateSettlement, type CalcLine, type CalcResult } from '../../../shared/settlement/calculator'
import { PlatformError } from '../errors'
import { nextSequence, padded } from '../store/ids'
import { compactDateTime, cstYear, wireDate, wireDateTime } from '../time'
import { catalogInfoOf, findCatalogItem } from './catalog'
import { findRelationship, quotaYearOf } from './mutual-aid'
import type { PersonRow } from './persons'
import { policyFor } from './policies'
import { prepared } from '../../base/store/statements'

type SettlementOutput = TransactionOutput<'2102'>
type RevokeOutput = TransactionOutput<'2103'>

export interface FeeLine {
  feedetl_sn: string
  med_list_codg: string
  det_item_fee_sumamt: number
  cnt: number
  pric: number
}

export interface SettleContext {
  fixmedins_code: string
  msgid: string
  infno: string
  mdtrtarea_admvs: string
  now: Date
}

export interface SettleRequest {
  person: PersonRow
  insutype: string
  med_type: string
  medfee_sumamt: number
  acct_used_flag: '0' | '1'
  mulaid_id?: string
  has_prescription: boolean
  lines: readonly FeeLine[]
  clr_type: string
  /** Outpatient settlements belong to a registered visit; a pharmacy sale gets a visit of its own. */
  mdtrt_id?: string
  chrg_bchno?: string
}

/** What a committed settlement took, so a revoke or a reversal can give back exactly that. */
interface SettlementEffects {
  psn_no: string
  acct: number
  mulaid: number
  mulaid_id: string | null
  pool_year: number | null
  pool_bucket: string | null
  dedc: number
  hifp: number
}

interface SettlementRow extends SettlementEffects {
  setl_id: string
  kind: 'settle' | 'revoke'
  infno: string
  msgid: string
  fixmedins_code: string
  mdtrt_id: string
  status: 'valid' | 'revoked' | 'reversed'
  init_setl_id: string | null
  setl_date: string
  medfee: number
  fund: number
  cash: number
  output_json: string
}

/** Amounts of a settlement's lines and total must agree before anything is computed. */
export function checkLineAmounts(lines: readonly FeeLine[], total: number): void {
  const seen = new Set<string>()
  let sum = yuan(0)
  for (const l of lines) {
    if (seen.has(l.feedetl_sn)) throw new PlatformError(`feedetl_sn ${l.feedetl_sn} 重复`)
    seen.add(l.feedetl_sn)
    const expected = yuan(l.pric).times(yuan(l.cnt))
    if (expected.minus(yuan(l.det_item_fee_sumamt)).abs().greaterThan('0.01')) {
      throw new PlatformError(`明细 ${l.feedetl_sn} 的 det_item_fee_sumamt ${l.det_item_fee_sumamt} 与 pric×cnt ${expected.toFixed(2)} 相差超过 0.01`)
    }
    sum = sum.plus(yuan(l.det_item_fee_sumamt))
  }
  if (!sum.equals(yuan(total))) {
    throw new PlatformError(`medfee_sumamt ${total} 与明细合计 ${sum.toFixed(2)} 不符`)
  }
}

function accumulatorsOf(db: Db, psnNo: string, year: number) {
  const rows = prepared(db, 'SELECT bucket, deductible_used, fund_paid FROM accumulators WHERE psn_no = ? AND year = ?').all(psnNo, year) as {
    bucket: string
    deductible_used: number
    fund_paid: number
  }[]
  return Object.fromEntries(rows.map((r) => [r.bucket, { deductible_used: fromFen(r.deductible_used), fund_paid: fromFen(r.fund_paid) }]))
}

interface Grant {
  id: string
  balanceFen: number
  payer: PersonRow
}

/**
 * The quotas a settlement may draw. Nationally the store names nobody: with the account in use the platform takes
 * the grants to this person oldest first. Only the opt-in provincial extension sends `mulaid_id`: that grant alone.
 */
function grantsFor(db: Db, req: SettleRequest): { grants: Grant[]; chosen: Grant | null } {
  if (req.mulaid_id) {
    const rel = findRelationship(db, req.mulaid_id)
    if (!rel || rel.beneficiary_psn_no !== req.person.psn_no) {
      throw new PlatformError(`共济关系 ${req.mulaid_id} 不存在或不属于该参保人`)
    }
    if (rel.status !== 'active') throw new PlatformError(`共济关系 ${req.mulaid_id} 已解除，不能使用共济额度`)
    const payer = prepared(db, 'SELECT * FROM persons WHERE psn_no = ?').get(rel.payer_psn_no) as PersonRow
    const chosen = { id: rel.mulaid_id, balanceFen: rel.quota_balc, payer }
    return { grants: [chosen], chosen }
  }
  if (req.acct_used_flag !== '1') return { grants: [], chosen: null }
  const rows = prepared(
    db,
    `SELECT m.mulaid_id, m.quota_balc, m.payer_psn_no FROM mutual_aid m
      WHERE m.beneficiary_psn_no = ? AND m.status = 'active' AND m.quota_balc > 0 ORDER BY m.begndate, m.mulaid_id`,
  ).all(req.person.psn_no) as { mulaid_id: string; quota_balc: number; payer_psn_no: string }[]
  const grants = rows.map((r) => ({
    id: r.mulaid_id,
    balanceFen: r.quota_balc,
    payer: prepared(db, 'SELECT * FROM persons WHERE psn_no = ?').get(r.payer_psn_no) as PersonRow,
  }))
  return { grants, chosen: null }
}

/** Splits what the calculator took from quotas over the grants, in their order. */
function drawsOver(grants: readonly Grant[], mulaidFen: number, quotaYear: number): QuotaDraw[] {
  const draws: QuotaDraw[] = []
  let left = mulaidFen
  for (const g of grants) {
    if (left <= 0) break
    const amount = Math.min(g.balanceFen, left)
    if (amount > 0) draws.push({ mulaid_id: g.id, amount, quota_year: quotaYear })
    left -= amount
  }
  if (left > 0) throw new PlatformError('共济额度不足')
  return draws
}

interface QuotaDraw {
  mulaid_id: string
  amount: number
  /** The quota year drawn from: a refund after the year turned goes to the payer, not into this year's quota. */
  quota_year: number
}

/** What a settlement drew; a settlement from before the draws were recorded drew its one chosen grant. */
function drawsOf(db: Db, s: Pick<SettlementRow, 'setl_id' | 'mulaid' | 'mulaid_id' | 'setl_date'>): QuotaDraw[] {
  const rows = prepared(db, 'SELECT mulaid_id, amount, quota_year FROM quota_draws WHERE setl_id = ? ORDER BY seq').all(s.setl_id) as QuotaDraw[]
  if (rows.length) return rows
  return s.mulaid > 0 && s.mulaid_id ? [{ mulaid_id: s.mulaid_id, amount: s.mulaid, quota_year: Number(s.setl_date.slice(0, 4)) }] : []
}

function calculate(db: Db, ctx: SettleContext, req: SettleRequest) {
  if (req.insutype !== req.person.insutype) {
    throw new PlatformError(`insutype ${req.insutype} 与该人员参保险种 ${req.person.insutype} 不符`)
  }
  checkLineAmounts(req.lines, req.medfee_sumamt)
  const { grants, chosen } = grantsFor(db, req)
  const year = cstYear(ctx.now)
  const calcLines: CalcLine[] = req.lines.map((l) => {
    const item = findCatalogItem(db, l.med_list_codg)
    return {
      feedetl_sn: l.feedetl_sn,
      det_item_fee_sumamt: l.det_item_fee_sumamt,
      cnt: String(l.cnt),
      pric: String(l.pric),
      catalog: item ? catalogInfoOf(item) : null,
    }
  })
  const result = calculateSettlement({
    med_type: req.med_type,
    person: { insutype: req.person.insutype, psn_type: req.person.psn_type },
    policy: policyFor(db, req.person.insuplc_admdvs),
    accumulators: accumulatorsOf(db, req.person.psn_no, year),
    lines: calcLines,
    has_prescription: req.has_prescription,
    acct_used_flag: req.acct_used_flag === '1',
    acct_balance: fromFen(req.person.acct_balance - req.person.acct_frozen),
    quota_balance: grants.length ? fromFen(grants.reduce((sum, g) => sum + g.balanceFen, 0)) : null,
  })
  return { result, grants, chosen, year }
}

function wire(s: string): number {
  return toWireNumber(s)
}

function buildOutput(
  ctx: SettleContext,
  req: SettleRequest,
  r: CalcResult,
  ids: { setl_id: string | null; mdtrt_id: string | null },
  /** The grant the store named (provincial extension): only then are its id and balance reported. */
  chosen: Grant | null,
): SettlementOutput {
  const fundType = req.person.insutype === '390' ? '390100' : '310100'
  return {
    setlinfo: {
      setl_id: ids.setl_id,
      mdtrt_id: ids.mdtrt_id,
      psn_no: req.person.psn_no,
      // Every demo person holds a resident ID card (居民身份证, 01), as their 1101 answer says.
      psn_cert_type: '01',
      insutype: req.person.insutype,
      psn_type: req.person.psn_type,
      med_type: req.med_type,
      setl_time: wireDateTime(ctx.now),
      medfee_sumamt: wire(r.medfee_sumamt),
      fulamt_ownpay_amt: wire(r.fulamt_ownpay_amt),
      overlmt_selfpay: wire(r.overlmt_selfpay),
      preselfpay_amt: wire(r.preselfpay_amt),
      inscp_scp_amt: wire(r.inscp_scp_amt),
      act_pay_dedc: wire(r.act_pay_dedc),
      hifp_pay: wire(r.hifp_pay),
      pool_prop_selfpay: Number(r.pool_prop_selfpay),
      cvlserv_pay: 0,
      hifes_pay: 0,
      hifmi_pay: 0,
      hifob_pay: 0,
      maf_pay: 0,
      oth_pay: 0,
      fund_pay_sumamt: wire(r.fund_pay_sumamt),
      psn_part_amt: wire(r.psn_part_amt),
      acct_pay: wire(r.acct_pay),
      acct_mulaid_pay: wire(r.acct_mulaid_pay),
      psn_cash_pay: wire(r.psn_cash_pay),
      balc: wire(r.balc),
      mulaid_id: chosen?.id ?? null,
      mulaid_quota_balc: chosen && r.quota_balc !== null ? wire(r.quota_balc) : null,
      medins_setl_id: ctx.msgid,
      clr_optins: ctx.mdtrtarea_admvs,
      clr_way: '1',
      clr_type: req.clr_type,
      insuplc_admdvs: req.person.insuplc_admdvs,
      mdtrtarea_admvs: ctx.mdtrtarea_admvs,
    },
    setldetail:
      r.hifp_pay === '0.00'
        ? []
        : [
            {
              fund_pay_type: fundType,
              fund_pay_type_name: FUND_PAY_TYPES[fundType],
              inscp_scp_amt: wire(r.pool_scp_amt),
              crt_payb_lmt_amt: wire(r.act_pay_dedc),
              fund_payamt: wire(r.hifp_pay),
              setl_proc_info: `起付线 ${r.act_pay_dedc}，比例 ${r.pool_prop_selfpay}`,
            },
          ],
    detlcutinfo: r.lines.map((l) => ({
      feedetl_sn: l.feedetl_sn,
      det_item_fee_sumamt: wire(l.det_item_fee_sumamt),
      cnt: Number(l.cnt),
      pric: Number(l.pric),
      pric_uplmt_amt: l.pric_uplmt_amt === null ? null : wire(l.pric_uplmt_amt),
      selfpay_prop: Number(l.selfpay_prop),
      fulamt_ownpay_amt: wire(l.fulamt_ownpay_amt),
      overlmt_amt: wire(l.overlmt_amt),
      preselfpay_amt: wire(l.preselfpay_amt),
      inscp_scp_amt: wire(l.inscp_scp_amt),
      chrgitm_lv: l.chrgitm_lv,
      med_chrgitm_type: l.med_chrgitm_type,
      lmt_used_flag: l.lmt_used_flag,
    })),
  }
}

/** 2101 / 2206: the same computation as a settlement, and nothing is written. */
export function preSettle(db: Db, ctx: SettleContext, req: SettleRequest): SettlementOutput {
  const { result, chosen } = calculate(db, ctx, req)
  return buildOutput(ctx, req, result, { setl_id: null, mdtrt_id: req.mdtrt_id ?? null }, chosen)
}

function newSetlId(db: Db, now: Date): string {
  return 'ST' + compactDateTime(now) + padded(nextSequence(db, 'setl_id'), 8)
}

export function newMdtrtId(db: Db, now: Date): string {
  return 'MD' + compactDateTime(now) + padded(nextSequence(db, 'mdtrt_id'), 8)
}

/**
 * Moves money for a settlement (sign +1) or gives it back (sign -1). Quota returns to its relationship
 * while that is active and in the same quota year, otherwise straight to the payer's free balance (the
 * relationship was dissolved, or the year turned, in between). Taking again from an ended relationship, from
 * an expired year's quota or beyond a balance is refused.
 */
function moveMoney(db: Db, e: SettlementEffects, draws: readonly QuotaDraw[], sign: 1 | -1): void {
  if (e.acct > 0) {
    const r = prepared(db, 'UPDATE persons SET acct_balance = acct_balance - ? WHERE psn_no = ? AND acct_balance - acct_frozen >= ?').run(
      sign * e.acct,
      e.psn_no,
      sign > 0 ? e.acct : -e.acct,
    )
    if (r.changes !== 1) throw new PlatformError('个人账户余额不足')
  }
  for (const d of draws) {
    const rel = findRelationship(db, d.mulaid_id)
    if (!rel) throw new PlatformError(`共济关系 ${d.mulaid_id} 不存在`)
    if (rel.status === 'active' && d.quota_year === rel.quota_year) {
      if (sign > 0 && rel.quota_balc < d.amount) throw new PlatformError('共济额度不足')
      prepared(db, 'UPDATE mutual_aid SET quota_balc = quota_balc - ? WHERE mulaid_id = ?').run(sign * d.amount, d.mulaid_id)
      prepared(db, 'UPDATE persons SET acct_balance = acct_balance - ?, acct_frozen = acct_frozen - ? WHERE psn_no = ?').run(
        sign * d.amount,
        sign * d.amount,
        rel.payer_psn_no,
      )
    } else {
      if (sign > 0 && rel.status !== 'active') throw new PlatformError(`共济关系 ${d.mulaid_id} 已解除，不能再次使用共济额度`)
      if (sign > 0) throw new PlatformError(`共济额度为 ${d.quota_year} 年度，已过期`)
      prepared(db, 'UPDATE persons SET acct_balance = acct_balance + ? WHERE psn_no = ?').run(d.amount, rel.payer_psn_no)
    }
  }
  if (e.pool_bucket && e.pool_year !== null && (e.dedc > 0 || e.hifp > 0)) {
    prepared(
      db,
      `INSERT INTO accumulators (psn_no, year, bucket, deductible_used, fund_paid) VALUES (?, ?, ?, 0, 0)
       ON CONFLICT DO NOTHING`,
    ).run(e.psn_no, e.pool_year, e.pool_bucket)
    prepared(db, 'UPDATE accumulators SET deductible_used = deductible_used + ?, fund_paid = fund_paid + ? WHERE psn_no = ? AND year = ? AND bucket = ?').run(
      sign * e.dedc,
      sign * e.hifp,
      e.psn_no,
      e.pool_year,
      e.pool_bucket,
    )
  }
}

function addLedger(
  db: Db,
  entry: {
    kind: 'settlement' | 'revoke' | 'reversal'
    infno: string
    msgid: string
    fixmedins_code: string
    setl_id: string
    ref_msgid: string | null
    psn_no: string
    medfee: number
    fund: number
    acct: number
    mulaid: number
    cash: number
    mulaid_id: string | null
  },
  now: Date,
): void {
  prepared(
    db,
    `INSERT INTO ledger (kind, infno, msgid, fixmedins_code, setl_id, ref_msgid, psn_no, medfee, fund, acct, mulaid, cash, mulaid_id, occurred_at)
     VALUES (@kind, @infno, @msgid, @fixmedins_code, @setl_id, @ref_msgid, @psn_no, @medfee, @fund, @acct, @mulaid, @cash, @mulaid_id, @occurred_at)`,
  ).run({ ...entry, occurred_at: now.toISOString() })
}

/** 2102 / 2207: computes, takes the money, records the settlement and its ledger entry. */
export function commitSettlement(db: Db, ctx: SettleContext, req: SettleRequest): SettlementOutput {
  const { result, grants, chosen, year } = calculate(db, ctx, req)
  const draws = drawsOver(grants, toFen(result.acct_mulaid_pay), quotaYearOf(ctx.now))
  // The row keeps the first payer drawn: the monthly statement splits mutual aid by where its payer is insured.
  const firstPayer = grants.find((g) => g.id === draws[0]?.mulaid_id)?.payer
  const setlId = newSetlId(db, ctx.now)
  let mdtrtId = req.mdtrt_id
  if (!mdtrtId) {
    mdtrtId = newMdtrtId(db, ctx.now)
    prepared(
      db,
      `INSERT INTO visits (mdtrt_id, fixmedins_code, psn_no, kind, insutype, med_type, begntime, status, created_at)
       VALUES (?, ?, ?, 'pharmacy', ?, ?, ?, 'open', ?)`,
    ).run(mdtrtId, ctx.fixmedins_code, req.person.psn_no, req.insutype, req.med_type, wireDateTime(ctx.now), ctx.now.toISOString())
  }
  const output = buildOutput(ctx, req, result, { setl_id: setlId, mdtrt_id: mdtrtId }, chosen)
  const delta = accumulatorDelta(result)
  const effects: SettlementEffects = {
    psn_no: req.person.psn_no,
    acct: toFen(result.acct_pay),
    mulaid: toFen(result.acct_mulaid_pay),
    mulaid_id: draws[0]?.mulaid_id ?? null,
    pool_year: delta ? year : null,
    pool_bucket: delta?.bucket ?? null,
    dedc: toFen(result.act_pay_dedc),
    hifp: toFen(result.hifp_pay),
  }
  moveMoney(db, effects, draws, 1)
  prepared(
    db,
    `INSERT INTO settlements (setl_id, kind, infno, msgid, fixmedins_code, mdtrt_id, psn_no, insutype, psn_type, med_type, clr_type,
       clr_optins, insuplc_admdvs, mdtrtarea_admvs, chrg_bchno, medfee, fulamt, overlmt, preself, inscp, dedc, hifp, fund, psn_part,
       acct, mulaid, cash, mulaid_id, mulaid_payer_psn_no, mulaid_payer_admdvs, pool_year, pool_bucket, init_setl_id, status,
       setl_time, setl_date, output_json)
     VALUES (?, 'settle', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'valid', ?, ?, ?)`,
  ).run(
    setlId,
    ctx.infno,
    ctx.msgid,
    ctx.fixmedins_code,
    mdtrtId,
    req.person.psn_no,
    req.person.insutype,
    req.person.psn_type,
    req.med_type,
    req.clr_type,
    ctx.mdtrtarea_admvs,
    req.person.insuplc_admdvs,
    ctx.mdtrtarea_admvs,
    req.chrg_bchno ?? null,
    toFen(result.medfee_sumamt),
    toFen(result.fulamt_ownpay_amt),
    toFen(result.overlmt_selfpay),
    toFen(result.preselfpay_amt),
    toFen(result.inscp_scp_amt),
    effects.dedc,
    effects.hifp,
    toFen(result.fund_pay_sumamt),
    toFen(result.psn_part_amt),
    effects.acct,
    effects.mulaid,
    toFen(result.psn_cash_pay),
    effects.mulaid_id,
    firstPayer?.psn_no ?? null,
    firstPayer?.insuplc_admdvs ?? null,
    effects.pool_year,
    effects.pool_bucket,
    wireDateTime(ctx.now),
    wireDate(ctx.now),
    JSON.stringify(output),
  )
  const drawn = prepared(db, 'INSERT INTO quota_draws (setl_id, seq, mulaid_id, amount, quota_year) VALUES (?, ?, ?, ?, ?)')
  draws.forEach((d, i) => drawn.run(setlId, i, d.mulaid_id, d.amount, d.quota_year))
  addLedger(
    db,
    {
      kind: 'settlement',
      infno: ctx.infno,
      msgid: ctx.msgid,
      fixmedins_code: ctx.fixmedins_code,
      setl_id: setlId,
      ref_msgid: null,
      psn_no: req.person.psn_no,
      medfee: toFen(result.medfee_sumamt),
      fund: toFen(result.fund_pay_sumamt),
      acct: effects.acct,
      mulaid: effects.mulaid,
      cash: toFen(result.psn_cash_pay),
      mulaid_id: effects.mulaid_id,
    },
    ctx.now,
  )
  return output
}

function findSettlement(db: Db, setlId: string): SettlementRow | undefined {
  return prepared(db, 'SELECT * FROM settlements WHERE setl_id = ?').get(setlId) as SettlementRow | undefined
}

/** 2103 / 2208: gives back what the settlement took and records a revoke with its own setl_id. */
export function revokeSettlement(
  db: Db,
  ctx: SettleContext,
  ref: { setl_id: string; mdtrt_id: string; psn_no: string },
  settleInfno: '2102' | '2207',
): RevokeOutput {
  const s = findSettlement(db, ref.setl_id)
  if (!s || s.kind !== 'settle' || s.fixmedins_code !== ctx.fixmedins_code) {
    throw new PlatformError(`结算 ${ref.setl_id} 不存在`)
  }
  if (s.infno !== settleInfno) throw new PlatformError(`结算 ${ref.setl_id} 不是 ${settleInfno} 的结算，不能用本交易撤销`)
  if (s.mdtrt_id !== ref.mdtrt_id || s.psn_no !== ref.psn_no) throw new PlatformError('setl_id 与 mdtrt_id / psn_no 不符')
  if (s.status === 'revoked') throw new PlatformError(`结算 ${ref.setl_id} 已撤销`)
  if (s.status === 'reversed') throw new PlatformError(`结算 ${ref.setl_id} 已冲正`)
  moveMoney(db, s, drawsOf(db, s), -1)
  prepared(db, "UPDATE settlements SET status = 'revoked' WHERE setl_id = ?").run(s.setl_id)
  if (s.infno === '2207') {
    prepared(db, "UPDATE fee_lines SET status = 'uploaded', setl_id = NULL WHERE setl_id = ?").run(s.setl_id)
  }
  const revokeId = newSetlId(db, ctx.now)
  const original = JSON.parse(s.output_json) as SettlementOutput
  const balc = prepared(db, 'SELECT acct_balance - acct_frozen AS free FROM persons WHERE psn_no = ?').get(s.psn_no) as { free: number }
  // A balance is told only for a grant the store named (the extension), as in the settlement itself.
  const quotaLeft = original.setlinfo.mulaid_id ? findRelationship(db, original.setlinfo.mulaid_id) : undefined
  const output: RevokeOutput = {
    setlinfo: {
      ...original.setlinfo,
      setl_id: revokeId,
      setl_time: wireDateTime(ctx.now),
      balc: toWireNumber(fromFen(balc.free)),
      mulaid_quota_balc: quotaLeft ? toWireNumber(fromFen(quotaLeft.quota_balc)) : null,
      medins_setl_id: ctx.msgid,
      init_setl_id: s.setl_id,
      refd_setl_flag: '1',
    },
  }
  prepared(
    db,
    `INSERT INTO settlements (setl_id, kind, infno, msgid, fixmedins_code, mdtrt_id, psn_no, insutype, psn_type, med_type, clr_type,
       clr_optins, insuplc_admdvs, mdtrtarea_admvs, chrg_bchno, medfee, fulamt, overlmt, preself, inscp, dedc, hifp, fund, psn_part,
       acct, mulaid, cash, mulaid_id, mulaid_payer_psn_no, mulaid_payer_admdvs, pool_year, pool_bucket, init_setl_id, status,
       setl_time, setl_date, output_json)
     SELECT ?, 'revoke', ?, ?, fixmedins_code, mdtrt_id, psn_no, insutype, psn_type, med_type, clr_type, clr_optins, insuplc_admdvs,
       mdtrtarea_admvs, chrg_bchno, medfee, fulamt, overlmt, preself, inscp, dedc, hifp, fund, psn_part, acct, mulaid, cash,
       mulaid_id, mulaid_payer_psn_no, mulaid_payer_admdvs, pool_year, pool_bucket, setl_id, 'valid', ?, ?, ?
     FROM settlements WHERE setl_id = ?`,
  ).run(revokeId, ctx.infno, ctx.msgid, wireDateTime(ctx.now), wireDate(ctx.now), JSON.stringify(output), s.setl_id)
  addLedger(
    db,
    {
      kind: 'revoke',
      infno: ctx.infno,
      msgid: ctx.msgid,
      fixmedins_code: ctx.fixmedins_code,
      setl_id: revokeId,
      ref_msgid: s.msgid,
      psn_no: s.psn_no,
      medfee: -s.medfee,
      fund: -s.fund,
      acct: -s.acct,
      mulaid: -s.mulaid,
      cash: -s.cash,
      mulaid_id: s.mulaid_id,
    },
    ctx.now,
  )
  return output
}

/**
 * 2601 of a committed settlement or revoke (found by the msgid that carried it). Undoing a settlement
 * gives the money back; undoing a revoke takes it again, which is refused if it is no longer there.
 */
export function reverseCommitted(db: Db, ctx: SettleContext, omsgid: string, psnNo: string): void {
  const s = prepared(db, 'SELECT * FROM settlements WHERE fixmedins_code = ? AND msgid = ?').get(ctx.fixmedins_code, omsgid) as SettlementRow | undefined
  if (!s) return
  if (s.psn_no !== psnNo) throw new PlatformError('psn_no 与原交易不符')
  if (s.status === 'reversed') return
  if (s.kind === 'settle') {
    if (s.status === 'revoked') throw new PlatformError('原结算已撤销，不能再冲正；如需冲正请冲正撤销交易')
    moveMoney(db, s, drawsOf(db, s), -1)
    if (s.infno === '2207') prepared(db, "UPDATE fee_lines SET status = 'uploaded', setl_id = NULL WHERE setl_id = ?").run(s.setl_id)
  } else {
    const original = findSettlement(db, s.init_setl_id ?? '')
    if (!original) throw new PlatformError('原结算不存在')
    moveMoney(db, original, drawsOf(db, original), 1)
    prepared(db, "UPDATE settlements SET status = 'valid' WHERE setl_id = ?").run(original.setl_id)
    if (original.infno === '2207') {
      const taken = prepared(
        db,
        "UPDATE fee_lines SET status = 'settled', setl_id = ? WHERE mdtrt_id = ? AND chrg_bchno = (SELECT chrg_bchno FROM settlements WHERE setl_id = ?) AND status = 'uploaded'",
      )
      taken.run(original.setl_id, original.mdtrt_id, original.setl_id)
    }
  }
  prepared(db, "UPDATE settlements SET status = 'reversed' WHERE setl_id = ?").run(s.setl_id)
  const sign = s.kind === 'settle' ? -1 : 1
  addLedger(
    db,
    {
      kind: 'reversal',
      infno: '2601',
      msgid: ctx.msgid,
      fixmedins_code: ctx.fixmedins_code,
      setl_id: s.setl_id,
      ref_msgid: omsgid,
      psn_no: s.psn_no,
      medfee: sign * s.medfee,
      fund: sign * s.fund,
      acct: sign * s.acct,
      mulaid: sign * s.mulaid,
      cash: sign * s.cash,
      mulaid_id: s.mulaid_id,
    },
    ctx.now,
  )
}
