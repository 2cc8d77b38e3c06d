import { fromFen, toFen, toWireNumber } from '../../../../shared/money/money'
import { createHash } from 'node:crypto'
import { writeDetailResultFile, type DetailResultRow } from '../../../../shared/nhsa/recon-result'
import { DETAIL_RESULT_CODES } from '../../../../shared/nhsa/transactions'
import { readStoreDetailFile, StoreDetailFileError } from '../../../../shared/recon/detail-differences'
import { PlatformError } from '../../errors'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime, wireDateTime } from '../../time'
import type { Handler, HandlerContext } from '../context'
import { prepared } from '../../../base/store/statements'

/**
 * The platform's side of reconciliation: every settlement and revoke of the institution in the period
 * that was not reversed (a reversed message never happened). Revokes count negative.
 */
interface LedgerRow {
  setl_id: string
  kind: 'settle' | 'revoke'
  msgid: string
  mdtrt_id: string
  psn_no: string
  insutype: string
  clr_type: string
  insuplc_admdvs: string
  mdtrtarea_admvs: string
  medfee: number
  fund: number
  acct: number
  mulaid: number
  cash: number
  mulaid_payer_admdvs: string | null
}

function platformRows(
  ctx: HandlerContext,
  f: { begin: string; end: string; clr_optins?: string; clr_type?: string; insutype?: string },
): (LedgerRow & { sign: 1 | -1 })[] {
  const rows = prepared(
    ctx.db,
    `SELECT setl_id, kind, msgid, mdtrt_id, psn_no, insutype, clr_type, insuplc_admdvs, mdtrtarea_admvs, medfee, fund, acct, mulaid, cash,
         mulaid_payer_admdvs
       FROM settlements
       WHERE fixmedins_code = ? AND setl_date BETWEEN ? AND ? AND status <> 'reversed'
         AND (? IS NULL OR clr_optins = ?) AND (? IS NULL OR clr_type = ?) AND (? IS NULL OR insutype = ?)
       ORDER BY setl_id`,
  ).all(
    ctx.fixmedins_code,
    f.begin,
    f.end,
    f.clr_optins ?? null,
    f.clr_optins ?? null,
    f.clr_type ?? null,
    f.clr_type ?? null,
    f.insutype ?? null,
    f.insutype ?? null,
  ) as LedgerRow[]
  return rows.map((r) => ({ ...r, sign: r.kind === 'revoke' ? -1 : 1 }))
}

function checkPeriod(begin: string, end: string): void {
  if (begin > end) throw new PlatformError('对账开始日期晚于结束日期')
}

const y = (fen: number) => toWireNumber(fromFen(fen))

export const totalReconciliation: Handler<'3201'> = (ctx, input) => {
  const d = input.data
  checkPeriod(d.stmt_begndate, d.stmt_enddate)
  const rows = platformRows(ctx, {
    begin: d.stmt_begndate,
    end: d.stmt_enddate,
    clr_optins: d.setl_optins,
    clr_type: d.clr_type,
    insutype: d.insutype,
  })
  const total = (k: 'medfee' | 'fund' | 'acct') => rows.reduce((s, r) => s + r.sign * r[k], 0)
  const count = rows.reduce((s, r) => s + r.sign, 0)
  const compared: [string, number, number][] = [
    ['medfee_sumamt', toFen(d.medfee_sumamt), total('medfee')],
    ['fund_pay_sumamt', toFen(d.fund_pay_sumamt), total('fund')],
    ['acct_pay', toFen(d.acct_pay), total('acct')],
  ]
  const diffs = compared.filter(([, store, platform]) => store !== platform)
  const countDiffers = d.fixmedins_setl_cnt !== count
  const agreed = diffs.length === 0 && !countDiffers
  const parts = diffs.map(([k, store, platform]) => `${k} 机构 ${y(store).toFixed(2)} / 平台 ${y(platform).toFixed(2)}`)
  if (countDiffers) parts.push(`fixmedins_setl_cnt 机构 ${d.fixmedins_setl_cnt} / 平台 ${count}`)
  return {
    stmtinfo: {
      setl_optins: d.setl_optins,
      stmt_rslt: agreed ? '0' : '1',
      stmt_rslt_dscr: agreed ? `对账一致：${count} 笔，医疗费总额 ${y(total('medfee')).toFixed(2)}` : `对账不一致：${parts.join('；')}`,
    },
  }
}

type DetailRow = ReturnType<typeof readStoreDetailFile>[number]

function storeFile(content: Buffer): DetailRow[] {
  try {
    return readStoreDetailFile(content.toString('utf8'))
  } catch (e) {
    if (e instanceof StoreDetailFileError) throw new PlatformError(e.message)
    throw e
  }
}

/**
 * 3202 as real gateways answer it: the differences go into a result file (DETAIL_RESULT_COLUMNS, headerless)
 * the institution downloads with 9102, and the answer only says where it is. Rows carry the platform's msgid
 * of the settlement and a result code (DETAIL_RESULT_CODES), never the platform's figures (5203 tells those).
 */
export const detailReconciliation: Handler<'3202'> = (ctx, input) => {
  const d = input.data
  checkPeriod(d.stmt_begndate, d.stmt_enddate)
  const file = prepared(ctx.db, "SELECT content FROM files WHERE file_qury_no = ? AND fixmedins_code = ? AND direction = 'upload'").get(
    d.file_qury_no,
    ctx.fixmedins_code,
  ) as { content: Buffer } | undefined
  if (!file) throw new PlatformError(`明细文件 ${d.file_qury_no} 不存在，请先用 9101 上传`)
  const storeRows = storeFile(file.content)
  const platform = new Map(platformRows(ctx, { begin: d.stmt_begndate, end: d.stmt_enddate, clr_optins: d.setl_optins }).map((r) => [r.setl_id, r]))
  const result: DetailResultRow[] = []
  const seen = new Set<string>()
  for (const s of storeRows) {
    if (seen.has(s.setl_id)) throw new PlatformError(`明细文件中 setl_id ${s.setl_id} 重复`)
    seen.add(s.setl_id)
    const p = platform.get(s.setl_id)
    if (!p) {
      result.push({
        psn_no: s.psn_no,
        mdtrt_id: s.mdtrt_id,
        setl_id: s.setl_id,
        msgid: '',
        stmt_rslt: DETAIL_RESULT_CODES.onlyStore,
        refd_setl_flag: s.refd_setl_flag,
        memo: '医药机构有，中心无',
      })
      continue
    }
    const flag = p.kind === 'revoke' ? '1' : '0'
    const figures: [string, number, number][] = [
      ['medfee_sumamt', toFen(s.medfee_sumamt), p.sign * p.medfee],
      ['fund_pay_sumamt', toFen(s.fund_pay_sumamt), p.sign * p.fund],
      ['acct_pay', toFen(s.acct_pay), p.sign * p.acct],
    ]
    const differs = figures.filter(([, a, b]) => a !== b).map(([k]) => k)
    if (s.mdtrt_id !== p.mdtrt_id) differs.push('mdtrt_id')
    if (s.psn_no !== p.psn_no) differs.push('psn_no')
    if (s.refd_setl_flag !== flag) differs.push('refd_setl_flag')
    if (differs.length) {
      result.push({
        psn_no: p.psn_no,
        mdtrt_id: p.mdtrt_id,
        setl_id: p.setl_id,
        msgid: p.msgid,
        stmt_rslt: DETAIL_RESULT_CODES.differs,
        refd_setl_flag: flag,
        memo: `数据不一致：${differs.join('、')}`,
      })
    }
  }
  for (const p of platform.values()) {
    if (seen.has(p.setl_id)) continue
    result.push({
      psn_no: p.psn_no,
      mdtrt_id: p.mdtrt_id,
      setl_id: p.setl_id,
      msgid: p.msgid,
      stmt_rslt: DETAIL_RESULT_CODES.onlyPlatform,
      refd_setl_flag: p.kind === 'revoke' ? '1' : '0',
      memo: '中心有，医药机构无',
    })
  }
  const content = Buffer.from(writeDetailResultFile(result), 'utf8')
  const fileNo = 'D' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'file_qury_no'), 8)
  const filename = `${fileNo}.txt`
  prepared(
    ctx.db,
    `INSERT INTO files (file_qury_no, fixmedins_code, filename, direction, content, sha256, item_count, created_at)
     VALUES (?, ?, ?, 'download', ?, ?, ?, ?)`,
  ).run(fileNo, ctx.fixmedins_code, filename, content, createHash('sha256').update(content).digest('hex'), result.length, ctx.now.toISOString())
  return { fileinfo: { file_qury_no: fileNo, filename, dld_endtime: wireDateTime(new Date(ctx.now.getTime() + 24 * 3600 * 1000)) } }
}

/** 5203: one settlement or revoke of the institution, as the platform recorded it (reversed ones never happened). */
export const settlementQuery: Handler<'5203'> = (ctx, input) => {
  const d = input.data
  const r = prepared(
    ctx.db,
    `SELECT setl_id, kind, mdtrt_id, psn_no, insutype, clr_optins, medfee, fund, acct, mulaid, cash, setl_time
     FROM settlements WHERE setl_id = ? AND fixmedins_code = ? AND status <> 'reversed'`,
  ).get(d.setl_id, ctx.fixmedins_code) as
    | {
        setl_id: string
        kind: 'settle' | 'revoke'
        mdtrt_id: string
        psn_no: string
        insutype: string
        clr_optins: string
        medfee: number
        fund: number
        acct: number
        mulaid: number
        cash: number
        setl_time: string
      }
    | undefined
  if (!r || r.psn_no !== d.psn_no || r.mdtrt_id !== d.mdtrt_id) throw new PlatformError(`结算 ${d.setl_id} 不存在`)
  const sign = r.kind === 'revoke' ? -1 : 1
  return {
    setlinfo: {
      setl_id: r.setl_id,
      mdtrt_id: r.mdtrt_id,
      psn_no: r.psn_no,
      setl_time: r.setl_time,
      insutype: r.insutype,
      clr_optins: r.clr_optins,
      medfee_sumamt: y(sign * r.medfee),
      fund_pay_sumamt: y(sign * r.fund),
      acct_pay: y(sign * r.acct),
      acct_mulaid_pay: y(sign * r.mulaid),
      psn_cash_pay: y(sign * r.cash),
      // What neither the funds nor the person paid: the institution's share.
      hosp_part_amt: y(sign * (r.medfee - r.fund - r.acct - r.mulaid - r.cash)),
      refd_setl_flag: r.kind === 'revoke' ? '1' : '0',
    },
  }
}

/**
 * 3203: the monthly clearing statement. Mutual aid is split by where the payer is insured relative to
 * the store: same pooling region, another region of the province, another province (cleared nationally).
 */
export const clearing: Handler<'3203'> = (ctx, input) => {
  const d = input.data
  checkPeriod(d.begndate, d.enddate)
  const rows = platformRows(ctx, { begin: d.begndate, end: d.enddate, clr_optins: d.setl_optins, clr_type: d.clr_type })
  const totalsOf = (rs: typeof rows) => ({
    setl_cnt: rs.reduce((s, r) => s + r.sign, 0),
    medfee_sumamt: y(rs.reduce((s, r) => s + r.sign * r.medfee, 0)),
    fund_pay_sumamt: y(rs.reduce((s, r) => s + r.sign * r.fund, 0)),
    acct_pay: y(rs.reduce((s, r) => s + r.sign * r.acct, 0)),
    acct_mulaid_pay: y(rs.reduce((s, r) => s + r.sign * r.mulaid, 0)),
    psn_cash_pay: y(rs.reduce((s, r) => s + r.sign * r.cash, 0)),
  })
  const mulaid = { same_region: { cnt: 0, fen: 0 }, cross_region_in_province: { cnt: 0, fen: 0 }, cross_province: { cnt: 0, fen: 0 } }
  for (const r of rows) {
    if (r.mulaid === 0 || !r.mulaid_payer_admdvs) continue
    const k =
      r.mulaid_payer_admdvs === r.mdtrtarea_admvs
        ? 'same_region'
        : r.mulaid_payer_admdvs.slice(0, 2) === r.mdtrtarea_admvs.slice(0, 2)
          ? 'cross_region_in_province'
          : 'cross_province'
    mulaid[k].cnt += r.sign
    mulaid[k].fen += r.sign * r.mulaid
  }
  const elsewhere = new Map<string, typeof rows>()
  for (const r of rows) {
    if (r.insuplc_admdvs === r.mdtrtarea_admvs) continue
    elsewhere.set(r.insuplc_admdvs, [...(elsewhere.get(r.insuplc_admdvs) ?? []), r])
  }
  const m = (k: keyof typeof mulaid) => ({ cnt: mulaid[k].cnt, amount: y(mulaid[k].fen) })
  return {
    clrinfo: {
      clr_appy_evt_id: 'CL' + compactDateTime(ctx.now) + padded(nextSequence(ctx.db, 'clr_appy'), 8),
      fixmedins_code: ctx.fixmedins_code,
      clr_type: d.clr_type,
      clr_way: d.clr_way,
      begndate: d.begndate,
      enddate: d.enddate,
      totals: totalsOf(rows),
      mulaid: { same_region: m('same_region'), cross_region_in_province: m('cross_region_in_province'), cross_province: m('cross_province') },
      by_insuplc: [...elsewhere.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([admdvs, rs]) => ({ insuplc_admdvs: admdvs, ...totalsOf(rs) })),
    },
  }
}
