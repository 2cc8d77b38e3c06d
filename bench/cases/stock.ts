import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { CounterStock } from '../../electron/core/stock/counter-stock'
import { StockLedger } from '../../electron/core/stock/ledger'
import { Stocktake } from '../../electron/core/stock/stocktake'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { IBUPROFEN, SHAMPOO, startStore } from '../../test/stock/stock-rig'
import { elapsedMs, percentile, type BenchCase } from '../harness'

/** Cash sales per variant; BENCH_STOCK_SALES=50 for a quick look. */
const SALES = Number(process.env.BENCH_STOCK_SALES ?? 300)
const ITEMS = 20_000
const clock = { now: () => new Date() }

/**
 * Adds each call's wall time and CPU time to `spent` (the stock step of a sale, measured where the sale
 * module calls it). On a machine shared by many jobs the wall time includes waiting for a core; the CPU
 * time is what the step itself costs.
 */
function timeStockStep(spent: { ms: number; cpuMs: number }): () => void {
  const proto = CounterStock.prototype as unknown as Record<string, (...args: unknown[]) => unknown>
  const names = ['check', 'checkSale', 'taken', 'splitPack', 'boxesToOpen'] as const
  const saved = names.map((n) => proto[n])
  names.forEach((n, i) => {
    proto[n] = function (this: unknown, ...args: unknown[]) {
      const t = process.hrtime.bigint()
      const cpu = process.cpuUsage()
      try {
        return saved[i].apply(this, args)
      } finally {
        spent.ms += elapsedMs(t)
        const used = process.cpuUsage(cpu)
        spent.cpuMs += (used.user + used.system) / 1000
      }
    }
  })
  return () => names.forEach((n, i) => (proto[n] = saved[i]))
}

export const cases: BenchCase[] = [
  {
    name: 'stock step in a sale',
    issue: 18,
    notes: 'stock',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-stock-'))
      const store = await startStore(dir)
      const spent = { ms: 0, cpuMs: 0 }
      const restore = timeStockStep(spent)
      try {
        for (let i = 0; i < 5; i++) await store.receive(IBUPROFEN, `L${i}`, SALES * 2, { expiryInDays: 200 + i * 30 })
        await store.call('setStockItem', { storeCode: IBUPROFEN, minUnit: '粒' })
        const sell = async (storeCode: string, qty: string, by: 'pack' | 'unit') => {
          spent.ms = 0
          spent.cpuMs = 0
          const t = process.hrtime.bigint()
          const sale = await store.call('openSale', { lines: [{ storeCode, qty, by }], acctUsed: false })
          await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '1000' } })
          return { sale: elapsedMs(t), step: spent.ms, cpu: spent.cpuMs }
        }
        const variants = { unmanaged: [SHAMPOO, '1', 'pack'], managed: [IBUPROFEN, '1', 'pack'], split: [IBUPROFEN, '5', 'unit'] } as const
        const fresh = () => ({ sale: [] as number[], step: [] as number[], cpu: [] as number[] })
        const samples = { unmanaged: fresh(), managed: fresh(), split: fresh() }
        // Interleaved, so a burst of load on the shared machine hits every variant alike.
        for (let i = 0; i < SALES; i++) {
          for (const [k, [code, qty, by]] of Object.entries(variants) as [keyof typeof variants, (typeof variants)[keyof typeof variants]][]) {
            const r = await sell(code, qty, by)
            samples[k].sale.push(r.sale)
            samples[k].step.push(r.step)
            samples[k].cpu.push(r.cpu)
          }
        }
        const p50 = (xs: number[]) => Number(percentile(xs, 50).toFixed(3))
        return [
          { metric: 'stock step p50, item not stock-managed', value: p50(samples.unmanaged.step), unit: 'ms', note: 'the lookup that finds it is not managed' },
          { metric: 'stock step p50, managed item (5 lots)', value: p50(samples.managed.step), unit: 'ms', target: '≤ 0.5 ms' },
          { metric: 'stock step p50, 拆零 from an opened box', value: p50(samples.split.step), unit: 'ms', target: '≤ 0.5 ms' },
          { metric: 'stock step CPU p50, item not stock-managed', value: p50(samples.unmanaged.cpu), unit: 'ms' },
          { metric: 'stock step CPU p50, managed item (5 lots)', value: p50(samples.managed.cpu), unit: 'ms', target: '≤ 0.5 ms' },
          { metric: 'stock step CPU p50, 拆零 from an opened box', value: p50(samples.split.cpu), unit: 'ms', target: '≤ 0.5 ms' },
          { metric: 'stock step p99, managed item', value: Number(percentile(samples.managed.step, 99).toFixed(3)), unit: 'ms' },
          { metric: 'cash sale p50, item not stock-managed', value: p50(samples.unmanaged.sale), unit: 'ms', note: `${SALES} sales` },
          { metric: 'cash sale p50, stock-managed item', value: p50(samples.managed.sale), unit: 'ms', note: `${SALES} sales` },
          { metric: 'cash sale p50, 拆零', value: p50(samples.split.sale), unit: 'ms', note: `${SALES} sales` },
        ]
      } finally {
        restore()
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
  {
    name: 'stocktake of 20,000 items',
    issue: 18,
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-stocktake-'))
      const db = openDatabase(join(dir, 'gongji.db'), coreMigrations)
      try {
        const ledger = new StockLedger(
          db,
          clock,
          () => 'T01',
          () => false,
        )
        const stocktake = new Stocktake(db, ledger, new AuditTrail(db, clock))
        const lots: string[] = []
        // 20,000 items, one lot each, received directly into the ledger (the catalog is not what is measured).
        db.transaction(() => {
          const item = db.prepare("INSERT INTO stock_item (training, store_code, pack_size, min_unit, reorder_units, created_at) VALUES (0, ?, 24, '片', 0, ?)")
          const lot = db.prepare(
            "INSERT INTO stock_lot (id, training, bchno, store_code, lot_no, manu_date, expiry_date, supplier, cost_fen, on_hand_units, created_at) VALUES (?, 0, ?, ?, 'B1', '2026-01-01', '2028-01-01', 'bench', 1000, 0, ?)",
          )
          for (let i = 0; i < ITEMS; i++) {
            const code = `BS${String(i).padStart(6, '0')}`
            const id = randomUUID()
            item.run(code, ledger.now())
            lot.run(id, `T01-BENCH-${i}`, code, ledger.now())
            ledger.post({ kind: 'receipt', lot: { id, store_code: code }, qtyUnits: 48, sourceId: 'bench', actor: 'bench' })
            lots.push(id)
          }
        })()
        // Every item counted; one in ten differs (with a reason), as a real count does.
        const counts = lots.map((lotId, i) => (i % 10 === 0 ? { lotId, countedUnits: 47, reason: '盘点少一片' } : { lotId, countedUnits: 48, reason: '' }))
        const t = process.hrtime.bigint()
        const posted = stocktake.post({ note: 'bench', counts, scanned: [] }, 'bench')
        const ms = elapsedMs(t)
        const diffs = posted.lines.filter((l) => l.differenceUnits !== 0).length
        return [{ metric: 'post a 20,000-item stocktake', value: Math.round(ms), unit: 'ms', target: '< 5000 ms', note: `${diffs} differences posted` }]
      } finally {
        db.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
