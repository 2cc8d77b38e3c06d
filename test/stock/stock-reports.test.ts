import { afterEach, describe, expect, it } from 'vitest'
import { readXlsx } from '../support/xlsx-read'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, SHAMPOO, startStore, type StoreCounter } from './stock-rig'

const tempDir = useTempDir()
let store: StoreCounter
afterEach(async () => {
  await store?.close()
})

/** Row values of a sheet below its header row (the row whose first cell is `first`). */
function body(sheet: { rows: Map<number, Map<string, string | number>> }, first: string): (string | number)[][] {
  const rows = [...sheet.rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => [...r.entries()].sort(([a], [b]) => a.length - b.length || a.localeCompare(b)).map(([, v]) => v))
  const at = rows.findIndex((r) => r[0] === first)
  return rows.slice(at + 1)
}

describe("the manager's stock reports (real core, real SQLite)", () => {
  it('charts stock value at cost by class and what expires week by week', async () => {
    store = await startStore(tempDir())
    // 甲 (insured ibuprofen): 2 boxes at 12.50 and 10 capsules of a 24-box: 25.00 + 5.21 = 30.21, expiring in 20 days.
    await store.receive(IBUPROFEN, 'N1', 2, { expiryInDays: 20, units: 10 })
    // 自费 (goods): 3 bottles at 12.50 (pack of 1), far from expiry.
    await store.receive(SHAMPOO, 'G1', 3, { expiryInDays: 400, packSize: 1 })
    const charts = await store.call('stockCharts', {})
    expect(charts.valueByClass).toEqual([
      { label: '甲', value: '30.21', lots: 1 },
      { label: '自费', value: '37.50', lots: 1 },
    ])
    expect(charts.total).toBe('67.71')
    expect(charts.expiringByWeek).toHaveLength(1)
    expect(charts.expiringByWeek[0]).toMatchObject({ units: 58, value: '30.21', lots: 1 })
    const monday = new Date(`${charts.expiringByWeek[0].week}T00:00:00Z`)
    expect(monday.getUTCDay()).toBe(1)
    // Past its expiry the lot is one "expired" bar.
    store.clock.days(21)
    await store.call('login', { userId: 'demo-manager', pin: '888888' })
    expect((await store.call('stockCharts', {})).expiringByWeek).toEqual([{ week: 'expired', units: 58, value: '30.21', lots: 1 }])
  })

  it('exports near expiry, expired, below reorder, lots on hand and the ledger as xlsx, a copy in the data folder', async () => {
    store = await startStore(tempDir())
    await store.receive(IBUPROFEN, 'N1', 2, { expiryInDays: 20 })
    await store.receive(SHAMPOO, 'G1', 3, { expiryInDays: 400, packSize: 1 })
    await store.call('setStockItem', { storeCode: SHAMPOO, reorderUnits: 5 })
    await store.cashSale(SHAMPOO, '1')
    const file = await store.call('exportStock', {})
    expect(file.fileName).toMatch(/^gongji-stock-\d{4}-\d{2}-\d{2}-training\.xlsx$/)
    expect(file.path).toContain('exports')
    const sheets = await readXlsx(Buffer.from(file.base64, 'base64'))
    expect(sheets.map((s) => s.name)).toEqual(['近效期（90天内）', '已过期仍在库', '低于补货线', '批次库存', '库存流水'])
    expect(body(sheets[0], '店内编码').map((r) => [r[0], r[2], r[10], r[11], r[13]])).toEqual([[IBUPROFEN, 'N1', 48, '2 盒', 25]])
    expect(body(sheets[1], '店内编码')).toEqual([])
    expect(body(sheets[2], '店内编码').map((r) => [r[0], r[2], r[4]])).toEqual([[SHAMPOO, 2, 5]])
    expect(body(sheets[3], '店内编码').map((r) => [r[0], r[2], r[10]])).toEqual([
      [IBUPROFEN, 'N1', 48],
      [SHAMPOO, 'G1', 2],
    ])
    expect(body(sheets[4], '时间').map((r) => [r[1], r[4], r[5]])).toEqual([
      [SHAMPOO, '销售', -1],
      [SHAMPOO, '采购入库', 3],
      [IBUPROFEN, '采购入库', 48],
    ])
  })
})
