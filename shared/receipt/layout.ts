import { formatYuan, sum, yuan } from '../money/money'
import { RELATIONS } from '../nhsa/codes'
import { printableDeep } from './printable'
import { PAPER_COLUMNS, type LineClass, type PaperWidth, type PrescriptionNote, type Receipt, type ReceiptLine, type RefundNote } from './schema'
import { displayWidth, padEndTo, padStartTo, spread } from './width'
import { truncateTo, wrapText } from './wrap'

/**
 * One receipt laid out as printer lines. The preview and the ESC/POS bytes are both produced from
 * this, so what the cashier sees on screen is what the paper says, column for column.
 */
export type ReceiptBlock =
  /** A finished line: already padded for its alignment, never wider than the paper. */
  { kind: 'text'; text: string; bold?: boolean; tall?: boolean } | { kind: 'qr'; data: string }

export interface ReceiptDoc {
  columns: number
  blocks: ReceiptBlock[]
}

export interface LayoutOptions {
  paper: PaperWidth
  /** 0 for the original; n for the n-th reprint, which the paper says. */
  copy?: number
}

export const CLASS_LABELS: Record<LineClass, string> = { A: '甲类', B: '乙类', C: '丙类', self: '自费' }
/** Short enough for one line of 58 mm paper. */
const OFFLINE_LABELS = { deposit: '离线交易·押金模式', advance: '离线交易·垫付模式' } as const
const CORRECTED_LABELS = { settled: '更正小票·医保已结算', declined: '更正小票·医保未通过' } as const

/** What happens next, in the customer's words: the paper is all they take home. */
const OFFLINE_NEXT = {
  deposit: '网络中断，本单先按全额收款。联网后自动上传医保结算，医保应付部分凭本小票到店退还；结算结果以更正小票为准。',
  advance: '网络中断，医保应付部分由本店先行垫付。联网后自动上传医保结算；如医保未通过或金额不同，凭本小票多退少补。',
} as const

function settlementLine(o: Extract<NonNullable<Receipt['offline']>, { paidBefore: string }>): [string, string] {
  const due = yuan(o.due)
  const amount = due.abs().toFixed(2)
  if (due.isZero()) return ['退补', amount]
  if (due.gt(0)) return [o.settledUp === 'open' ? '应退还您' : '已退还您', amount]
  if (o.settledUp === 'waived') return ['差额由本店承担', amount]
  return [o.settledUp === 'open' ? '尚需补缴' : '已补缴', amount]
}

/** What the receipt's QR code says: enough to find the sale in any store's journal. */
export function saleQrPayload(r: Pick<Receipt, 'store' | 'saleId'>): string {
  return `GJPOS:${r.store.institutionCode}:${r.saleId}`
}

/**
 * The preview's stand-in for the QR image; the virtual printer decodes a printed QR to the same line.
 * The payload itself is not repeated: the sale id is already printed in the header.
 */
export const QR_PREVIEW_LINE = '[二维码]'

export function centerIn(text: string, columns: number): string {
  const fitted = displayWidth(text) > columns ? truncateTo(text, columns) : text
  return ' '.repeat(Math.floor((columns - displayWidth(fitted)) / 2)) + fitted
}

/** "12.500000" -> "12.50", "0.123400" -> "0.1234": a price shows its meaningful decimals, at least 2. */
export function formatPrice(price: string): string {
  const [int, frac = ''] = price.split('.')
  return `${int}.${frac.replace(/0+$/, '').padEnd(2, '0')}`
}

function formatQuantity(line: ReceiptLine): string {
  const [int, frac = ''] = line.quantity.split('.')
  const trimmed = frac.replace(/0+$/, '')
  return (trimmed ? `${int}.${trimmed}` : int) + line.unit
}

interface ItemColumns {
  spec: number
  qty: number
  price: number
  amount: number
  cls: number
}

/** 80 mm puts the spec beside the numbers; 58 mm has no room and gives the spec its own line. */
const ITEM_COLUMNS: Record<PaperWidth, ItemColumns> = {
  '80': { spec: 15, qty: 6, price: 9, amount: 10, cls: 4 },
  '58': { spec: 0, qty: 6, price: 9, amount: 10, cls: 4 },
}

function numbersRow(c: ItemColumns, qty: string, price: string, amount: string, cls: string): string {
  return [padStartTo(qty, c.qty), padStartTo(price, c.price), padStartTo(amount, c.amount), padStartTo(cls, c.cls)].join(' ')
}

function itemLines(line: ReceiptLine, paper: PaperWidth, columns: number): string[] {
  const c = ITEM_COLUMNS[paper]
  const qty = formatQuantity(line)
  const out = wrapText(line.name, columns)
  const cells = [qty, formatPrice(line.price), formatYuan(line.amount), CLASS_LABELS[line.class]] as const
  const fits = displayWidth(qty) <= c.qty && displayWidth(cells[1]) <= c.price && displayWidth(cells[2]) <= c.amount
  const numbers = fits ? numbersRow(c, ...cells) : cells.join(' ')
  if (c.spec > 0 && fits) {
    const spec = line.spec ? wrapText(line.spec, c.spec) : ['']
    out.push(padEndTo(spec[0], c.spec) + ' ' + numbers)
    for (const more of spec.slice(1)) out.push(more)
    return out
  }
  if (line.spec) for (const s of wrapText(line.spec, columns - 2)) out.push(`  ${s}`)
  out.push(padStartTo(numbers, columns))
  return out
}

/** Under a discounted line: what it cost before and what came off, so 原价 − 折扣 = 金额 reads on paper. */
function discountLine(line: ReceiptLine, columns: number): string[] {
  if (yuan(line.discount).isZero()) return []
  const gross = yuan(line.amount).plus(line.discount)
  return [padStartTo(`原价 ${formatYuan(gross)}  折扣 -${formatYuan(line.discount)}`, columns)]
}

function itemHeader(paper: PaperWidth, columns: number): string[] {
  const c = ITEM_COLUMNS[paper]
  const numbers = numbersRow(c, '数量', '单价', '金额', '类别')
  if (c.spec > 0) return [padEndTo('品名/规格', c.spec) + ' ' + numbers]
  return ['品名/规格', padStartTo(numbers, columns)]
}

type MoneyLine = (label: string, amount: string, style?: { bold?: boolean }) => void

/**
 * What a refund slip says below the sale's amounts: what the platform took back into the fund, the account
 * and the quotas, what goes back in cash (or to the mobile payment), and who approved it why.
 */
function refundLines(r: Receipt, back: RefundNote, money: MoneyLine, wrapped: (t: string) => void) {
  const platform = yuan(r.totals.saleTotal).minus(yuan(r.totals.cash))
  if (platform.gt(0)) money('医保退回', platform.toFixed(2))
  money(r.payment.method === 'mobile' ? '退回移动支付' : '退还现金', r.totals.cash, { bold: true })
  wrapped(`退货原因：${back.reason}`)
  wrapped(`批准人：${back.approvedBy}`)
}

/** 处方登记 on paper: the Rx number (and whether it came from outside), who prescribed where, the diagnosis, who checked it. */
function prescriptionLines(p: PrescriptionNote): string[] {
  const out = [`处方号：${p.rxno ?? '—'}${p.external ? '（外配处方）' : ''}`]
  if (p.hospital) out.push(`开方医院：${p.hospital}`)
  if (p.doctor) out.push(`开方医师：${p.doctor}`)
  if (p.diagnosis) out.push(`诊断：${p.diagnosis}`)
  out.push(`审方药师：${p.pharmacist}`)
  return out
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A number that must be read and typed whole is never broken across lines (counter-review B21: a sale's
 * 36-character id wrapped on 58 mm paper): beside its label when it fits, else on a line of its own, a sale id
 * then without its hyphens (32 characters, the narrow paper's width; the receipt's QR code carries it whole).
 */
export function idLines(label: string, id: string, columns: number): string[] {
  const one = `${label}：${id}`
  if (displayWidth(one) <= columns) return [one]
  const alone = UUID.test(id) && id.length > columns ? id.replace(/-/g, '') : id
  return displayWidth(alone) <= columns ? [`${label}：`, alone] : wrapText(one, columns)
}

export function layoutReceipt(input: Receipt, opts: LayoutOptions): ReceiptDoc {
  // The one place receipt text is cleaned: everything below lays out and prints only what is left.
  const r = printableDeep(input)
  const columns = PAPER_COLUMNS[opts.paper]
  const blocks: ReceiptBlock[] = []
  const text = (t: string, style: { bold?: boolean; tall?: boolean } = {}) => blocks.push({ kind: 'text', text: t.trimEnd(), ...style })
  const wrapped = (t: string) => wrapText(t, columns).forEach((l) => text(l))
  const rule = () => text('-'.repeat(columns))
  const money = (label: string, amount: string, style: { bold?: boolean; tall?: boolean } = {}) => text(spread(label, formatYuan(amount), columns), style)

  for (const l of wrapText(r.store.name, columns)) text(centerIn(l, columns), { bold: true, tall: true })
  const back = r.refund
  text(centerIn(back ? '退货单' : '销售小票', columns), { bold: Boolean(back) })
  wrapped(`机构编码：${r.store.institutionCode}`)
  text(spread(`终端：${r.terminalId}`, `收银员：${r.cashier}`, columns))
  wrapped(`${back ? '原销售时间' : '时间'}：${r.soldAt}`)
  if (back) wrapped(`退货时间：${back.refundedAt}`)
  idLines(back ? '原销售单号' : '销售单号', r.saleId, columns).forEach((l) => text(l))
  wrapped(`结算ID：${r.settlementId ?? (r.offline ? '待结算' : '无（未走医保）')}`)
  const o = r.offline
  if (o)
    for (const l of wrapText(`【${o.stage === 'queued' ? OFFLINE_LABELS[o.mode] : CORRECTED_LABELS[o.stage]}】`, columns))
      text(centerIn(l, columns), { bold: true })
  if (o && o.stage !== 'queued' && o.reason) wrapped(`原因：${o.reason}`)
  if (opts.copy && opts.copy > 0) text(centerIn(`【重打小票 第${opts.copy}次】`, columns), { bold: true })

  rule()
  for (const h of itemHeader(opts.paper, columns)) text(h)
  rule()
  for (const line of r.lines) for (const l of [...itemLines(line, opts.paper, columns), ...discountLine(line, columns)]) text(l)
  rule()
  if (r.prescription) {
    for (const l of prescriptionLines(r.prescription)) wrapped(l)
    rule()
  }

  const t = r.totals
  const discount = sum(r.lines.map((l) => l.discount))
  if (discount.gt(0)) {
    money('原价', yuan(t.saleTotal).plus(discount).toFixed(2))
    text(spread('折扣', `-${formatYuan(discount)}`, columns))
  }
  money(back ? '退货合计' : discount.gt(0) ? '实收' : '合计', t.saleTotal, { bold: true, tall: true })
  money('医疗费总额', t.medicalTotal)
  money('  基金支付', t.fundPay)
  money('  个人账户支付', t.ownAccount)
  if (r.mutualAid || yuan(t.mutualAid).gt(0)) {
    money('  共济账户支付', t.mutualAid)
    if (r.mutualAid) {
      for (const l of wrapText(`共济人：${r.mutualAid.payerName}（${RELATIONS[r.mutualAid.relation]}）`, columns - 2)) text(`  ${l}`)
      if (r.mutualAid.quotaLeft !== null && !back) money('  共济额度余额', r.mutualAid.quotaLeft)
    }
  }
  if (yuan(t.hospitalPart).gt(0)) money('  机构分担', t.hospitalPart)
  const nonInsured = yuan(t.saleTotal).minus(yuan(t.medicalTotal))
  if (nonInsured.gt(0)) money('自费商品', nonInsured.toFixed(2))
  if (back) {
    refundLines(r, back, money, wrapped)
  } else if (o && o.stage !== 'queued') {
    money('应付（医保结算后）', t.cash, { bold: true })
    money('离线时已付', o.paidBefore)
    money(...settlementLine(o), { bold: true })
  } else {
    money(r.payment.method === 'mobile' ? '移动支付' : '现金支付', t.cash, { bold: true })
    if (r.payment.method === 'cash') {
      money('实收', r.payment.tendered)
      money('找零', r.payment.change)
    }
  }
  if (r.accountBalance !== null && !back) money('个人账户余额', r.accountBalance)
  if (o?.stage === 'queued') {
    rule()
    money(o.mode === 'deposit' ? '预计医保退还' : '本店垫付', o.insuredEstimate, { bold: true })
    wrapped(OFFLINE_NEXT[o.mode])
  }
  rule()
  blocks.push({ kind: 'qr', data: saleQrPayload(r) })
  text(centerIn(back ? '退货已办理，请核对退款' : '请保留小票，退货凭此小票办理', columns))
  return { columns, blocks }
}

/** The receipt as the on-screen preview shows it: one string per printed line. */
export function previewLines(doc: ReceiptDoc): string[] {
  return doc.blocks.map((b) => (b.kind === 'text' ? b.text : centerIn(QR_PREVIEW_LINE, doc.columns)))
}

export function previewText(doc: ReceiptDoc): string {
  return previewLines(doc).join('\n')
}
