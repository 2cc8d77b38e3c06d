import { fromFen, toFen, toWireNumber } from '../../../../shared/money/money'
import { DETAIL_RECON_HEADER } from '../../../../shared/nhsa/transactions'
import { PlatformError } from '../../errors'
import { nextSequence, padded } from '../../store/ids'
import { compactDateTime } from '../../time'
import type { Handler, HandlerContext } from '../context'
import { prepared } from '../../../base/store/statements'

/**
 * The platform's side of reconciliation: every settlement and revoke of the institution in the period
 * that was not reversed (a reversed message never happened). Revokes count negative.
 */
interface LedgerRow {
  setl_id: string
  kind: 'settle' | 'revoke'
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
  const rows = prepared(ctx.db, 
      `SELECT setl_id, kind, mdtrt_id, psn_no, insutype, clr_type, insuplc_admdvs, mdtrtarea_admvs, medfee, fund, acct, mulaid, cash,
         mulaid_payer_admdvs
       FROM settlements
       WHERE fixmedins_code = ? AND setl_date BETWEEN ? AND ? AND status <> 'reversed'
         AND (? IS NULL OR clr_optins = ?) AND (? IS NULL OR clr_type = ?) AND (? IS NULL OR insutype = ?)
       ORDER BY setl_id`,
    )
    .all(
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

interface DetailRow {
  setl_id: string
  mdtrt_id: string
  psn_no: string
  medfee_sumamt: number
  fund_pay_sumamt: number
  acct_pay: number
  refd_setl_flag: '0' | '1'
}

/** Reads the uploaded detail file: header line, then one TAB-separated row per settlement or revoke. */
function readDetailFile(content: string): DetailRow[] {
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '')
  if (lines[0] !== DETAIL_RECON_HEADER.join('\t')) {
    throw new PlatformError(`明细文件表头须为：${DETAIL_RECON_HEADER.join('\\t')}`)
  }
  return lines.slice(1).map((line, i) => {
    const f = line.split('\t')
    const amount = (s: string) => /^-?\d+(\.\d{1,2})?$/.test(s)
    if (f.length !== DETAIL_RECON_HEADER.length || ![f[3], f[4], f[5]].every(amount) || !['0', '1'].includes(f[6])) {
      throw new PlatformError(`明细文件第 ${i + 2} 行格式错误`)
    }
    return {
      setl_id: f[0],
      mdtrt_id: f[1],
      psn_no: f[2],
      medfee_sumamt: Number(f[3]),
      fund_pay_sumamt: Number(f[4]),
      acct_pay: Number(f[5]),
      refd_setl_flag: f[6] as '0' | '1',
    }
  })
}

export const detailReconciliation: Handler<'3202'> = (ctx, input) => {
  const d = input.data
  checkPeriod(d.stmt_begndate, d.stmt_enddate)
  const file = prepared(ctx.db, "SELECT content FROM files WHERE file_qury_no = ? AND fixmedins_code = ? AND direction = 'upload'")
    .get(d.file_qury_no, ctx.fixmedins_code) as { content: Buffer } | undefined
  if (!file) throw new PlatformError(`明细文件 ${d.file_qury_no} 不存在，请先用 9101 上传`)
  const storeRows = readDetailFile(file.content.toString('utf8'))
  const platform = new Map<string, DetailRow>(
    platformRows(ctx, { begin: d.stmt_begndate, end: d.stmt_enddate, clr_optins: d.setl_optins, clr_type: d.clr_type }).map((r) => [
      r.setl_id,
      {
        setl_id: r.setl_id,
        mdtrt_id: r.mdtrt_id,
        psn_no: r.psn_no,
        medfee_sumamt: y(r.sign * r.medfee),
        fund_pay_sumamt: y(r.sign * r.fund),
        acct_pay: y(r.sign * r.acct),
        refd_setl_flag: r.kind === 'revoke' ? '1' : '0',
      },
    ]),
  )
  const differences: TransactionDiff[] = []
  const seen = new Set<string>()
  for (const s of storeRows) {
    if (seen.has(s.setl_id)) throw new PlatformError(`明细文件中 setl_id ${s.setl_id} 重复`)
    seen.add(s.setl_id)
    const p = platform.get(s.setl_id)
    if (!p) {
      differences.push({ setl_id: s.setl_id, refd_setl_flag: s.refd_setl_flag, kind: 'only_store', fields: [], store: s, platform: null })
      continue
    }
    const fields = (['mdtrt_id', 'psn_no', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'refd_setl_flag'] as const).filter(
      (k) => (typeof s[k] === 'number' ? toFen(s[k]) !== toFen(p[k]) : s[k] !== p[k]),
    )
    if (fields.length > 0) {
      differences.push({ setl_id: s.setl_id, refd_setl_flag: p.refd_setl_flag, kind: 'amount_differs', fields, store: s, platform: p })
    }
  }
  for (const p of platform.values()) {
    if (!seen.has(p.setl_id)) {
      differences.push({ setl_id: p.setl_id, refd_setl_flag: p.refd_setl_flag, kind: 'only_platform', fields: [], store: null, platform: p })
    }
  }
  return {
    stmtinfo: {
      setl_optins: d.setl_optins,
      stmt_rslt: differences.length === 0 ? '0' : '1',
      stmt_rslt_dscr: differences.length === 0 ? `明细一致：${storeRows.length} 笔` : `明细不一致：${differences.length} 处差异`,
      store_cnt: storeRows.length,
      platform_cnt: platform.size,
      diff_cnt: differences.length,
    },
    differences,
  }
}

type TransactionDiff = {
  setl_id: string
  refd_setl_flag: '0' | '1'
  kind: 'only_store' | 'only_platform' | 'amount_differs'
  fields: string[]
  store: DetailRow | null
  platform: DetailRow | null
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
      by_insuplc: [...elsewhere.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([admdvs, rs]) => ({ insuplc_admdvs: admdvs, ...totalsOf(rs) })),
    },
  }
}
