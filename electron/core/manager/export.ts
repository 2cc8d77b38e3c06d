import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PosError, terminalNoInUse, terminalNoText, type Settings } from '../../../shared/contract'
import type { DayEvent, DayReport, Group, MonthStatement, ReconRun, Totals } from '../../../shared/contract/manager/schemas'
import { yuan } from '../../../shared/money/money'
import { CLR_TYPES, INSUTYPES } from '../../../shared/nhsa/codes'
import { notFuture, todayOf, type ManagerDeps } from './context'
import { eventView, type DayEvents } from './day-events'
import { monthDays } from './month-statement'
import { yuanText } from './totals'
import { writeXlsx } from './xlsx-writer'
import { cstDateTime } from '../sale'

type Cell = string | number | null
type Table = { title: string; header: string[]; rows: Cell[][] }

const STATE = { sale: '销售', refund: '退费' } as const
const PAY = { cash: '现金', mobile: '移动支付', none: '无需收款' } as const

const TOTALS_HEADER = [
  '笔数',
  '金额合计',
  '医疗费',
  '统筹基金',
  '个人账户',
  '亲属共济',
  '机构分担',
  '个人现金',
  '自费商品',
  '柜台收款',
  '其中现金',
  '其中移动支付',
]
function totalsRow(t: Totals): Cell[] {
  return [t.count, t.total, t.medical, t.fund, t.account, t.mutualAid, t.hospital, t.personCash, t.goods, t.counter, t.cash, t.mobile]
}
function groupRows(groups: Group[]): Cell[][] {
  return groups.flatMap((g) => [
    [g.label, '销售', ...totalsRow(g.sales)],
    [g.label, '退费', ...totalsRow(g.refunds)],
    [g.label, '净额', ...totalsRow(g.net)],
  ])
}

/** Refunds go out negative, so a column's sum is the day's net. */
function signed(amount: string, refund: boolean): string {
  return refund && amount !== '0.00' ? yuan(amount).negated().toFixed(2) : amount
}

const EVENT_HEADER = [
  '时间（北京）',
  '类型',
  '销售单',
  '收银员',
  '终端',
  '顾客',
  '险种',
  '清算类别',
  '结算ID',
  '支付方式',
  '金额合计',
  '医疗费',
  '统筹基金',
  '个人账户',
  '亲属共济',
  '机构分担',
  '个人现金',
  '自费商品',
  '柜台收款',
  '来源',
]
function eventRow(e: DayEvent): Cell[] {
  const r = e.kind === 'refund'
  return [
    new Date(new Date(e.at).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    STATE[e.kind],
    e.saleId,
    e.cashier,
    e.terminalId,
    e.memberNameMasked,
    e.insutype ? ((INSUTYPES as Record<string, string>)[e.insutype] ?? e.insutype) : '自费',
    e.clrType ? ((CLR_TYPES as Record<string, string>)[e.clrType] ?? e.clrType) : '',
    e.setlId,
    e.payMethod ? PAY[e.payMethod] : '',
    signed(e.total, r),
    signed(e.medical, r),
    signed(e.fund, r),
    signed(e.account, r),
    signed(e.mutualAid, r),
    signed(e.hospital, r),
    signed(e.personCash, r),
    signed(e.goods, r),
    signed(e.counter, r),
    e.source === 'journal' ? '收银' : '对账处理',
  ]
}

const AMOUNT = /^-?\d+\.\d{2}$/

function csv(tables: Table[]): Buffer {
  const esc = (c: Cell) => {
    const s = c === null ? '' : String(c)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines: string[] = []
  for (const t of tables) {
    if (tables.length > 1) lines.push(esc(t.title))
    lines.push(t.header.map(esc).join(','))
    for (const r of t.rows) lines.push(r.map(esc).join(','))
    if (tables.length > 1) lines.push('')
  }
  // The BOM makes Excel read the Chinese as UTF-8.
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8')
}

function xlsx(tables: Table[], meta: string[], at: Date): Promise<Buffer> {
  const isAmount = (c: Cell): c is string => typeof c === 'string' && AMOUNT.test(c)
  const top = meta.length ? [...meta.map((m) => ({ cells: [m] })), { cells: [] }] : []
  return writeXlsx(
    tables.map((t) => ({
      name: t.title,
      // xlsx has no decimal type: amounts become numbers so Excel can sum them, shown with 2 decimals;
      // the CSV export carries the exact text.
      rows: [...top, { cells: t.header, bold: true }, ...t.rows.map((r) => ({ cells: r.map((c) => (isAmount(c) ? Number(c) : c)) }))],
      widths: t.header.map((h) => Math.min(40, Math.max(10, h.length * 2 + 2))),
      twoDecimals: (row, column) => row > top.length && isAmount(t.rows[row - top.length - 1][column]),
    })),
    { creator: '共济收银', at },
  )
}

/**
 * Which counter exported it, by the number its msgids carry: a manager comparing the counters' exports
 * sees two with the same number (only a store node could check that by itself).
 */
export function counterLine(s: Settings): string {
  const { no, assigned } = terminalNoInUse(s)
  return `终端 ${s.terminalId} · 收银台号 ${assigned ? terminalNoText(no) : `未设置（报文暂用 ${terminalNoText(no)}）`}`
}

export interface ExportSources {
  dayReport: (day: string, training: boolean) => DayReport
  events: DayEvents
  latestRun: (day: string, training: boolean) => ReconRun | null
  statement: (month: string) => Promise<MonthStatement>
}

/** A day or a month for the accountant: xlsx for reading, CSV for other systems; a copy stays in the data folder. */
export class Exporter {
  constructor(
    private readonly deps: ManagerDeps,
    private readonly src: ExportSources,
  ) {}

  async export(scope: 'day' | 'month', period: string, format: 'xlsx' | 'csv') {
    const training = this.deps.settings().trainingMode
    const s = this.deps.settings()
    let tables: Table[]
    if (scope === 'day') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(period)) throw new PosError('INVALID_PERIOD', { pick: 'day' })
      notFuture(this.deps, period)
      tables = this.dayTables(period, training, format)
    } else {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new PosError('INVALID_PERIOD', { pick: 'month' })
      tables = await this.monthTables(period, training, format)
    }
    const meta = [
      `${s.fixmedinsName}（${s.fixmedinsCode}）`,
      counterLine(s),
      `${scope === 'day' ? '日报' : '月报'} ${period}${training ? '（培训模式）' : ''}`,
      `导出时间 ${cstDateTime(this.deps.clock.now().toISOString())}（北京时间）`,
    ]
    const data = format === 'xlsx' ? await xlsx(tables, meta, this.deps.clock.now()) : csv(tables)
    const fileName = `gongji-${scope}-${period}${training ? '-training' : ''}.${format}`
    const dir = join(this.deps.dataDir, 'exports')
    mkdirSync(dir, { recursive: true })
    const path = join(dir, fileName)
    writeFileSync(path, data)
    return {
      fileName,
      mime: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8',
      path,
      bytes: data.length,
      base64: data.toString('base64'),
    }
  }

  private dayTables(day: string, training: boolean, format: 'xlsx' | 'csv'): Table[] {
    // The same items the day at a glance counts (remembered until the audit head moves), not a second read.
    const events = this.src.events.cached(day, training).map(eventView)
    const detail: Table = { title: '明细', header: EVENT_HEADER, rows: events.map(eventRow) }
    // CSV is one table for other systems to read: the sales and refunds themselves.
    if (format === 'csv') return [detail]
    const r = this.src.dayReport(day, training)
    const summary: Table = {
      title: '汇总',
      header: ['分组', '项目', ...TOTALS_HEADER],
      rows: [
        ['全天', '销售', ...totalsRow(r.sales)],
        ['全天', '退费', ...totalsRow(r.refunds)],
        ['全天', '净额', ...totalsRow(r.net)],
        ...groupRows(r.byInsurance).map((row) => [`险种：${row[0]}`, ...row.slice(1)]),
        ...r.bySource.map((b) => [`支付来源：${b.label}`, '净额', b.count, b.net]),
        ...groupRows(r.byCashier).map((row) => [`收银员：${row[0]}`, ...row.slice(1)]),
        ...groupRows(r.byTerminal).map((row) => [`终端：${row[0]}`, ...row.slice(1)]),
        [r.closed ? `已日结 ${cstDateTime(r.closed.closedAt)}（${r.closed.closedBy}）` : '未日结', '', null],
      ],
    }
    const run = this.src.latestRun(day, training)
    const recon: Table = {
      title: '对账',
      header: ['险种', '清算类别', '清算机构', '笔数', '医疗费', '统筹基金', '个人账户', '亲属共济', '结果', '平台说明'],
      rows: run
        ? [
            ...run.totals.map((t) => [
              t.insutype,
              t.clrType,
              t.setlOptins,
              t.count,
              t.medical,
              t.fund,
              t.account,
              t.mutualAid,
              t.agreed ? '一致' : '不一致',
              t.platformSays,
            ]),
            [],
            ['差异', '类型', '结算ID', '本店医疗费', '平台医疗费', '处理', '说明', '处理人'],
            ...run.differences.map((d) => [
              d.seq,
              d.kind,
              d.setlId,
              d.store?.medical ?? null,
              d.platform?.medical ?? null,
              d.resolution ?? '未处理',
              d.note,
              d.resolvedBy,
            ]),
          ]
        : [['尚未对账']],
    }
    return [summary, detail, recon]
  }

  private async monthTables(month: string, training: boolean, format: 'xlsx' | 'csv'): Promise<Table[]> {
    const { days } = monthDays(month, todayOf(this.deps))
    const perDay: Cell[][] = []
    const sums = new Array<number>(11).fill(0)
    for (const day of days) {
      const items = this.src.events.items(day, training)
      const f = new Array<number>(11).fill(0)
      for (const i of items) {
        const sign = i.kind === 'refund' ? -1 : 1
        f[0] += i.kind === 'sale' ? 1 : 0
        f[1] += i.kind === 'refund' ? 1 : 0
        const p = i.parts
        const vals = [p.medical + p.goods, p.medical, p.fund, p.account, p.mutualAid, p.hospital, p.personCash, p.goods, p.personCash + p.goods]
        vals.forEach((v, k) => (f[k + 2] += sign * v))
      }
      f.forEach((v, k) => (sums[k] += v))
      perDay.push([day, f[0], f[1], ...f.slice(2).map((v) => yuanText(v))])
    }
    const header = ['日期', '销售笔数', '退费笔数', '净额合计', '医疗费', '统筹基金', '个人账户', '亲属共济', '机构分担', '个人现金', '自费商品', '柜台收款']
    const daysTable: Table = { title: '按日', header, rows: [...perDay, ['合计', sums[0], sums[1], ...sums.slice(2).map((v) => yuanText(v))]] }
    if (format === 'csv') return [daysTable]
    let clearing: Table
    try {
      const st = await this.src.statement(month)
      clearing = {
        title: '清算单',
        header: ['项目', '本店笔数', '本店金额', '平台笔数', '平台金额', '是否一致'],
        rows: [
          [`清算申请 ${st.clearingId}`, null, null, null, null, null],
          ...st.lines.map((l) => [
            l.label,
            l.store?.count ?? null,
            l.store?.amount ?? '—',
            l.platform.count,
            l.platform.amount,
            l.agrees === null ? '—' : l.agrees ? '一致' : '不一致',
          ]),
        ],
      }
    } catch (e) {
      clearing = { title: '清算单', header: ['说明'], rows: [[`未取得医保平台的月度清算单：${(e as Error).message}`]] }
    }
    return [daysTable, clearing]
  }
}
