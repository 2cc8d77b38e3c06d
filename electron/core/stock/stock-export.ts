import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LotView, MovementView, StockAlerts } from '../../../shared/contract/stock/schemas'
import { writeXlsx, type XlsxCell, type XlsxSheet } from '../manager'
import { boxesAndUnits } from './ledger'
import { lotValue } from './stock-value'

const KIND_NAMES: Record<MovementView['kind'], string> = {
  receipt: '采购入库',
  supplier_return: '采购退货',
  correction: '更正',
  count: '盘点',
  sale: '销售',
  sale_return: '销售退货',
}

interface Table {
  name: string
  header: string[]
  rows: XlsxCell[][]
  /** Columns holding yuan amounts (shown with 2 decimals). */
  amounts?: number[]
}

const lotHeader = [
  '店内编码',
  '商品',
  '批号',
  '库存批次号',
  '生产日期',
  '有效期至',
  '剩余天数',
  '供应商',
  '每盒数量',
  '最小单位',
  '在库（最小单位）',
  '在库',
  '进价/盒',
  '在库金额（按进价）',
]

function lotRow(l: LotView): XlsxCell[] {
  return [
    l.storeCode,
    l.name,
    l.lotNo,
    l.bchno,
    l.manuDate,
    l.expiryDate,
    l.daysToExpiry,
    l.supplier,
    l.packSize,
    l.minUnit,
    l.onHandUnits,
    boxesAndUnits(l.onHandUnits, l.packSize, l.minUnit),
    // xlsx has no decimal type: amounts go in as numbers (2 decimals, exact in a double) so Excel can sum them.
    Number(l.costPerBox),
    Number(lotValue(l)),
  ]
}

function sheet(t: Table, meta: string[]): XlsxSheet {
  const top = [...meta.map((m) => ({ cells: [m] as XlsxCell[] })), { cells: [] as XlsxCell[] }]
  return {
    name: t.name,
    rows: [...top, { cells: t.header, bold: true }, ...t.rows.map((cells) => ({ cells }))],
    widths: t.header.map((h) => Math.min(40, Math.max(10, h.length * 2 + 2))),
    twoDecimals: (row, column) => row > top.length && (t.amounts ?? []).includes(column),
  }
}

/**
 * 库存报表 for the manager: near expiry, expired, below reorder, every lot on hand and the movement ledger,
 * one sheet each, written with the jszip SpreadsheetML writer the day and month exports use.
 */
export async function stockWorkbook(input: {
  alerts: StockAlerts
  lots: LotView[]
  movements: (MovementView & { name: string })[]
  meta: string[]
  at: Date
}): Promise<Buffer> {
  const { alerts } = input
  const lotAmounts = [12, 13]
  const tables: Table[] = [
    { name: `近效期（${alerts.nearExpiryDays}天内）`, header: lotHeader, rows: alerts.nearExpiry.map(lotRow), amounts: lotAmounts },
    { name: '已过期仍在库', header: lotHeader, rows: alerts.expired.map(lotRow), amounts: lotAmounts },
    {
      name: '低于补货线',
      header: ['店内编码', '商品', '在库（最小单位）', '在库', '补货线（最小单位）', '补货线'],
      rows: alerts.belowReorder.map((r) => [
        r.storeCode,
        r.name,
        r.onHandUnits,
        boxesAndUnits(r.onHandUnits, r.packSize, r.minUnit),
        r.reorderUnits,
        boxesAndUnits(r.reorderUnits, r.packSize, r.minUnit),
      ]),
    },
    { name: '批次库存', header: lotHeader, rows: input.lots.map(lotRow), amounts: lotAmounts },
    {
      name: '库存流水',
      header: ['时间', '店内编码', '商品', '批号', '类型', '数量（最小单位）', '来源单号', '原因', '操作人', '终端'],
      rows: input.movements.map((m) => [m.at, m.storeCode, m.name, m.lotNo, KIND_NAMES[m.kind], m.qtyUnits, m.sourceId, m.reason, m.actor, m.terminalId]),
    },
  ]
  return writeXlsx(
    tables.map((t) => sheet(t, input.meta)),
    { creator: '共济收银', at: input.at },
  )
}

/** Keeps a copy in the data folder's exports/, as the day and month exports do, and answers the file. */
export function savedExport(dataDir: string, fileName: string, data: Buffer) {
  const dir = join(dataDir, 'exports')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, fileName)
  writeFileSync(path, data)
  return { fileName, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', path, bytes: data.length, base64: data.toString('base64') }
}
