import { randomUUID } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import { round2, sum, toFen, toWireNumber, fromFen, yuan, type Money } from '../../../shared/money/money'
import { BOUNDS, withinBound } from '../../../shared/money/bounds'
import type { AnswerOutput, ReadSetlinfo, SaleSent, Setlinfo, TransactionInput } from '../../../shared/nhsa'
import { OpenSaleSchema, type Member, type OpenSale, type Payment, type SaleLineInput, type SaleState } from '../../../shared/sale/schemas'
import type { AuditTrail } from '../audit/audit-trail'
import type { Clock } from '../../base/clock'
import { PlatformError } from '../platform/errors'
import { AnswerReviews } from './answer-reviews'
import type { PlatformClient } from '../platform/client'
import type { MsgidSequence } from '../platform/msgid'
import { wireTimeCst } from '../platform/msgid'
import type { Db } from '../../base/store/database'
import type { JournalHooks } from './hooks'
import { prepared } from '../../base/store/statements'
import { splitAmount, splitUnitPrice } from '../../../shared/stock/split-pack'
import { refusedIfRefundedElsewhere } from '../sale/refunded-elsewhere'
import { heldCredential, holdCredential, releaseCredential, sendableRequest, storableRequest, withholdSealed } from './stored-credentials'

export interface SaleRow {
  id: string
  kind: 'pharmacy' | 'clinic'
  state: SaleState
  terminal_id: string
  cashier: string
  created_at: string
  updated_at: string
  training: number
  psn_no: string | null
  insuplc_admdvs: string | null
  insutype: string | null
  psn_type: string | null
  cert_type: string | null
  cert_no: string | null
  name_masked: string | null
  med_type: string
  acct_used: number
  mulaid_id: string | null
  mulaid_payer: string | null
  rxno: string | null
  pharmacist: string | null
  rx_external: number
  replaces_sale_id: string | null
  medfee_fen: number
  goods_fen: number
  setl_id: string | null
  mdtrt_id: string | null
  settled_msgid: string | null
  setlinfo: string | null
  presettle: string | null
  pay_method: 'cash' | 'mobile' | 'none' | null
  cash_due_fen: number | null
  tendered_fen: number | null
  change_fen: number | null
}

export interface LineRow {
  seq: number
  insured: number
  national_code: string | null
  store_code: string
  name: string
  qty: string
  price: string
  amount_fen: number
  rx_flag: number
  trace_codes: string
  spec: string
  unit: string
  class: 'A' | 'B' | 'C' | 'self'
  /** 拆零: smallest units per box when the line was sold by the unit (qty counts units), else null. */
  pack_size: number | null
  /** The lot confirmed or picked at the counter for boxes without a scanned code, else null. */
  lot_id: string | null
}

interface MessageRow {
  msgid: string
  sale_id: string
  infno: string
  state: 'intent' | 'answered' | 'refused' | 'unknown' | 'reversed'
  request: string
  attempts: number
}

export interface RecoveryOutcome {
  saleId: string
  msgid: string
  infno: string
  /** reversed: the platform's part was undone and the sale is open again; unresolved: still being tried. */
  outcome: 'reversed' | 'unresolved'
  state: SaleState
}

export interface JournalOptions {
  terminalId: string
  /** Whether new sales are training sales (read at each open: the mode can change while running). */
  training?: () => boolean
  hooks?: JournalHooks
  /** Pause between reversal attempts; doubles up to maxBackoffMs. */
  backoffMs?: number
  maxBackoffMs?: number
  /** How many 2601 attempts a cashier waits for before the sale is left to background recovery. */
  inlineReversalAttempts?: number
  sleep?: (ms: number) => Promise<void>
  /**
   * Runs inside the transaction that records the platform's answer to a settlement or a refund: what
   * must follow the answer (the traceability uploads) commits with it, or neither does.
   */
  onAnswered?: (saleId: string, outcome: 'settled' | 'refunded') => void
}

const REVERSIBLE = new Set(['2102', '2103', '2207', '2208'])

/** The clinic's messages that move no money: resolved by sending the same message again (the platform replays it). */
export const VISIT_INFNOS = ['2201', '2202', '2203', '2204', '2205'] as const
export type VisitInfno = (typeof VISIT_INFNOS)[number]

/** A visit's one charge batch (chrg_bchno): fixed by the sale's id, so every resend names the same batch. */
export function clinicBatchNo(saleId: string): string {
  return `CB${saleId.replace(/-/g, '').slice(0, 24).toUpperCase()}`
}

/** The fee line's number within its visit (feedetl_sn): the platform never takes one twice, even cancelled. */
export function feedetlSn(saleId: string, seq: number): string {
  return `${saleId.slice(0, 8)}-${seq}`
}

export interface VisitMessageHandlers<I extends VisitInfno> {
  /** Runs in the transaction that writes the intent. */
  intent?: () => void
  /** Runs in the transaction that records the answer, so the visit's state and the journal agree. */
  answered: (output: AnswerOutput<I>, msgid: string) => void
  /** Runs in the transaction that records a refusal (the platform certainly did nothing). */
  refused?: (message: string) => void
}

export interface OpenVisitMessage {
  msgid: string
  saleId: string
  infno: VisitInfno
  request: unknown
}

/**
 * Line and sale totals within BOUNDS, checked before a draft is written: quantity and price are bounded
 * by the contract, but their product is only known here.
 */
function checkSaleAmounts(lines: { name: string; amount: Money }[], total: Money) {
  for (const l of lines) {
    if (!withinBound(l.amount.toFixed(2), 'line')) throw new PosError('AMOUNT_TOO_LARGE', `「${l.name}」金额超过单行上限 ${BOUNDS.line} 元，请核对数量`)
  }
  if (!withinBound(total.toFixed(2), 'sale')) throw new PosError('AMOUNT_TOO_LARGE', `整单金额超过上限 ${BOUNDS.sale} 元，请分单结算`)
}

/** Reversals in flight in this process: the counter's and the front desk's recovery may meet on one message. */
const reversalsInFlight = new Map<string, Promise<'reversed' | 'unresolved'>>()

/**
 * The sale journal: every sale and every money-moving message, in SQLite, written before anything
 * leaves the machine. A message whose answer is lost is reversed (2601) under its own msgid, never sent
 * again under a new one; the database itself refuses a second live settlement for one sale.
 */
export class SaleJournal {
  private readonly backoffMs: number
  private readonly maxBackoffMs: number
  private readonly inlineAttempts: number
  private readonly sleep: (ms: number) => Promise<void>
  /** Answers a manager should look at (odd, rejected, or committed but not recorded). */
  readonly reviews: AnswerReviews

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** null for a journal that only reads and records counter-only sales (no platform configured or needed). */
    private readonly link: { platform: PlatformClient; msgids: MsgidSequence } | null,
    private readonly audit: AuditTrail,
    private readonly opts: JournalOptions,
  ) {
    this.backoffMs = opts.backoffMs ?? 500
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000
    this.inlineAttempts = opts.inlineReversalAttempts ?? 4
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
    this.reviews = new AnswerReviews(db, clock, audit)
  }

  private platformLink() {
    if (!this.link) throw new PosError('PLATFORM_NOT_CONFIGURED', '尚未连接医保平台，不能进行医保结算')
    return this.link
  }

  private now(): string {
    return this.clock.now().toISOString()
  }

  private sql(text: string) {
    return prepared(this.db, text)
  }

  private async hook(step: Parameters<JournalHooks['at']>[0], saleId: string) {
    await this.opts.hooks?.at(step, saleId)
  }

  get(saleId: string): SaleRow {
    const row = this.sql('SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined
    if (!row) throw new PosError('SALE_NOT_FOUND', `找不到销售单 ${saleId}`)
    return row
  }

  lines(saleId: string): LineRow[] {
    return this.sql('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY seq').all(saleId) as LineRow[]
  }

  private setState(saleId: string, state: SaleState, actor: string, why: string, extra: Record<string, unknown> = {}) {
    const sets = ['state = @state', 'updated_at = @at', ...Object.keys(extra).map((k) => `${k} = @${k}`)]
    this.sql(`UPDATE sales SET ${sets.join(', ')} WHERE id = @id`).run({ ...extra, state, at: this.now(), id: saleId })
    this.audit.append({ actor, action: `sale.${state}`, subject: saleId, detail: { why } })
    // Settled or voided, the sale sends nothing more that names the customer's credential (refunds and reversals name psn_no).
    if (state === 'settled' || state === 'voided') releaseCredential(this.db, saleId)
  }

  /** Records a new sale (draft). Lines are priced here, half-up per line, and never again. */
  open(raw: OpenSale, cashier: string): SaleRow {
    const parsed = OpenSaleSchema.safeParse(raw)
    if (!parsed.success) {
      throw new PosError('SALE_INVALID', `销售单无法开立：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
    }
    const input = parsed.data
    const id = randomUUID()
    const priced = input.lines.map((l, i) => ({ ...l, seq: i + 1, ...priceLine(l) }))
    const medfee = sum(priced.filter((l) => l.insured).map((l) => l.amount))
    const goods = sum(priced.filter((l) => !l.insured).map((l) => l.amount))
    checkSaleAmounts(priced, medfee.plus(goods))
    for (const l of priced) {
      if (l.insured && !l.nationalCode) throw new PosError('LINE_NOT_INSURABLE', `「${l.name}」没有医保目录编码，只能自费购买`)
    }
    this.checkTraceCodesFree(priced.flatMap((l) => l.traceCodes.map((code) => ({ code, name: l.name }))))
    this.db.transaction(() => {
      const m = input.member
      this
        .sql(
          `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, training, psn_no, insuplc_admdvs, insutype, psn_type,
             cert_type, cert_no, name_masked, med_type, acct_used, mulaid_id, mulaid_payer, rxno, pharmacist, rx_external, replaces_sale_id, medfee_fen, goods_fen)
           VALUES (@id, @kind, 'draft', @terminal, @cashier, @at, @at, @training, @psnNo, @insuplc, @insutype, @psnType, @certType, @certNo, @name,
             @medType, @acct, @mulaid, @mulaidPayer, @rxno, @pharmacist, @rxExternal, @replaces, @medfee, @goods)`,
        )
        .run({
          id,
          kind: input.kind,
          terminal: this.opts.terminalId,
          cashier,
          at: this.now(),
          training: this.opts.training?.() ? 1 : 0,
          psnNo: m?.psnNo ?? null,
          insuplc: m?.insuplcAdmdvs ?? null,
          insutype: m?.insutype ?? null,
          psnType: m?.psnType ?? null,
          certType: m?.certType ?? null,
          // The number itself stays in memory (stored-credentials.ts): an ecToken or ID number is never a column.
          certNo: null,
          name: m?.nameMasked ?? null,
          medType: input.medType,
          acct: m && input.acctUsed ? 1 : 0,
          mulaid: (m && input.mulaidId) ?? null,
          mulaidPayer: m && input.mulaidId && input.mulaidPayer ? JSON.stringify(input.mulaidPayer) : null,
          rxno: input.rxno ?? null,
          pharmacist: input.pharmacist ?? null,
          rxExternal: input.rxExternal ? 1 : 0,
          replaces: input.replacesSaleId ?? null,
          medfee: toFen(medfee),
          goods: toFen(goods),
        })
      const insert = this.sql(
        `INSERT INTO sale_lines (sale_id, seq, insured, national_code, store_code, name, qty, price, amount_fen, rx_flag, trace_codes, spec, unit, class, pack_size, lot_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const l of priced) {
        insert.run(
          id,
          l.seq,
          l.insured ? 1 : 0,
          l.nationalCode ?? null,
          l.storeCode,
          l.name,
          l.qty,
          l.price,
          toFen(l.amount),
          l.rxFlag ? 1 : 0,
          JSON.stringify(l.traceCodes),
          l.spec,
          l.unit,
          l.insured ? l.class : 'self',
          l.packSize ?? null,
          l.lotId ?? null,
        )
      }
      this.audit.append({ actor: cashier, action: 'sale.draft', subject: id, detail: { lines: priced.length, medfee: medfee.toFixed(2), goods: goods.toFixed(2) } })
    })()
    if (input.member) holdCredential(this.db, id, input.member.certNo)
    return this.get(id)
  }

  /** A box already sold here (or twice in one cart) is refused before anything is written. */
  private checkTraceCodesFree(codes: { code: string; name: string }[]) {
    const seen = new Set<string>()
    const sold = this.sql('SELECT sale_id FROM sold_trace_codes WHERE code = ?')
    for (const { code, name } of codes) {
      if (seen.has(code)) throw new PosError('TRACE_CODE_DUPLICATE', `追溯码 ${code} 在本单「${name}」中重复扫描，每盒药只扫一次`)
      seen.add(code)
      const row = sold.get(code) as { sale_id: string } | undefined
      if (row) throw new PosError('TRACE_CODE_SOLD', `追溯码 ${code}（${name}）已在销售单 ${row.sale_id.slice(0, 8)} 售出，这盒药不能再次销售，请核对实物`)
    }
  }

  /** Public for the offline queue, which sells the boxes when it queues the sale. */
  holdTraceCodes(saleId: string) {
    const codes = this.lines(saleId).flatMap((l) => JSON.parse(l.trace_codes) as string[])
    const insert = this.sql('INSERT INTO sold_trace_codes (code, sale_id, sold_at) VALUES (?, ?, ?)')
    for (const code of codes) {
      try {
        insert.run(code, saleId, this.now())
      } catch {
        throw new PosError('TRACE_CODE_SOLD', `追溯码 ${code} 已在其他销售单售出，这盒药不能再次销售，请核对实物`)
      }
    }
  }

  private releaseTraceCodes(saleId: string) {
    this.sql('DELETE FROM sold_trace_codes WHERE sale_id = ?').run(saleId)
  }

  /** Cash due at the counter after the platform's part: the person's cash share plus goods outside insurance. */
  private paymentColumns(sale: SaleRow, psnCashFen: number, payment: Payment | undefined) {
    const due = psnCashFen + sale.goods_fen
    if (!payment) return { pay_method: due === 0 ? 'none' : null, cash_due_fen: due, tendered_fen: null, change_fen: null }
    if (payment.method === 'mobile') return { pay_method: 'mobile', cash_due_fen: due, tendered_fen: due, change_fen: 0 }
    const tendered = toFen(yuan(payment.tendered))
    return { pay_method: due === 0 ? 'none' : 'cash', cash_due_fen: due, tendered_fen: tendered, change_fen: tendered - due }
  }

  /** Refuses an amount handed over that no column could hold, before anything is sent or written. */
  private checkTendered(payment: Payment | undefined) {
    if (payment?.method === 'cash' && !withinBound(payment.tendered, 'tendered')) {
      throw new PosError('AMOUNT_TOO_LARGE', `实收金额不能超过 ${BOUNDS.tendered} 元，请核对后重新输入`)
    }
  }

  /** What a settlement was about, for checking that its answer describes it. */
  private saleSent(sale: SaleRow): SaleSent {
    return { psnNo: sale.psn_no ?? '', medfeeSumamt: toWireNumber(fromFen(sale.medfee_fen)) }
  }

  /** A sale with nothing for the platform (goods, or a customer paying cash): settled at the counter. */
  completeWithoutPlatform(saleId: string, actor: string, payment: Payment): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'draft') throw new PosError('SALE_WRONG_STATE', `销售单当前状态为「${s.state}」，不能收款`)
      if (s.medfee_fen > 0) throw new PosError('SALE_NEEDS_PLATFORM', '本单有医保结算的商品，请先预结算')
      this.checkTendered(payment)
      const cols = this.paymentColumns(s, 0, payment)
      if ((cols.change_fen ?? 0) < 0) throw new PosError('TENDERED_TOO_LITTLE', `实收不足，应收 ${fromFen(cols.cash_due_fen).toFixed(2)} 元`)
      this.holdTraceCodes(saleId)
      this.setState(saleId, 'settled', actor, 'paid at the counter', cols)
    })()
    return this.get(saleId)
  }

  /** Adds cash handed over after the settlement asked for more than was tendered (or a payment code did not pay). */
  collectMore(saleId: string, actor: string, extraTendered: string): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      // Settled for a payment code that did not pay: nothing tendered yet, the whole cash part owed.
      const awaitingCode = s.pay_method === null && s.tendered_fen === null && (s.cash_due_fen ?? 0) > 0
      if (s.state !== 'settled' || (!awaitingCode && (s.change_fen === null || s.tendered_fen === null))) throw new PosError('SALE_WRONG_STATE', '这张销售单不需要补收现金')
      this.checkTendered({ method: 'cash', tendered: extraTendered })
      const extra = toFen(yuan(extraTendered))
      this.sql('UPDATE sales SET tendered_fen = ?, change_fen = ?, pay_method = ?, updated_at = ? WHERE id = ?').run(
        (s.tendered_fen ?? 0) + extra,
        (s.change_fen ?? -(s.cash_due_fen ?? 0)) + extra,
        'cash',
        this.now(),
        saleId,
      )
      this.audit.append({ actor, action: 'sale.cash-collected', subject: saleId, detail: { extra: fromFen(extra).toFixed(2) } })
    })()
    return this.get(saleId)
  }

  /**
   * The cash part paid by a payment code, called only with the payment provider's confirmation of this
   * amount: a goods-only draft is completed; a settled sale's owed cash part is recorded as paid.
   */
  recordMobilePaid(saleId: string, actor: string, paidFen: number): void {
    const s = this.get(saleId)
    if (s.state === 'draft' && s.medfee_fen === 0 && paidFen === s.goods_fen) {
      this.holdTraceCodes(saleId)
      this.setState(saleId, 'settled', actor, 'paid by payment code', { pay_method: 'mobile', cash_due_fen: paidFen, tendered_fen: paidFen, change_fen: 0 })
    } else if (s.state === 'settled' && s.pay_method === null && s.tendered_fen === null && s.cash_due_fen === paidFen) {
      this.sql("UPDATE sales SET pay_method = 'mobile', tendered_fen = ?, change_fen = 0, updated_at = ? WHERE id = ?").run(paidFen, this.now(), saleId)
    } else {
      throw new PosError('SALE_WRONG_STATE', `销售单当前状态为「${s.state}」，应付金额与付款不符`)
    }
  }

  /** Refunds a sale the platform never saw (all cash): the money goes back over the counter. */
  refundWithoutPlatform(saleId: string, actor: string, approvedBy: string): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'settled' || s.setl_id) throw new PosError('SALE_WRONG_STATE', '只有已完成的现金销售单可以直接退款')
      this.audit.append({ actor: approvedBy, action: 'refund.approved', subject: saleId, detail: { requestedBy: actor } })
      this.releaseTraceCodes(saleId)
      this.setState(saleId, 'refunded', actor, 'cash refunded at the counter')
    })()
    return this.get(saleId)
  }

  /** Abandons a sale nothing was charged for (draft or presettled). */
  void(saleId: string, actor: string, why: string): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', `销售单当前状态为「${s.state}」，不能作废`)
      this.setState(saleId, 'voided', actor, why)
    })()
    return this.get(saleId)
  }

  /** The 2101/2102 input: insured lines only; ordinary goods never reach the platform. */
  settlementInput(sale: SaleRow): TransactionInput<'2102'> {
    const lines = this.lines(sale.id).filter((l) => l.insured)
    if (!sale.psn_no || !sale.cert_type || !sale.insutype) throw new PosError('SALE_NO_MEMBER', '这张销售单没有医保身份，只能现金收款')
    return {
      data: {
        psn_no: sale.psn_no,
        mdtrt_cert_type: sale.cert_type as '01' | '02' | '03',
        mdtrt_cert_no: heldCredential(this.db, sale.id),
        begntime: wireTimeCst(new Date(sale.created_at)),
        medfee_sumamt: toWireNumber(fromFen(sale.medfee_fen)),
        insutype: sale.insutype,
        med_type: sale.med_type,
        acct_used_flag: sale.acct_used ? '1' : '0',
        ...(sale.mulaid_id ? { mulaid_id: sale.mulaid_id } : {}),
        ...(sale.rxno ? { rxno: sale.rxno } : {}),
      },
      drugdetail: lines.map((l) => ({
        feedetl_sn: `${sale.id.slice(0, 8)}-${l.seq}`,
        med_list_codg: l.national_code!,
        medins_list_codg: l.store_code,
        det_item_fee_sumamt: toWireNumber(fromFen(l.amount_fen)),
        cnt: Number(l.qty),
        pric: Number(l.price),
        rx_flag: l.rx_flag ? '1' : '0',
        ...(l.rx_flag && sale.rxno ? { rxno: sale.rxno, rx_circ_flag: sale.rx_external ? '1' : '0' } : {}),
        ...(JSON.parse(l.trace_codes).length ? { drug_trac_codg: (JSON.parse(l.trace_codes) as string[]).join(',') } : {}),
      })),
    } as TransactionInput<'2102'>
  }

  /** The 2206/2207 input of a clinic visit: the platform settles the lines it holds under the visit's batch. */
  outpatientInput(sale: SaleRow): TransactionInput<'2207'> {
    if (!sale.psn_no || !sale.cert_type || !sale.insutype) throw new PosError('SALE_NO_MEMBER', '这次就诊没有医保身份')
    if (!sale.mdtrt_id) throw new PosError('VISIT_NOT_REGISTERED', '这次就诊还没有在医保平台挂号成功，不能结算')
    return {
      data: {
        psn_no: sale.psn_no,
        mdtrt_cert_type: sale.cert_type as '01' | '02' | '03',
        mdtrt_cert_no: heldCredential(this.db, sale.id),
        med_type: sale.med_type as TransactionInput<'2207'>['data']['med_type'],
        medfee_sumamt: toWireNumber(fromFen(sale.medfee_fen)),
        psn_setlway: '01',
        mdtrt_id: sale.mdtrt_id,
        chrg_bchno: clinicBatchNo(sale.id),
        insutype: sale.insutype as TransactionInput<'2207'>['data']['insutype'],
        acct_used_flag: sale.acct_used ? '1' : '0',
        ...(sale.mulaid_id ? { mulaid_id: sale.mulaid_id } : {}),
      },
    }
  }

  /** One settlement message of either kind; the pharmacy's stays 2101/2102, a clinic visit's is 2206/2207. */
  private settlementCall(sale: SaleRow, commit: boolean, msgid?: string, input?: TransactionInput<'2102'> | TransactionInput<'2207'>) {
    const platform = this.platformLink().platform
    const opts = { msgid, insuplcAdmdvs: sale.insuplc_admdvs ?? undefined, sale: this.saleSent(sale) }
    if (sale.kind === 'clinic') {
      return platform.call(commit ? '2207' : '2206', (input as TransactionInput<'2207'> | undefined) ?? this.outpatientInput(sale), opts)
    }
    return platform.call(commit ? '2102' : '2101', (input as TransactionInput<'2102'> | undefined) ?? this.settlementInput(sale), opts)
  }

  /** 2101 (2206 for a visit): shows the split before anything is charged. Moves no money, so nothing to journal but the answer. */
  async presettle(saleId: string, actor: string) {
    const sale = this.get(saleId)
    if (sale.state !== 'draft' && sale.state !== 'presettled') {
      throw new PosError('SALE_WRONG_STATE', `销售单当前状态为「${sale.state}」，不能预结算`)
    }
    const { output } = await this.settlementCall(sale, false)
    this.db.transaction(() => this.setState(saleId, 'presettled', actor, 'presettled', { presettle: JSON.stringify(output) }))()
    return output
  }

  /** 2102 exactly once: intent on disk first, answer on disk before anyone prints. */
  async settle(saleId: string, actor: string, payment?: Payment): Promise<ReadSetlinfo> {
    this.checkTendered(payment)
    await this.hook('before-intent', saleId)
    const { msgid, sale, input } = this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', '请先预结算，确认金额后再结算')
      const id = this.platformLink().msgids.next()
      const req = s.kind === 'clinic' ? this.outpatientInput(s) : this.settlementInput(s)
      this.insertMessage(id, saleId, s.kind === 'clinic' ? '2207' : '2102', req)
      this.holdTraceCodes(saleId)
      this.setState(saleId, 'settling', actor, 'intent to settle', {})
      return { msgid: id, sale: s, input: req }
    })()
    await this.hook('after-intent', saleId)

    let answer: Awaited<ReturnType<PlatformClient['call']>> & { output: { setlinfo: ReadSetlinfo } }
    try {
      const call = this.settlementCall(sale, true, msgid, input)
      await this.hook('after-send', saleId)
      answer = await call
    } catch (e) {
      return this.settleFailed(e, saleId, msgid, actor)
    }
    await this.hook('after-answer', saleId)
    const setlinfo = answer.output.setlinfo
    // Every column is derived before the write: the answer was checked against the sale (cash ≤ total),
    // and the tendered amount was bounded before sending, so nothing below can fail on the answer's content.
    const columns = {
      setl_id: setlinfo.setl_id,
      mdtrt_id: setlinfo.mdtrt_id,
      settled_msgid: msgid,
      setlinfo: JSON.stringify(setlinfo),
      ...this.paymentColumns(sale, toFen(yuan(setlinfo.psn_cash_pay)), payment),
    }
    try {
      this.db.transaction(() => {
        this.markMessage(msgid, 'answered', { response: setlinfo, raw: answer.raw })
        this.setState(saleId, 'settled', actor, 'platform settled', columns)
        if (answer.oddities.length) this.reviews.note(msgid, saleId, answer.oddities, 'odd', answer.raw)
        this.opts.onAnswered?.(saleId, 'settled')
      })()
    } catch (e) {
      this.keepUnrecordedAnswer(msgid, saleId, answer.raw, e)
    }
    await this.hook('after-store', saleId)
    return setlinfo
  }

  /**
   * The platform committed but the answer's transaction failed (not on the answer's content, which was
   * checked before: a full disk, or what must follow the answer could not be queued). The message stays
   * open, so recovery reverses it as before; the raw answer is kept beside it and the manager told.
   */
  private keepUnrecordedAnswer(msgid: string, saleId: string, raw: unknown, e: unknown): never {
    try {
      this.db.transaction(() => {
        this.sql('UPDATE platform_messages SET raw_answer = ?, updated_at = ? WHERE msgid = ?').run(JSON.stringify(raw), this.now(), msgid)
        this.reviews.note(msgid, saleId, [`医保平台已结算，但本机未能记录结算结果：${(e as Error).message ?? String(e)}`], 'unrecorded', raw)
      })()
    } catch {
      // Nothing more can be written; the open message is reversed at start-up all the same.
    }
    throw e
  }

  private async settleFailed(e: unknown, saleId: string, msgid: string, actor: string): Promise<never> {
    if (e instanceof PlatformError && !e.outcomeUnknown) {
      this.db.transaction(() => {
        this.markMessage(msgid, 'refused', { error: e.message, raw: e.answer?.raw })
        this.releaseTraceCodes(saleId)
        this.setState(saleId, 'draft', actor, `platform refused: ${e.code}`)
      })()
      throw e
    }
    const reason = e instanceof Error ? e.message : String(e)
    const rejected = e instanceof PlatformError && e.failure === 'rejected' ? e : null
    this.db.transaction(() => {
      this.markMessage(msgid, 'unknown', { error: reason, raw: e instanceof PlatformError ? e.answer?.raw : undefined })
      if (rejected) this.reviews.note(msgid, saleId, [...(rejected.answer?.reasons ?? []), ...(rejected.answer?.oddities ?? [])], 'rejected', rejected.answer?.raw)
      this.setState(saleId, 'reversing', actor, rejected ? 'answer rejected; reversing' : 'answer lost; reversing')
    })()
    const outcome = await this.reverse(msgid, this.inlineAttempts)
    if (rejected) {
      const why = rejected.answer?.reasons.join('；') ?? ''
      throw new PosError(
        outcome === 'reversed' ? 'SETTLEMENT_ANSWER_REJECTED' : 'SETTLEMENT_ANSWER_REJECTED_UNRESOLVED',
        outcome === 'reversed'
          ? `医保平台的结算应答与本单不符（${why}），本次结算已冲正，没有收款也没有打印小票。已记录交店长核查，请重新预结算。`
          : `医保平台的结算应答与本单不符（${why}），正在后台冲正。冲正完成前请不要收款或重复结算，已记录交店长核查。`,
      )
    }
    if (outcome === 'reversed') {
      throw new PosError('SETTLEMENT_REVERSED', '医保平台没有及时应答，本次结算已冲正，顾客没有被扣款。请重新预结算后再结算。')
    }
    throw new PosError('SETTLEMENT_UNRESOLVED', '医保平台没有应答，正在后台冲正本次结算。冲正完成前请不要重复收费，可先接待下一位顾客。')
  }

  /**
   * Store-and-forward (electron/core/offline): a sale queued offline settles later under the msgid it got
   * when it was queued, resent as the very same message until the platform answers (never reversed: a
   * resend under the same msgid is how the queue asks). The message is journaled here with its answer,
   * inside the caller's transaction, so the sale and the journal agree. The boxes were held when queued.
   */
  recordQueuedSettlement(
    saleId: string,
    actor: string,
    m: { msgid: string; request: unknown; setlinfo: Setlinfo },
    pay: { method: 'cash' | 'mobile' | 'none'; tenderedFen: number },
  ): void {
    const s = this.get(saleId)
    if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', `离线销售单当前状态为「${s.state}」，不能记录结算结果`)
    // Answered, the queued message is never sent again: its sealed ID number goes with this commit.
    this.sql(withholdSealed('offline_queue')).run(m.msgid)
    this.insertMessage(m.msgid, saleId, '2102', m.request)
    this.markMessage(m.msgid, 'answered', { response: m.setlinfo })
    const due = toFen(yuan(String(m.setlinfo.psn_cash_pay))) + s.goods_fen
    this.setState(saleId, 'settled', actor, 'queued sale settled', {
      setl_id: m.setlinfo.setl_id,
      mdtrt_id: m.setlinfo.mdtrt_id,
      settled_msgid: m.msgid,
      setlinfo: JSON.stringify(m.setlinfo),
      pay_method: pay.method,
      cash_due_fen: due,
      tendered_fen: pay.tenderedFen,
      change_fen: pay.tenderedFen - due,
    })
  }

  /**
   * The platform declined a queued sale: journaled with the refusal, and the sale stands as self-paid at
   * the full price (the boxes left the store). What the customer paid offline is what was tendered; a
   * shortfall (advance mode) is owed like any sale that asked for more cash, and a cash refund works as
   * for any sale the platform never settled.
   */
  recordQueuedDecline(saleId: string, actor: string, m: { msgid: string; request: unknown; reason: string }, pay: { method: 'cash' | 'mobile' | 'none'; paidFen: number }): void {
    const s = this.get(saleId)
    if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', `离线销售单当前状态为「${s.state}」，不能记录结算结果`)
    // Declined, the queued message is never sent again: its sealed ID number goes with this commit.
    this.sql(withholdSealed('offline_queue')).run(m.msgid)
    this.insertMessage(m.msgid, saleId, '2102', m.request)
    this.markMessage(m.msgid, 'refused', { error: m.reason })
    const due = s.medfee_fen + s.goods_fen
    this.setState(saleId, 'settled', actor, `queued sale declined, self-paid: ${m.reason}`, {
      pay_method: pay.method === 'none' ? 'cash' : pay.method,
      cash_due_fen: due,
      tendered_fen: pay.paidFen,
      change_fen: pay.paidFen - due,
    })
  }

  /** Whole refund (2103): restores funds, account and the relative's quota. Needs a manager's approval. */
  async refund(saleId: string, actor: string, approvedBy: string): Promise<void> {
    const { msgid, sale, input } = this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'settled' || !s.setl_id || !s.mdtrt_id || !s.psn_no) throw new PosError('SALE_WRONG_STATE', '只有已结算的医保销售单可以由医保退费')
      refusedIfRefundedElsewhere(this.db, saleId)
      const id = this.platformLink().msgids.next()
      const req: TransactionInput<'2103'> = { data: { setl_id: s.setl_id, mdtrt_id: s.mdtrt_id, psn_no: s.psn_no } }
      this.insertMessage(id, saleId, s.kind === 'clinic' ? '2208' : '2103', req)
      this.setState(saleId, 'refunding', actor, 'intent to refund', {})
      this.audit.append({ actor: approvedBy, action: 'refund.approved', subject: saleId, detail: { requestedBy: actor } })
      return { msgid: id, sale: s, input: req }
    })()
    const infno = sale.kind === 'clinic' ? '2208' : '2103'
    try {
      const { output, raw, oddities } = await this.platformLink().platform.call(infno, input, { msgid, insuplcAdmdvs: sale.insuplc_admdvs ?? undefined, sale: this.saleSent(sale) })
      this.db.transaction(() => {
        this.markMessage(msgid, 'answered', { response: output.setlinfo, raw })
        if (oddities.length) this.reviews.note(msgid, saleId, oddities, 'odd', raw)
        this.releaseTraceCodes(saleId)
        this.setState(saleId, 'refunded', actor, 'platform refunded')
        this.opts.onAnswered?.(saleId, 'refunded')
      })()
    } catch (e) {
      if (e instanceof PlatformError && !e.outcomeUnknown) {
        this.db.transaction(() => {
          this.markMessage(msgid, 'refused', { error: e.message, raw: e.answer?.raw })
          this.setState(saleId, 'settled', actor, `refund refused: ${e.code}`)
        })()
        throw e
      }
      this.db.transaction(() => {
        this.markMessage(msgid, 'unknown', { error: String((e as Error).message ?? e), raw: e instanceof PlatformError ? e.answer?.raw : undefined })
        if (e instanceof PlatformError && e.failure === 'rejected') this.reviews.note(msgid, saleId, e.answer?.reasons ?? [], 'rejected', e.answer?.raw)
      })()
      const outcome = await this.reverse(msgid, this.inlineAttempts)
      if (e instanceof PlatformError && e.failure === 'rejected') {
        throw new PosError(
          'REFUND_ANSWER_REJECTED',
          `医保平台的退费应答与原结算不符（${e.answer?.reasons.join('；') ?? ''}），${outcome === 'reversed' ? '退费已冲正，原结算仍然有效' : '正在后台冲正本次退费'}。已记录交店长核查，请不要退还现金。`,
        )
      }
      if (outcome === 'reversed') throw new PosError('REFUND_REVERSED', '医保平台没有及时应答，退费已冲正，原结算仍然有效。请稍后重新退费。')
      throw new PosError('REFUND_UNRESOLVED', '医保平台没有应答，正在后台冲正本次退费。')
    }
  }

  /**
   * Sends 2601 for a message whose outcome is unknown, under one 2601 msgid kept on disk, until the
   * platform answers or the attempts run out. Then the sale is open again (or, for a refund, settled).
   */
  async reverse(omsgid: string, maxAttempts = Infinity): Promise<'reversed' | 'unresolved'> {
    const key = `${this.db.name}\u0000${omsgid}`
    const running = reversalsInFlight.get(key)
    if (running) return running
    const attempt = this.reverseOnce(omsgid, maxAttempts).finally(() => reversalsInFlight.delete(key))
    reversalsInFlight.set(key, attempt)
    return attempt
  }

  private async reverseOnce(omsgid: string, maxAttempts: number): Promise<'reversed' | 'unresolved'> {
    const original = this.sql('SELECT * FROM platform_messages WHERE msgid = ?').get(omsgid) as MessageRow | undefined
    if (!original) throw new PosError('MESSAGE_NOT_FOUND', `找不到报文 ${omsgid}`)
    if (original.state === 'reversed') return 'reversed'
    if (!REVERSIBLE.has(original.infno)) throw new PosError('NOT_REVERSIBLE', `${original.infno} 交易不能冲正`)
    const sale = this.get(original.sale_id)
    const reversal = this.db.transaction(() => {
      const existing = this
        .sql("SELECT * FROM platform_messages WHERE infno = '2601' AND json_extract(request, '$.data.omsgid') = ?")
        .get(omsgid) as MessageRow | undefined
      if (existing) return existing
      const id = this.platformLink().msgids.next()
      const req: TransactionInput<'2601'> = { data: { psn_no: sale.psn_no ?? '', omsgid, oinfno: original.infno } }
      this.insertMessage(id, sale.id, '2601', req)
      return this.sql('SELECT * FROM platform_messages WHERE msgid = ?').get(id) as MessageRow
    })()
    let delay = this.backoffMs
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      this.sql('UPDATE platform_messages SET attempts = attempts + 1, updated_at = ? WHERE msgid = ?').run(this.now(), reversal.msgid)
      try {
        const { output, raw } = await this.platformLink().platform.call('2601', JSON.parse(reversal.request) as TransactionInput<'2601'>, {
          msgid: reversal.msgid,
          insuplcAdmdvs: sale.insuplc_admdvs ?? undefined,
        })
        this.db.transaction(() => {
          this.markMessage(reversal.msgid, 'answered', { response: output, raw })
          this.markMessage(omsgid, 'reversed', {})
          const isRefund = original.infno === '2103' || original.infno === '2208'
          if (!isRefund) this.releaseTraceCodes(sale.id)
          this.setState(sale.id, isRefund ? 'settled' : 'draft', 'system', `reversed ${original.infno} ${omsgid} (${output.data.rslt ?? 'infcode 0'})`)
        })()
        return 'reversed'
      } catch (e) {
        if (e instanceof PlatformError && e.failure === 'refused') {
          // The platform will not reverse (it says why); a person has to look at it.
          this.sql('UPDATE platform_messages SET error = ?, updated_at = ? WHERE msgid = ?').run(e.message, this.now(), reversal.msgid)
        }
        if (attempt >= maxAttempts) break
        // Jitter keeps a room of terminals from retrying in step after an outage.
        await this.sleep(delay / 2 + Math.random() * (delay / 2))
        delay = Math.min(delay * 2, this.maxBackoffMs)
      }
    }
    return 'unresolved'
  }

  /**
   * Every money-moving message left between intent and answer, resolved before the counter takes a new
   * sale. A visit's own messages (2201-2205) are not reversible: the front desk resends them instead.
   */
  async recover(maxAttemptsEach = Infinity, kind?: SaleRow['kind']): Promise<RecoveryOutcome[]> {
    const open = this
      .sql(
        `SELECT m.* FROM platform_messages m JOIN sales s ON s.id = m.sale_id
         WHERE m.state IN ('intent', 'unknown') AND m.infno IN ('2102', '2103', '2207', '2208') AND (@kind IS NULL OR s.kind = @kind)
         ORDER BY m.created_at`,
      )
      .all({ kind: kind ?? null }) as MessageRow[]
    const outcomes: RecoveryOutcome[] = []
    for (const m of open) {
      this.db.transaction(() => {
        this.markMessage(m.msgid, 'unknown', { error: 'found unresolved at start-up' })
        const s = this.get(m.sale_id)
        if (s.state !== 'reversing') this.setState(s.id, 'reversing', 'system', 'recovery at start-up')
      })()
      const outcome = await this.reverse(m.msgid, maxAttemptsEach)
      outcomes.push({ saleId: m.sale_id, msgid: m.msgid, infno: m.infno, outcome, state: this.get(m.sale_id).state })
    }
    return outcomes
  }

  // ---- clinic visits: the registration, diagnosis and fee uploads live in the journal too

  /** Records a new visit (draft, no fee lines yet) before its registration (2201) is sent. */
  openVisit(
    input: { member: Member; medType: string; acctUsed: boolean; mulaidId?: string; mulaidPayer?: { payerNameMasked: string; relation: string } },
    cashier: string,
  ): SaleRow {
    const id = randomUUID()
    const m = input.member
    this.db.transaction(() => {
      this
        .sql(
          `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, training, psn_no, insuplc_admdvs, insutype, psn_type,
             cert_type, cert_no, name_masked, med_type, acct_used, mulaid_id, mulaid_payer, medfee_fen, goods_fen)
           VALUES (@id, 'clinic', 'draft', @terminal, @cashier, @at, @at, @training, @psnNo, @insuplc, @insutype, @psnType, @certType, @certNo, @name,
             @medType, @acct, @mulaid, @mulaidPayer, 0, 0)`,
        )
        .run({
          id,
          terminal: this.opts.terminalId,
          cashier,
          at: this.now(),
          training: this.opts.training?.() ? 1 : 0,
          psnNo: m.psnNo,
          insuplc: m.insuplcAdmdvs,
          insutype: m.insutype,
          psnType: m.psnType,
          certType: m.certType,
          certNo: null,
          name: m.nameMasked,
          medType: input.medType,
          acct: input.acctUsed ? 1 : 0,
          mulaid: input.mulaidId ?? null,
          mulaidPayer: input.mulaidId && input.mulaidPayer ? JSON.stringify(input.mulaidPayer) : null,
        })
      this.audit.append({ actor: cashier, action: 'visit.opened', subject: id, detail: { medType: input.medType } })
    })()
    holdCredential(this.db, id, m.certNo)
    return this.get(id)
  }

  private requireOpenVisit(saleId: string): SaleRow {
    const s = this.get(saleId)
    if (s.kind !== 'clinic') throw new PosError('SALE_WRONG_KIND', '这不是门诊就诊记录')
    if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', `就诊当前状态为「${s.state}」，不能修改`)
    return s
  }

  /**
   * Changes a visit not yet settled (visit id, med_type, how the person pays). Any change drops the
   * pre-settlement: the amounts it showed may no longer hold. Call inside the caller's transaction.
   */
  updateVisit(
    saleId: string,
    actor: string,
    patch: { mdtrtId?: string; medType?: string; acctUsed?: boolean; mulaidId?: string | null; mulaidPayer?: { payerNameMasked: string; relation: string } | null },
  ): void {
    this.requireOpenVisit(saleId)
    const cols: Record<string, unknown> = { presettle: null }
    if (patch.mdtrtId !== undefined) cols.mdtrt_id = patch.mdtrtId
    if (patch.medType !== undefined) cols.med_type = patch.medType
    if (patch.acctUsed !== undefined) cols.acct_used = patch.acctUsed ? 1 : 0
    if (patch.mulaidId !== undefined) {
      cols.mulaid_id = patch.mulaidId
      cols.mulaid_payer = patch.mulaidId && patch.mulaidPayer ? JSON.stringify(patch.mulaidPayer) : null
    }
    this.setState(saleId, 'draft', actor, 'visit changed', cols)
  }

  /** Replaces a visit's live fee lines (seq fixed by the caller, never reused) and its total. */
  setClinicLines(saleId: string, actor: string, lines: (SaleLineInput & { seq: number })[]): void {
    this.requireOpenVisit(saleId)
    const priced = lines.map((l) => ({ ...l, amount: round2(yuan(l.qty).times(l.price)) }))
    checkSaleAmounts(priced, sum(priced.map((l) => l.amount)))
    this.sql('DELETE FROM sale_lines WHERE sale_id = ?').run(saleId)
    const insert = this.sql(
      `INSERT INTO sale_lines (sale_id, seq, insured, national_code, store_code, name, qty, price, amount_fen, rx_flag, trace_codes, spec, unit, class)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`,
    )
    for (const l of priced) {
      if (!l.nationalCode) throw new PosError('LINE_NOT_INSURABLE', `「${l.name}」没有医保编码，不能记入门诊费用`)
      insert.run(saleId, l.seq, l.nationalCode, l.storeCode, l.name, l.qty, l.price, toFen(l.amount), l.rxFlag ? 1 : 0, l.spec ?? '', l.unit ?? '', l.class ?? 'self')
    }
    this.setState(saleId, 'draft', actor, 'fee lines changed', { presettle: null, medfee_fen: toFen(sum(priced.map((l) => l.amount))) })
  }

  /**
   * A visit's message (2201-2205), journaled like a settlement: intent on disk first, answer on disk
   * with the visit's own state. A lost answer is asked again under the same msgid (the platform
   * answers a repeated message with its stored answer and does nothing twice), never under a new one.
   */
  async sendVisitMessage<I extends VisitInfno>(
    saleId: string,
    infno: I,
    input: TransactionInput<I>,
    actor: string,
    handlers: VisitMessageHandlers<I>,
    attempts = this.inlineAttempts,
  ): Promise<AnswerOutput<I>> {
    const sale = this.get(saleId)
    const msgid = this.db.transaction(() => {
      const id = this.platformLink().msgids.next()
      this.insertMessage(id, saleId, infno, input)
      handlers.intent?.()
      this.audit.append({ actor, action: `visit.${infno}`, subject: saleId, detail: { msgid: id } })
      return id
    })()
    await this.hook('after-intent', saleId)
    return this.deliverVisitMessage({ msgid, saleId, infno, request: input }, sale.insuplc_admdvs, handlers, attempts)
  }

  /** Visit messages whose answer never reached the disk, oldest first. */
  openVisitMessages(): OpenVisitMessage[] {
    const rows = this
      .sql(`SELECT * FROM platform_messages WHERE state IN ('intent', 'unknown') AND infno IN (${VISIT_INFNOS.map((i) => `'${i}'`).join(', ')}) ORDER BY created_at`)
      .all() as MessageRow[]
    // A message whose credential cannot be given back (written without the vault, or sealed by a keychain
    // since lost) is left out, so it cannot hold up the others, and stays open, counted as unresolved.
    return rows.flatMap((r) => {
      try {
        return [{ msgid: r.msgid, saleId: r.sale_id, infno: r.infno as VisitInfno, request: sendableRequest(this.db, r.sale_id, r.request) }]
      } catch (e) {
        if (e instanceof PosError) return []
        throw e
      }
    })
  }

  /** Sends an open visit message again, exactly as written, under its own msgid. */
  resendVisitMessage<I extends VisitInfno>(m: OpenVisitMessage & { infno: I }, handlers: VisitMessageHandlers<I>, attempts: number) {
    return this.deliverVisitMessage(m, this.get(m.saleId).insuplc_admdvs, handlers, attempts)
  }

  private async deliverVisitMessage<I extends VisitInfno>(
    m: { msgid: string; saleId: string; infno: I; request: unknown },
    insuplcAdmdvs: string | null,
    handlers: VisitMessageHandlers<I>,
    attempts: number,
  ): Promise<AnswerOutput<I>> {
    let delay = this.backoffMs
    for (let attempt = 1; ; attempt++) {
      this.sql('UPDATE platform_messages SET attempts = attempts + 1, updated_at = ? WHERE msgid = ?').run(this.now(), m.msgid)
      try {
        const call = this.platformLink().platform.call(m.infno, m.request as TransactionInput<I>, { msgid: m.msgid, insuplcAdmdvs: insuplcAdmdvs ?? undefined })
        await this.hook('after-send', m.saleId)
        const answer = await call
        const output = answer.output
        await this.hook('after-answer', m.saleId)
        this.db.transaction(() => {
          this.markMessage(m.msgid, 'answered', { response: output, raw: answer.raw })
          handlers.answered(output, m.msgid)
        })()
        await this.hook('after-store', m.saleId)
        return output
      } catch (e) {
        if (e instanceof PlatformError && !e.outcomeUnknown) {
          this.db.transaction(() => {
            this.markMessage(m.msgid, 'refused', { error: e.message })
            handlers.refused?.(e.message)
          })()
          throw e
        }
        if (!(e instanceof PlatformError)) throw e
        this.markMessage(m.msgid, 'unknown', { error: e.message })
        if (attempt >= attempts) {
          throw new PosError('VISIT_MESSAGE_UNRESOLVED', `医保平台没有应答（${m.infno}），系统会用同一报文在后台重新确认，不会重复登记。请稍后刷新这次就诊再继续。`)
        }
        await this.sleep(delay / 2 + Math.random() * (delay / 2))
        delay = Math.min(delay * 2, this.maxBackoffMs)
      }
    }
  }

  private insertMessage(msgid: string, saleId: string, infno: string, request: unknown) {
    this
      .sql("INSERT INTO platform_messages (msgid, sale_id, infno, state, request, created_at, updated_at) VALUES (?, ?, ?, 'intent', ?, ?, ?)")
      .run(msgid, saleId, infno, storableRequest(this.db, request, (VISIT_INFNOS as readonly string[]).includes(infno) ? 'open-visit' : 'none'), this.now(), this.now())
  }

  /** raw is the answer as it came (kept first, so what the platform said survives any reading of it). */
  private markMessage(msgid: string, state: MessageRow['state'], extra: { response?: unknown; error?: string; raw?: unknown }) {
    // Decided (answered, refused, reversed), the message is never resent: a credential kept sealed for a resend goes.
    if (state !== 'intent' && state !== 'unknown') this.sql(withholdSealed('platform_messages')).run(msgid)
    this
      .sql(
        'UPDATE platform_messages SET state = ?, raw_answer = COALESCE(?, raw_answer), response = COALESCE(?, response), error = COALESCE(?, error), updated_at = ? WHERE msgid = ?',
      )
      .run(
        state,
        extra.raw === undefined ? null : JSON.stringify(extra.raw),
        extra.response === undefined ? null : JSON.stringify(extra.response),
        extra.error ?? null,
        this.now(),
        msgid,
      )
  }
}

/** A line's amount and the unit price it is recorded with; a 拆零 line is priced from its box (shared/stock/split-pack.ts). */
function priceLine(l: { qty: string; price: string; packSize?: number }): { amount: Money; price: string } {
  if (l.packSize === undefined) return { amount: round2(yuan(l.qty).times(l.price)), price: l.price }
  return { amount: splitAmount(l.price, l.packSize, l.qty), price: splitUnitPrice(l.price, l.packSize) }
}
