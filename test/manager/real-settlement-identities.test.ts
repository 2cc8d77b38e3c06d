import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Settings } from '../../shared/contract'
import { readSetlinfo } from '../../shared/nhsa/answer'
import { receiptSchema } from '../../shared/receipt'
import type { LineRow, SaleRow } from '../../electron/core/ledger/sale-rows'
import { partsOf } from '../../electron/core/manager/day-events'
import { buildDayReport } from '../../electron/core/manager/day-report'
import { identitiesHold } from '../../electron/core/manager/totals'
import { zReceiptDoc } from '../../electron/core/manager/z-receipt'
import { yuan } from '../../shared/money/money'
import { receiptOf } from '../../electron/core/sale/receipt'

/** Shenzhen's real 2102 shape: funds 54 + own account 30 + mutual aid 10 + cash 4 + the institution's 2 = 100, no relative named. */
function shenzhenSetlinfo() {
  const fixture = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/nhsa/2102-shenzhen-numbers.json'), 'utf8')) as {
    answer: { output: { setlinfo: unknown } }
  }
  const read = readSetlinfo(fixture.answer.output.setlinfo, '2102')
  expect(read.missing).toEqual([])
  return read.setlinfo!
}

describe('a real settlement with hosp_part_amt and mutual aid the platform drew', () => {
  it('holds the manager day identities, counting the institution part', () => {
    const s = shenzhenSetlinfo()
    const parts = partsOf(s, 1500, 'cash')
    expect(parts.hospital).toBe(200)
    expect(identitiesHold(parts)).toBe(true)
    // Without the institution's part the medical total is not covered: the identity must notice.
    expect(identitiesHold({ ...parts, hospital: 0 })).toBe(false)
  })

  it('prints: the receipt carries the mutual-aid amount and the institution part, naming no relative', () => {
    const s = shenzhenSetlinfo()
    const sale = {
      id: 'S1',
      kind: 'pharmacy',
      state: 'settled',
      terminal_id: 'T01',
      cashier: 'c1',
      created_at: '2026-12-05T02:19:00.000Z',
      updated_at: '2026-12-05T02:20:00.000Z',
      acct_used: 1,
      mulaid_id: null,
      mulaid_payer: null,
      medfee_fen: 10000,
      goods_fen: 0,
      setl_id: s.setl_id,
      mdtrt_id: s.mdtrt_id,
      setlinfo: JSON.stringify(s),
      pay_method: 'cash',
      cash_due_fen: 400,
      tendered_fen: 500,
      change_fen: 100,
    } as SaleRow
    const lines = [
      { seq: 1, insured: 1, name: '阿莫西林胶囊', spec: '0.25g×24粒', qty: '2', unit: '盒', price: '50', amount_fen: 10000, class: 'B' },
    ] as unknown as LineRow[]
    const settings = { fixmedinsName: '共济大药房', fixmedinsCode: 'P44030500001' } as Settings
    const r = receiptSchema.parse(receiptOf(sale, lines, settings, '李收银'))
    expect(r.totals).toMatchObject({ fundPay: '54.00', ownAccount: '30.00', mutualAid: '10.00', hospitalPart: '2.00', cash: '4.00' })
    expect(r.mutualAid).toBeNull()
  })
  it('shows the institution part as its own figure: the day, its sources and the Z report, with the day identity holding', () => {
    const parts = partsOf(shenzhenSetlinfo(), 1500, 'cash')
    const item = { kind: 'sale', at: '2026-12-05T02:20:00.000Z', parts } as unknown as Parameters<typeof buildDayReport>[2][number]
    const r = buildDayReport('2026-12-05', false, [item, item], { user: (id) => id }, '2026-12-05T10:00:00.000Z')
    expect(r.net).toMatchObject({ hospital: '4.00', fund: '108.00', account: '60.00', mutualAid: '20.00' })
    const n = r.net
    expect(yuan(n.fund).plus(n.account).plus(n.mutualAid).plus(n.hospital).plus(n.counter).toFixed(2)).toBe(n.total)
    expect(r.bySource.find((s) => s.key === 'hospital')).toMatchObject({ label: '机构分担', net: '4.00' })
    const z = {
      report: r,
      store: { fixmedinsName: '共济大药房', fixmedinsCode: 'P44030500001' },
      close: { closedAt: '2026-12-05T10:00:00.000Z', closedBy: '王店长', reconStatus: 'agreed', queueAcknowledged: [], offlineQueued: 0, auditHead: '1:abc' },
    }
    const paper = JSON.stringify(zReceiptDoc(z as unknown as Parameters<typeof zReceiptDoc>[0], 32))
    expect(paper).toMatch(/机构分担/)
    expect(paper).toMatch(/4\.00/)
  })
})
