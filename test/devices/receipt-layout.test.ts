import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { displayWidth, idLines, layoutReceipt, maskIdNumber, maskName, previewLines, receiptSchema, wrapText } from '../../shared/receipt'
import { fromFen, toFen, yuan } from '../../shared/money/money'
import { mutualAidReceipt, quotaOnlyReceipt } from './fixtures'

const fen = (n: number) => fromFen(n).toFixed(2)
const yuanMinus = (a: string, b: string) => yuan(a).minus(yuan(b)).toFixed(2)

describe('masking', () => {
  it('masks names and ID numbers the way domain.md shows, and is idempotent', () => {
    expect(maskName('张三明')).toBe('张*明')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳小明')).toBe('欧**明')
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234')
    for (const v of ['张三明', '欧阳小明', '张三']) expect(maskName(maskName(v))).toBe(maskName(v))
    expect(maskIdNumber(maskIdNumber('11010119900307123X'))).toBe('110***********123X')
  })

  it('the receipt schema masks the payer while parsing, so the stored receipt never holds the name', () => {
    const r = receiptSchema.parse(mutualAidReceipt())
    expect(r.mutualAid?.payerName).toBe('王*国')
    expect(JSON.stringify(r)).not.toContain('王建国')
    expect(receiptSchema.parse(r)).toEqual(r)
  })
})

describe('display width', () => {
  it('counts Chinese, full-width punctuation and GB double-byte symbols as two columns', () => {
    expect(displayWidth('阿莫西林')).toBe(8)
    expect(displayWidth('0.25g×24粒/盒')).toBe(14)
    expect(displayWidth('（乙类）')).toBe(8)
    expect(displayWidth('abc')).toBe(3)
  })

  it('for every character GBK prints, the width equals its GB18030 byte count', () => {
    // The printer's truth: in Chinese mode a double-byte code prints in a two-column cell.
    const gbkChars = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp))
    const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((cp) => String.fromCodePoint(cp))
    const symbols = fc.constantFrom(...'（）【】：，。、×·°℃①②─━│┃μ')
    fc.assert(
      fc.property(fc.array(fc.oneof(gbkChars, ascii, symbols), { maxLength: 40 }), (chars) => {
        const s = chars.join('')
        return displayWidth(s) === iconv.encode(s, 'gb18030').length
      }),
    )
  })

  it('wraps by width without splitting a strength, never exceeding the line', () => {
    expect(wrapText('复方甘草片 0.25g×100片', 12)).toEqual(['复方甘草片', '0.25g×100片'])
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'阿莫西林胶囊abc 0.25g×'), maxLength: 60 }), fc.integer({ min: 2, max: 48 }), (s, w) =>
        wrapText(s, w).every((l) => displayWidth(l) <= w),
      ),
    )
  })
})

describe('receipt layout', () => {
  it('refuses a receipt whose split does not add up', () => {
    const bad = mutualAidReceipt()
    bad.totals = { ...bad.totals, fundPay: '55.00' }
    const result = receiptSchema.safeParse(bad)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toContain('合计不等于基金+个人账户+共济+机构分担+现金')
    const noChange = mutualAidReceipt({ payment: { method: 'cash', tendered: '20.00', change: '0.00' } })
    expect(receiptSchema.safeParse(noChange).success).toBe(false)
  })

  it("prints a real settlement: mutual aid the platform drew without naming a relative, and the institution's part", () => {
    // A real 2102 names no relative and may carry hosp_part_amt: funds 54 + own 30 + aid 10 + hospital 6 = 100.
    const real = mutualAidReceipt({ mutualAid: null })
    real.totals = { ...real.totals, mutualAid: '10.00', hospitalPart: '6.00' }
    const r = receiptSchema.parse(real)
    const lines = previewLines(layoutReceipt(r, { paper: '58' }))
    expect(lines).toContain('  共济账户支付             10.00')
    expect(lines).toContain('  机构分担                  6.00')
    expect(lines.some((l) => l.includes('共济人'))).toBe(false)
    // A provincial extension may name the relative without telling the quota left.
    const named = receiptSchema.parse({ ...real, mutualAid: { payerName: '王建国', relation: 'child', quotaLeft: null } })
    const namedLines = previewLines(layoutReceipt(named, { paper: '58' }))
    expect(namedLines).toContain('  共济人：王*国（子女）')
    expect(namedLines.some((l) => l.includes('共济额度余额'))).toBe(false)
    // The identity still holds with the institution's part: without it the receipt is refused.
    const short = { ...real, totals: { ...real.totals, hospitalPart: '0.00' } }
    expect(receiptSchema.safeParse(short).success).toBe(false)
  })

  it('lays out a 58 mm receipt in 32 columns, exactly as expected', () => {
    const lines = previewLines(layoutReceipt(receiptSchema.parse(mutualAidReceipt()), { paper: '58' }))
    expect(lines).toEqual([
      '     共济大药房（朝阳门店）',
      '            销售小票',
      '机构编码：P11010500123',
      '终端：T01         收银员：李收银',
      '时间：2026-03-01 10:20:30',
      '销售单号：S20260301-000123',
      '结算ID：SETL202603010000000123',
      '--------------------------------',
      '品名/规格',
      '  数量      单价       金额 类别',
      '--------------------------------',
      '阿莫西林胶囊（阿莫仙）缓释型儿童',
      '装加长名称',
      '  0.25g×24粒/盒',
      '   1盒    100.00     100.00 乙类',
      '去屑洗发水',
      '  400ml',
      '   1瓶     15.00      15.00 自费',
      '--------------------------------',
      '合计                      115.00',
      '医疗费总额                100.00',
      '  基金支付                 54.00',
      '  个人账户支付             30.00',
      '  共济账户支付             16.00',
      '  共济人：王*国（子女）',
      '  共济额度余额            484.00',
      '自费商品                   15.00',
      '现金支付                   15.00',
      '实收                       20.00',
      '找零                        5.00',
      '个人账户余额                0.00',
      '--------------------------------',
      '            [二维码]',
      '  请保留小票，退货凭此小票办理',
    ])
  })

  it('on 80 mm puts the spec beside the numbers and right-aligns every amount at column 48', () => {
    const lines = previewLines(layoutReceipt(receiptSchema.parse(mutualAidReceipt()), { paper: '80' }))
    expect(lines).toContain('阿莫西林胶囊（阿莫仙）缓释型儿童装加长名称')
    expect(lines).toContain('0.25g×24粒/盒     1盒    100.00     100.00 乙类')
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(48)
    for (const label of ['合计', '医疗费总额', '  基金支付', '现金支付', '找零']) {
      const line = lines.find((l) => l.startsWith(label))
      expect(line && displayWidth(line), label).toBe(48)
    }
  })

  it('marks offline sales and reprints, and shows no change line without cash', () => {
    const doc = layoutReceipt(receiptSchema.parse(quotaOnlyReceipt()), { paper: '58', copy: 2 })
    const text = previewLines(doc)
    expect(text).toContain('       【重打小票 第2次】')
    expect(text.some((l) => l.startsWith('找零'))).toBe(false)
    expect(text).toContain('  共济额度余额            560.00')
    const offline = receiptSchema.parse({ ...mutualAidReceipt(), settlementId: null, offline: { stage: 'queued', mode: 'deposit', insuredEstimate: '32.00' } })
    const offlineText = previewLines(layoutReceipt(offline, { paper: '80' }))
    expect(offlineText).toContain('结算ID：待结算')
    expect(offlineText.some((l) => l.includes('【离线交易·押金模式】'))).toBe(true)
    expect(offlineText.find((l) => l.startsWith('预计医保退还'))).toMatch(/ 32\.00$/)
    expect(offlineText.join('')).toContain('医保应付部分凭本小票到店退还')
  })

  it('a corrected receipt says what was paid offline and what is refunded or still owed, and must add up', () => {
    const base = { ...mutualAidReceipt(), settlementId: 'S1' }
    const cash = base.totals.cash
    const corrected = (paidBefore: string, due: string, settledUp: 'open' | 'done' | 'waived', stage: 'settled' | 'declined' = 'settled') =>
      receiptSchema.safeParse({
        ...base,
        payment: { method: 'cash', tendered: cash, change: '0.00' },
        offline: { stage, mode: 'advance', paidBefore, due, settledUp, reason: stage === 'declined' ? '共济关系已解除' : null },
      })
    const text = (r: ReturnType<typeof corrected>) => previewLines(layoutReceipt(r.data!, { paper: '58' }))
    const owed = text(corrected('0.00', `-${cash}`, 'open'))
    expect(owed.some((l) => l.includes('【更正小票·医保已结算】'))).toBe(true)
    expect(owed.find((l) => l.startsWith('离线时已付'))).toMatch(/ 0\.00$/)
    expect(owed.find((l) => l.startsWith('尚需补缴'))).toMatch(new RegExp(` ${cash.replace('.', '\\.')}$`))
    expect(owed.some((l) => l.startsWith('实收') || l.startsWith('找零'))).toBe(false)
    expect(text(corrected('0.00', `-${cash}`, 'done')).some((l) => l.startsWith('已补缴'))).toBe(true)
    expect(text(corrected('0.00', `-${cash}`, 'waived')).some((l) => l.startsWith('差额由本店承担'))).toBe(true)
    const refund = text(corrected('100.00', yuanMinus('100.00', cash), 'open'))
    expect(refund.find((l) => l.startsWith('应退还您'))).toBeTruthy()
    const declined = text(corrected('0.00', `-${cash}`, 'open', 'declined'))
    expect(declined.some((l) => l.includes('【更正小票·医保未通过】'))).toBe(true)
    expect(declined).toContain('原因：共济关系已解除')
    // The paper can never say a refund that is not what was paid minus what is owed.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -100_000, max: 100_000 }), (paid, due) => {
        const ok = corrected(fen(paid), fen(due), 'open').success
        return ok === (paid - due === toFen(cash))
      }),
    )
  })
})

describe('a sale id on narrow paper (B21)', () => {
  const id = '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f'
  it('is never broken across lines: beside its label on 80 mm, on a line of its own without hyphens on 58 mm', () => {
    expect(idLines('销售单号', id, 48)).toEqual([`销售单号：${id}`])
    expect(idLines('销售单号', id, 32)).toEqual(['销售单号：', '3f2a9c1e7b4d4e8a9c0f1a2b3c4d5e6f'])
    expect(idLines('销售单号', 'S20260301-000123', 32)).toEqual(['销售单号：S20260301-000123'])
  })
})
