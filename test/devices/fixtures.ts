import type { ReceiptInput } from '../../shared/receipt'

/**
 * Worked example 2 of domain.md: a class B drug at 100.00 (funds 54.00, own account 30.00, the son's
 * quota 16.00) plus a 15.00 bottle of shampoo paid in cash, tendered 20.00.
 */
export function mutualAidReceipt(overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    store: { name: '共济大药房（朝阳门店）', institutionCode: 'P11010500123' },
    terminalId: 'T01',
    cashier: '李收银',
    soldAt: '2026-03-01 10:20:30',
    saleId: 'S20260301-000123',
    settlementId: 'SETL202603010000000123',
    lines: [
      {
        name: '阿莫西林胶囊（阿莫仙）缓释型儿童装加长名称',
        spec: '0.25g×24粒/盒',
        quantity: '1',
        unit: '盒',
        price: '100.000000',
        amount: '100.00',
        class: 'B',
      },
      { name: '去屑洗发水', spec: '400ml', quantity: '1', unit: '瓶', price: '15.00', amount: '15.00', class: 'self' },
    ],
    totals: {
      saleTotal: '115.00',
      medicalTotal: '100.00',
      fundPay: '54.00',
      ownAccount: '30.00',
      mutualAid: '16.00',
      cash: '15.00',
    },
    mutualAid: { payerName: '王建国', relation: 'child', quotaLeft: '484.00' },
    accountBalance: '0.00',
    payment: { method: 'cash', tendered: '20.00', change: '5.00' },
    offline: null,
    ...overrides,
  }
}

/** Worked example 1: quota pays everything, no cash, two boxes of a class A drug. */
export function quotaOnlyReceipt(): ReceiptInput {
  return {
    store: { name: '共济大药房', institutionCode: 'P11010500123' },
    terminalId: 'T02',
    cashier: '赵六',
    soldAt: '2026-03-02 09:00:00',
    saleId: 'S20260302-000001',
    settlementId: 'SETL202603020000000001',
    lines: [{ name: '硝苯地平控释片', spec: '30mg×7片', quantity: '2', unit: '盒', price: '20.00', amount: '40.00', class: 'A' }],
    totals: { saleTotal: '40.00', medicalTotal: '40.00', fundPay: '0.00', ownAccount: '0.00', mutualAid: '40.00', cash: '0.00' },
    mutualAid: { payerName: '刘小红', relation: 'child', quotaLeft: '560.00' },
    payment: { method: 'none', tendered: '0.00', change: '0.00' },
  }
}
