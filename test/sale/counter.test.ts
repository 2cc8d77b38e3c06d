import { afterEach, describe, expect, it } from 'vitest'
import { DEMO } from '../../electron/sandbox/demo/people'
import { yuan } from '../../shared/money/money'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { startCounter, traceCode, type Counter } from './counter-rig'

const tempDir = useTempDir()
let counter: Counter
afterEach(async () => {
  await counter?.close()
})

const IBUPROFEN = 'SP00012' // 布洛芬缓释胶囊, OTC, 甲类, 19.80
const AMLODIPINE = 'SP00002' // 苯磺酸氨氯地平片, prescription, 甲类, 20.00
const VALSARTAN = 'SP00003' // 缬沙坦胶囊, prescription, 乙类 10%, cap 25.00 under a 28.60 price
const SHAMPOO = 'SG00001' // 去屑洗发水, ordinary goods, 15.00
const PRESCRIPTION = { rxno: 'RX20261123001', external: false, pharmacist: '李药师' }

function splitAddsUp(split: { medical: string; fund: string; account: string; mutualAid: string; personCash: string }) {
  expect(yuan(split.fund).plus(split.account).plus(split.mutualAid).plus(split.personCash).toFixed(2)).toBe(split.medical)
}

describe('the pharmacy counter through the contract', () => {
  it('sells ordinary goods for cash without the platform, with change and a queued receipt', async () => {
    counter = await startCounter(tempDir())
    const sale = await counter.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: '2' }], acctUsed: false })
    expect(sale).toMatchObject({ state: 'draft', total: '30.00', member: null })
    expect(sale.lines[0]).toMatchObject({ insured: false, class: 'self', price: '15.00', amount: '30.00' })
    expect(await counter.refused('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '20' } })).toBe('TENDERED_TOO_LITTLE')
    const paid = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '50' } })
    expect(paid).toMatchObject({
      state: 'settled',
      settlementId: null,
      payment: { method: 'cash', cashDue: '30.00', tendered: '50.00', change: '20.00', owed: '0.00' },
    })
    expect(paid.receiptJobId).not.toBeNull()
    expect((await counter.ledger()).entries).toHaveLength(0)
  })

  it("settles an insured sale the platform pays from a relative's quota: no picker, split shown first, every fen drawn is acct_mulaid_pay", async () => {
    counter = await startCounter(tempDir())
    const member = await counter.member('wangFather')
    expect(member).toMatchObject({ nameMasked: '王*国', insutype: '390', crossProvince: false, quotas: [] })
    expect(member.certNoMasked).toMatch(/^410\*+\d{4}$/)
    const before = await counter.quotasOf(DEMO.people.wangFather.psn_no)
    expect(before).toMatchObject([{ mulaid_id: 'MA0000000001', quota_balc: 600 }])
    // Nationally the store names no relative: a quota id is refused, and none is sent.
    const lines = [
      { storeCode: IBUPROFEN, qty: '2', traceCodes: [traceCode(), traceCode()] },
      { storeCode: SHAMPOO, qty: '1' },
    ]
    expect(await counter.refused('openSale', { memberRef: member.ref, lines, acctUsed: true, mulaidId: 'MA0000000001' })).toBe('QUOTA_NOT_AVAILABLE')

    const sale = await counter.call('openSale', { memberRef: member.ref, lines, acctUsed: true })
    expect(sale.lines.map((l) => [l.insured, l.class])).toEqual([
      [true, 'A'],
      [false, 'self'],
    ])
    const pre = await counter.call('presettleSale', { saleId: sale.id })
    expect(pre.state).toBe('presettled')
    expect(pre.split).toMatchObject({ medical: '39.60', goods: '15.00' })
    splitAddsUp(pre.split!)
    expect(yuan(pre.split!.mutualAid).gt(0)).toBe(true)
    expect(pre.lines[0].platform).not.toBeNull()
    // Nothing charged yet: the ledger is empty until the cashier confirms.
    expect((await counter.ledger()).entries).toHaveLength(0)

    const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    expect(settled.state).toBe('settled')
    splitAddsUp(settled.split!)
    expect(settled.split!.mutualAid).toBe(pre.split!.mutualAid)
    expect(settled.split!.quotaLeft).toBeNull()
    expect(settled.payment!.cashDue).toBe(yuan(settled.split!.personCash).plus('15.00').toFixed(2))
    expect(settled.payment!.change).toBe(yuan('100').minus(settled.payment!.cashDue).toFixed(2))
    const ledger = (await counter.ledger()).entries.filter((e) => e.kind === 'settlement')
    expect(ledger).toHaveLength(1)
    expect(ledger[0].setl_id).toBe(settled.settlementId)
    expect(yuan(String(ledger[0].acct_mulaid_pay)).toFixed(2)).toBe(settled.split!.mutualAid)
    // Every fen the platform took from the daughter's grant is the acct_mulaid_pay the counter showed.
    const after = await counter.quotasOf(DEMO.people.wangFather.psn_no)
    expect(yuan('600').minus(String(after[0]!.quota_balc)).toFixed(2)).toBe(settled.split!.mutualAid)
    // Nobody was named, so nobody is recorded.
    const payer = counter.core.db.prepare('SELECT mulaid_id, mulaid_payer FROM sales WHERE id = ?').get(sale.id)
    expect(payer).toEqual({ mulaid_id: null, mulaid_payer: null })
  })

  it('under the provincial extension "store-chosen relative" lists the quotas, sends the chosen one and records its payer', async () => {
    counter = await startCounter(tempDir())
    await signIn(counter.core, 'manager')
    await counter.call('updateSettings', { storeChosenRelative: true })
    await signIn(counter.core, 'cashier')
    const member = await counter.member('wangFather')
    const quota = member.quotas.find((q) => q.relation === 'child')!
    expect(quota).toMatchObject({ relationName: '子女', payerNameMasked: '王*', remaining: '600.00' })
    const sale = await counter.call('openSale', {
      memberRef: member.ref,
      lines: [{ storeCode: IBUPROFEN, qty: '2', traceCodes: [traceCode(), traceCode()] }],
      acctUsed: true,
      mulaidId: quota.mulaidId,
    })
    await counter.call('presettleSale', { saleId: sale.id })
    const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
    splitAddsUp(settled.split!)
    expect(settled.split!.quotaLeft).toBe(yuan('600').minus(settled.split!.mutualAid).toFixed(2))
    // Whose quota paid, for the receipt and the month's split by region (the daughter is insured in Suzhou).
    const payer = counter.core.db.prepare('SELECT mulaid_payer FROM sales WHERE id = ?').get(sale.id) as { mulaid_payer: string }
    expect(JSON.parse(payer.mulaid_payer)).toEqual({ payerNameMasked: '王*', relation: 'child', payerRegion: '320500' })
  })

  it('refuses what a counter must refuse, changing nothing', async () => {
    counter = await startCounter(tempDir())
    const member = await counter.member('liuWife')
    const code = traceCode()
    // A prescription drug needs the prescription and the pharmacist.
    expect(
      await counter.refused('openSale', { memberRef: member.ref, lines: [{ storeCode: AMLODIPINE, qty: '1', traceCodes: [traceCode()] }], acctUsed: true }),
    ).toBe('PRESCRIPTION_REQUIRED')
    // An insured drug needs a traceability code per box.
    expect(await counter.refused('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '2', traceCodes: [code] }], acctUsed: true })).toBe(
      'TRACE_CODES_MISSING',
    )
    expect(
      await counter.refused('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '2', traceCodes: [code, code] }], acctUsed: true }),
    ).toBe('TRACE_CODE_DUPLICATE')
    expect(await counter.refused('openSale', { lines: [{ storeCode: 'NO-SUCH', qty: '1' }], acctUsed: false })).toBe('CATALOG_ITEM_NOT_FOUND')
    expect(await counter.refused('openSale', { lines: [{ storeCode: SHAMPOO, qty: '-1' }], acctUsed: false })).toBe('INVALID_INPUT')
    expect(await counter.refused('openSale', { memberRef: 'forged', lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: true })).toBe(
      'MEMBER_EXPIRED',
    )
    expect(
      await counter.refused('openSale', {
        memberRef: member.ref,
        mulaidId: 'MA-NOT-HERS',
        lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }],
        acctUsed: true,
      }),
    ).toBe('QUOTA_NOT_AVAILABLE')
    expect(await counter.refused('identifyMember', { qrCode: 'SBXECthis-code-was-never-issued-by-anyone' })).toMatch(/^PLATFORM_/)
    expect(counter.core.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 })

    // A box sold once cannot be sold again.
    const first = await counter.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: true })
    await counter.call('presettleSale', { saleId: first.id })
    await counter.call('settleSale', { saleId: first.id, payment: { method: 'mobile' } })
    expect(await counter.refused('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: true })).toBe(
      'TRACE_CODE_SOLD',
    )
    // A receptionist is not a cashier.
    await signIn(counter.core, 'receptionist')
    expect(await counter.refused('openSale', { lines: [{ storeCode: SHAMPOO, qty: '1' }], acctUsed: false })).toBe('FORBIDDEN_ROLE')
  })

  it("refunds only with a manager's PIN, restoring the relative's quota and freeing the boxes' codes", async () => {
    counter = await startCounter(tempDir())
    const member = await counter.member('wangFather')
    const codes = [traceCode()]
    const sale = await counter.call('openSale', {
      memberRef: member.ref,
      lines: [{ storeCode: VALSARTAN, qty: '1', traceCodes: codes }],
      acctUsed: true,
      prescription: PRESCRIPTION,
    })
    await counter.call('presettleSale', { saleId: sale.id })
    const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '50' } })
    expect(yuan(settled.split!.overLimit).gt(0)).toBe(true) // 28.60 against a 25.00 cap

    expect(await counter.refused('refundSale', { saleId: sale.id, approval: { userId: 'demo-cashier', pin: '111111' }, reason: '顾客不要了' })).toBe(
      'APPROVAL_NOT_MANAGER',
    )
    expect(await counter.refused('refundSale', { saleId: sale.id, approval: { userId: 'demo-manager', pin: '000000' }, reason: '顾客不要了' })).toBe(
      'LOGIN_FAILED',
    )
    const refunded = await counter.call('refundSale', { saleId: sale.id, approval: { userId: 'demo-manager', pin: '888888' }, reason: '顾客不要了' })
    expect(refunded.state).toBe('refunded')
    expect(yuan(settled.split!.mutualAid).gt(0)).toBe(true)
    expect((await counter.quotasOf(DEMO.people.wangFather.psn_no))[0]!.quota_balc).toBe(600)
    const again = await counter.member('wangFather')
    // The box is back on the shelf: its code may be sold again.
    const resold = await counter.call('openSale', {
      memberRef: again.ref,
      lines: [{ storeCode: VALSARTAN, qty: '1', traceCodes: codes }],
      acctUsed: true,
      prescription: PRESCRIPTION,
    })
    expect(resold.state).toBe('draft')
    const audit = counter.core.db.prepare("SELECT actor FROM audit_log WHERE action = 'refund.approved' AND subject = ?").all(sale.id)
    expect(audit).toEqual([{ actor: 'demo-manager' }])
    // The box was never received into a lot, so its sale upload (3505, with its code) cannot name a batch: it was
    // held for the manager with the answer, never sent with an invented one, and the refund cancels it out.
    expect(counter.core.db.prepare("SELECT infno FROM offline_queue WHERE sale_id = ? AND infno != '2102'").all(sale.id)).toEqual([])
    const held = counter.core.db.prepare('SELECT infno, resolution, draft FROM stock_upload_holds WHERE sale_id = ?').all(sale.id) as {
      infno: string
      resolution: string
      draft: string
    }[]
    expect(held.map((h) => [h.infno, h.resolution, JSON.parse(h.draft).selinfo.drugtracinfo])).toEqual([['3505', 'dismissed', [{ drug_trac_codg: codes[0] }]]])
  })

  it('takes a partial return as a whole refund and a new settlement of what the customer keeps', async () => {
    counter = await startCounter(tempDir())
    const member = await counter.member('liRetired')
    const codes = [traceCode(), traceCode(), traceCode()]
    const sale = await counter.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '3', traceCodes: codes }], acctUsed: true })
    await counter.call('presettleSale', { saleId: sale.id })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })

    const fresh = await counter.member('liRetired')
    const { refunded, replacement } = await counter.call('returnItems', {
      saleId: sale.id,
      approval: { userId: 'demo-manager', pin: '888888' },
      reason: '多买了一盒',
      keep: [{ seq: 1, qty: '2', traceCodes: codes.slice(0, 2) }],
      memberRef: fresh.ref,
    })
    expect(refunded.state).toBe('refunded')
    expect(replacement).toMatchObject({ state: 'presettled', replacesSaleId: sale.id, total: '39.60' })
    const settled = await counter.call('settleSale', { saleId: replacement.id, payment: { method: 'mobile' } })
    expect(settled.state).toBe('settled')
    const kinds = (await counter.ledger()).entries.map((e) => e.kind)
    expect(kinds.filter((k) => k === 'settlement')).toHaveLength(2)
    expect(kinds.filter((k) => k === 'revoke')).toHaveLength(1)
  })
})
