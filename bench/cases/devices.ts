import { layoutReceipt, receiptSchema, type ReceiptInput } from '../../shared/receipt'
import { encodeReceipt } from '../../electron/core/devices/printer/encode-receipt'
import { elapsedMs, percentile, type BenchCase } from '../harness'

/** A long prescription (12 weeks of chronic-disease drugs): 40 lines with long Chinese names. */
function longReceipt(): ReceiptInput {
  const lines = Array.from({ length: 40 }, (_, i) => ({
    name: `复方丹参滴丸（薄膜衣）慢病长处方第${i + 1}项加长名称`,
    spec: '27mg×180丸/瓶',
    quantity: '2',
    unit: '瓶',
    price: '12.50',
    amount: '25.00',
    class: 'B' as const,
  }))
  return {
    store: { name: '共济大药房（朝阳门店）', institutionCode: 'P11010500123' },
    terminalId: 'T01',
    cashier: '李收银',
    soldAt: '2026-03-01 10:20:30',
    saleId: 'S20260301-000999',
    settlementId: 'SETL202603010000000999',
    lines,
    totals: { saleTotal: '1000.00', medicalTotal: '1000.00', fundPay: '600.00', ownAccount: '100.00', mutualAid: '300.00', cash: '0.00' },
    mutualAid: { payerName: '王建国', relation: 'child', quotaLeft: '200.00' },
    payment: { method: 'none', tendered: '0.00', change: '0.00' },
  }
}

export const cases: BenchCase[] = [
  {
    name: 'receipt layout + ESC/POS encode (40 lines, 80 mm)',
    issue: 6,
    async run() {
      const receipt = receiptSchema.parse(longReceipt())
      const samples: number[] = []
      for (let i = 0; i < 300; i++) {
        const start = process.hrtime.bigint()
        encodeReceipt(layoutReceipt(receipt, { paper: '80' }), { openDrawer: true })
        samples.push(elapsedMs(start))
      }
      return [
        { metric: 'p50', value: percentile(samples, 50), unit: 'ms' },
        { metric: 'p95', value: percentile(samples, 95), unit: 'ms', target: '< 20 ms', note: 'printing must never delay the next sale' },
      ]
    },
  },
]
