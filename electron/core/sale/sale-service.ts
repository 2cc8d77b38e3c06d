import { type CredentialInput, type PlatformTarget, practiceCodes, PlatformError } from '../platform'
import { PosError } from '../../../shared/contract'
import { LINE_CLASS_OF, type CatalogItem } from '../../../shared/catalog/schemas'
import type { JournalStatus, MemberView, PrescriptionView, SaleView } from '../../../shared/contract/sale/schemas'
import { CartLineSchema, OpenSaleInputSchema } from '../../../shared/contract/sale/schemas'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { SaleLineInput } from '../../../shared/sale/schemas'
import { isInsuredItem, needsPrescription, traceCodesNeeded } from '../../../shared/sale/checkout-rule'
import { type SaleJournal, type RecoveryPart, JournalPerTarget, type SettlingServiceDeps } from '../journal'
import { salesInFlightCount, salesOpenedBetween, type SaleRow, priceLine } from '../ledger'
import type { Caller, Logger } from '../transport'
import { advanceRefusal, estimateSale, offlineReceipt, SNAPSHOT_MAX_AGE_DAYS, type Estimate, type OfflineService, type StorePromises } from '../offline'
import type { SaleStock } from '../stock'
import type { OfflineQuote, OfflineSaleView } from '../../../shared/contract/offline/schemas'
import { cstDay, cstDayRange } from './cst'
import { MemberRegistry } from './member-registry'
import { PrescriptionStore } from './prescription-store'
import { DiscountStore } from './discount-store'
import { approvalRefusal, needsApproval, workDiscounts } from './discounts'
import { receiptOf, refundSlipOf } from './receipt'
import { refusedIfRefundedElsewhere } from './refunded-elsewhere'
import { refundedElsewhereOf } from './refunded-elsewhere-store'
import { saleView } from './sale-view'
import { PHARMACY_WIRE } from './wire'
import type { z } from 'zod'
import type { MobileSaleSide } from '../payment'

/** A cashier waits for this many reversal attempts before the sale is left to background recovery. */
const INLINE_REVERSALS = 3
/** The journal's words for a lost answer: evidence that the line failed, though the error is the journal's. */
const LOST_ANSWER_CODES = new Set(['SETTLEMENT_REVERSED', 'SETTLEMENT_UNRESOLVED', 'REFUND_REVERSED', 'REFUND_UNRESOLVED'])
/** The demo people a trainee practises the counter with, and what each one shows. */
const TRAINING_MEMBERS = {
  wangFather: '居民医保退休老人，女儿（苏州职工）为他设置了共济额度',
  liRetired: '退休职工，个人账户余额少，儿子（北京）设置了共济额度',
  zhangHusband: '在职职工，与妻子互设共济额度',
  liuWife: '在职职工，与丈夫互设共济额度',
  sunMother: '居民医保，共济关系已因儿子转移参保而终止',
}

/** The replacement of a partial return is dispensed under the same prescription, as registered. */
function prescriptionAgain(rx: PrescriptionView | null) {
  if (!rx) return undefined
  const { pharmacistUserId, rxno, ...rest } = rx
  return { ...rest, rxno: rxno ?? undefined, pharmacist: pharmacistUserId ?? rx.pharmacist }
}

/** The 付款码 payments of the counter's sales, as the sale needs them (electron/core/payment/). */
export interface MobilePayments {
  isOpen(saleId: string): boolean
  refund(saleId: string, reason: string, caller: Caller): Promise<unknown>
}

export interface SaleServiceDeps extends SettlingServiceDeps {
  log: Logger
  /** Store-and-forward: connectivity evidence, member snapshots, the queue (and its traceability uploads). */
  offline: OfflineService
  /** Lots and the movement ledger: taken in the transaction that settles a sale, given back in the refund's. */
  stock?: SaleStock
}

/**
 * The counter's sales, from cart to receipt: identity, pricing from the catalog, the journal's
 * exactly-once settlement, payment, the receipt, refunds and returns, and start-up recovery.
 */
export class SaleService implements MobileSaleSide {
  private readonly members: MemberRegistry
  private readonly prescriptions: PrescriptionStore
  private readonly discounts: DiscountStore
  private mobile: MobilePayments | undefined
  private readonly journals: JournalPerTarget
  private platformError: string | null = null

  constructor(private readonly deps: SaleServiceDeps) {
    this.prescriptions = new PrescriptionStore(deps.db)
    this.discounts = new DiscountStore(deps.db)
    this.members = new MemberRegistry(deps.clock, (idCardNo, snapshot) => deps.offline.snapshots.remember(idCardNo, snapshot))
    // The stock uploads (3505/3506) of an insured sale or its refund are queued in the very transaction that
    // records the platform's answer: a crash in between cannot lose them.
    // Stock moves first, so an upload built in the same transaction can name the lots it came from.
    this.journals = new JournalPerTarget(deps, INLINE_REVERSALS, { pharmacy: PHARMACY_WIRE }, (saleId, outcome) => {
      if (outcome === 'settled') deps.stock?.taken(saleId, 'platform', false)
      else deps.stock?.returned(saleId, 'platform')
      deps.offline.queue.enqueueUploads(saleId, outcome === 'settled' ? '3505' : '3506')
    })
  }

  /** The payment-code side, built after this service because it records its payments through it. */
  useMobilePayments(mobile: MobilePayments) {
    this.mobile = mobile
  }

  private noMobileInFlight(saleId: string) {
    if (this.mobile?.isOpen(saleId)) throw new PosError('MOBILE_PAY_IN_PROGRESS', { why: 'pending' })
  }

  // ---- the cash part by payment code (MobileSaleSide)

  mobileDue(saleId: string): number {
    const sale = this.deps.ledger.get(saleId)
    if (sale.kind !== 'pharmacy') throw new PosError('SALE_WRONG_STATE', { why: 'mobileNotPharmacy' })
    this.notQueued(saleId)
    if (sale.state === 'draft' && sale.medfee_fen === 0) return sale.goods_fen
    if (sale.state === 'settled' && sale.pay_method === null && sale.tendered_fen === null) return sale.cash_due_fen ?? 0
    if (sale.state === 'draft' || sale.state === 'presettled') throw new PosError('SALE_WRONG_STATE', { why: 'mobileInsuredFirst' })
    throw new PosError('SALE_WRONG_STATE', { why: 'noCashDue', state: sale.state })
  }

  recordMobilePaid(saleId: string, actor: string, paidFen: number): void {
    const before = this.deps.ledger.get(saleId).state
    this.deps.ledger.recordMobilePaid(saleId, actor, paidFen)
    if (before === 'draft') this.deps.stock?.taken(saleId, actor, true)
  }

  mobilePaid(saleId: string, caller: Caller): void {
    this.printIfPaid(saleId, caller)
    this.changed(saleId)
  }

  /** Every answer or failure of the platform is evidence for the connectivity view. */
  private async observed<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      const r = await work()
      this.deps.offline.observe(null, Date.now() - started)
      return r
    } catch (e) {
      const code = (e as { code?: string }).code ?? ''
      if (e instanceof PlatformError) this.deps.offline.observe(e, Date.now() - started)
      else if (LOST_ANSWER_CODES.has(code)) this.deps.offline.observe(new PlatformError('lost', (e as Error).message), Date.now() - started)
      throw e
    }
  }

  /** An offline sale waiting for the platform is the queue's: nobody settles, voids or refunds it at the counter. */
  private notQueued(saleId: string) {
    if (this.deps.offline.queue.isWaiting(saleId)) {
      throw new PosError('OFFLINE_WAITING')
    }
  }

  private async target(): Promise<{ t: PlatformTarget; journal: SaleJournal }> {
    let t: PlatformTarget
    try {
      t = await this.deps.connection.current()
      this.platformError = null
    } catch (e) {
      this.platformError = (e as Error).message
      throw e
    }
    return { t, journal: this.journals.for(t) }
  }

  view(saleId: string): SaleView {
    const j = this.deps.ledger
    const sale = j.get(saleId)
    const job = this.deps.printer.jobs({ saleId, limit: 1 })[0]
    const elsewhere = refundedElsewhereOf(this.deps.db, saleId)
    const view = saleView(sale, j.lines(saleId), job ? job.id : null, this.prescriptions.of(sale), {
      lines: this.discounts.lineFen(saleId),
      sale: this.discounts.of(saleId),
    })
    return { ...view, ...(elsewhere ? { refundedElsewhere: elsewhere } : {}) }
  }

  /** The journal's lines with the fen each discount took off, for the receipt's 原价/折扣. */
  private linesWithDiscounts(saleId: string) {
    const off = this.discounts.lineFen(saleId)
    return this.deps.ledger.lines(saleId).map((l) => ({ ...l, discount_fen: off.get(l.seq) ?? 0 }))
  }

  private changed(saleId: string): SaleView {
    const sale = this.view(saleId)
    this.deps.events.emit('saleChanged', { sale })
    return sale
  }

  // ---- identity

  async identify(by: CredentialInput): Promise<MemberView> {
    const { t } = await this.target()
    return this.observed(() =>
      this.members.identify(t.client, this.deps.settings().admdvs, by, { storeChosenRelative: this.deps.settings().storeChosenRelative }),
    )
  }

  async trainingMembers() {
    if (!this.deps.settings().trainingMode) throw new PosError('NOT_TRAINING', { why: 'practiceCodes' })
    await this.target()
    return practiceCodes(this.deps.connection.trainingSandbox, TRAINING_MEMBERS, this.deps.clock.now())
  }

  // ---- the sale

  private item(storeCode: string): CatalogItem {
    const item = this.deps.catalog.findByStoreCode(storeCode)
    if (!item) throw new PosError('CATALOG_ITEM_NOT_FOUND', { storeCode, at: 'sale' })
    return item
  }

  /** 拆零 needs the box size the stock keeps for the item (a box of one cannot be split). */
  private splitPack(item: CatalogItem) {
    const split = this.deps.stock?.splitPack(item.storeCode)
    if (!split) throw new PosError('STOCK_SPLIT_UNAVAILABLE', { name: item.name })
    return split
  }

  /** Opens a sale; a manager's id and PIN for its discounts are checked (and audited) before anything is written. */
  async openSale(raw: z.input<typeof OpenSaleInputSchema>, caller: Caller): Promise<SaleView> {
    const input = OpenSaleInputSchema.parse(raw)
    const approvedBy = input.discountApproval ? await this.deps.session.approve(input.discountApproval, '折扣/改价', 'sale-discount') : undefined
    return this.open(input, caller, undefined, approvedBy)
  }

  /**
   * `approvedBy`: the manager who approved the discounts (a partial return's replacement carries the original's
   * discounts under the refund's approval).
   */
  open(raw: z.input<typeof OpenSaleInputSchema>, caller: Caller, replacesSaleId?: string, approvedBy?: string): SaleView {
    const input = OpenSaleInputSchema.parse(raw)
    const identified = input.memberRef ? this.members.resolve(input.memberRef, input.mulaidId) : undefined
    const lines: SaleLineInput[] = input.lines.map((raw) => {
      const l = CartLineSchema.parse(raw)
      const item = this.item(l.storeCode)
      const insured = isInsuredItem(item, Boolean(identified))
      const split = l.by === 'unit' ? this.splitPack(item) : undefined
      if (insured) {
        // 拆零: a code per box opened by this sale; the opened box's code was reported when it was opened.
        const opened = split && item.kind === 'drug' ? this.deps.stock!.boxesToOpen(item.storeCode, yuan(l.qty).toNumber()) : undefined
        const needed = traceCodesNeeded(item, true, l.qty, opened)
        if (l.traceCodes.length < needed) {
          throw new PosError(
            'TRACE_CODES_MISSING',
            split
              ? { name: item.name, qty: l.qty, unit: split.minUnit, toOpen: needed, scanned: l.traceCodes.length }
              : { name: item.name, boxes: l.qty, scanned: l.traceCodes.length },
          )
        }
      }
      return {
        storeCode: item.storeCode,
        nationalCode: insured ? (item.nationalCode ?? undefined) : undefined,
        name: item.name,
        qty: l.qty,
        price: item.price,
        insured,
        rxFlag: item.rxFlag,
        traceCodes: l.traceCodes,
        spec: item.spec,
        unit: split ? split.minUnit : item.unit,
        class: insured && item.chrgitmLv ? LINE_CLASS_OF[item.chrgitmLv] : 'self',
        packSize: split?.packSize,
        lotId: l.lotId,
      }
    })
    const asked = input.lines.map((l) => CartLineSchema.parse(l).discount)
    const worked = workDiscounts(
      lines.map((l, i) => ({ name: l.name, insured: l.insured, grossFen: toFen(priceLine(l).amount), discount: asked[i] })),
      input.saleDiscount,
    )
    if (needsApproval(worked, this.deps.settings().discountApproval) && !approvedBy) throw approvalRefusal(worked, this.deps.settings().discountApproval)
    lines.forEach((l, i) => (l.discountFen = worked.lineFen[i]))
    this.deps.stock?.check(lines)
    if (needsPrescription(lines) && !input.prescription) {
      throw new PosError('PRESCRIPTION_REQUIRED', { name: lines.find((l) => l.rxFlag)!.name })
    }
    const anyInsured = lines.some((l) => l.insured)
    if (anyInsured && this.deps.recovery.running) throw new PosError('RECOVERY_IN_PROGRESS')
    const quota = identified && input.mulaidId ? identified.view.quotas.find((q) => q.mulaidId === input.mulaidId) : undefined
    const rx = input.prescription
    const pharmacist = rx ? this.prescriptions.pharmacist(rx.pharmacist, this.deps.settings().trainingMode) : undefined
    // The sale and its prescription's details commit together: a sale never exists with half a prescription.
    const sale = this.deps.db.transaction(() => {
      const opened = this.deps.ledger.open(
        {
          kind: 'pharmacy',
          member: anyInsured ? identified?.member : undefined,
          lines,
          acctUsed: input.acctUsed,
          mulaidId: anyInsured ? input.mulaidId : undefined,
          mulaidPayer: quota ? { payerNameMasked: quota.payerNameMasked, relation: quota.relation, payerRegion: quota.payerRegion } : undefined,
          rxno: rx?.rxno || undefined,
          rxExternal: rx?.external ?? false,
          pharmacist: pharmacist?.name,
          replacesSaleId,
        },
        caller.id,
      )
      this.discounts.save({
        saleId: opened.id,
        lines: lines.map((l, i) => ({
          seq: i + 1,
          grossFen: toFen(priceLine({ ...l, discountFen: 0 }).amount),
          discountFen: worked.lineFen[i],
          asked: asked[i],
        })),
        saleDiscount: input.saleDiscount,
        requestedBy: caller.id,
        approvedBy,
        at: this.deps.clock.now().toISOString(),
      })
      if (worked.totalFen > 0) {
        this.deps.audit.append({
          actor: caller.id,
          action: 'sale.discount',
          subject: opened.id,
          detail: {
            discount: fromFen(worked.totalFen).toFixed(2),
            gross: fromFen(worked.discountedGrossFen).toFixed(2),
            saleDiscount: input.saleDiscount ?? null,
            approvedBy: approvedBy ?? null,
          },
        })
      }
      if (rx && pharmacist) {
        this.prescriptions.save(opened.id, {
          doctor: rx.doctor ?? '',
          hospital: rx.hospital ?? '',
          diagnosis: rx.diagnosis ?? '',
          pharmacistUserId: pharmacist.userId,
        })
      }
      return opened
    })()
    return this.changed(sale.id)
  }

  async presettle(saleId: string, caller: Caller): Promise<SaleView> {
    const sale = this.deps.ledger.get(saleId)
    if (sale.medfee_fen === 0) throw new PosError('SALE_NEEDS_NO_PLATFORM')
    this.notQueued(saleId)
    const { journal } = await this.target()
    await this.observed(() => journal.presettle(saleId, caller.id))
    return this.changed(saleId)
  }

  async settle(saleId: string, payment: { method: 'cash'; tendered: string } | { method: 'mobile' }, caller: Caller): Promise<SaleView> {
    const reader = this.deps.ledger
    const sale = reader.get(saleId)
    // B10: the cashier cannot assert a mobile payment; only the provider's confirmation of a scanned code records one.
    if (sale.medfee_fen === 0 && payment.method === 'mobile') {
      throw new PosError('MOBILE_PAY_NEEDS_CODE')
    }
    if (sale.medfee_fen === 0) {
      this.deps.db.transaction(() => {
        reader.completeWithoutPlatform(saleId, caller.id, payment)
        this.deps.stock?.taken(saleId, caller.id, true)
        this.deps.offline.queue.enqueueUploads(saleId, '3505')
      })()
    } else {
      this.deps.stock?.checkSale(saleId)
      if (payment.method === 'cash' && sale.presettle) {
        const due = this.view(saleId).split?.cashDue ?? '0.00'
        if (yuan(payment.tendered).lt(due)) throw new PosError('TENDERED_TOO_LITTLE', { tendered: yuan(payment.tendered).toFixed(2), due })
      }
      this.notQueued(saleId)
      const { journal } = await this.target()
      try {
        // Paying by code: the platform's part is settled first and the cash part stays owed until the provider confirms it.
        await this.observed(() => journal.settle(saleId, caller.id, payment.method === 'mobile' ? undefined : payment))
      } finally {
        this.changed(saleId)
      }
    }
    this.printIfPaid(saleId, caller)
    return this.changed(saleId)
  }

  collectCash(saleId: string, tendered: string, caller: Caller): SaleView {
    this.deps.ledger.collectMore(saleId, caller.id, tendered)
    const off = this.deps.offline.queue.saleRow(saleId)
    // An offline sale the platform settled for less than estimated: collecting the difference closes it.
    if (off?.resolution === 'receivable' && (this.deps.ledger.get(saleId).change_fen ?? -1) >= 0) {
      this.deps.offline.queue.resolve(saleId, 'collected', caller.id, 'collected at the counter')
    }
    if (off) this.printCorrected(saleId, caller)
    else this.printIfPaid(saleId, caller)
    return this.changed(saleId)
  }

  /** An offline sale paid up at the counter: the customer takes the corrected receipt, not the first one again. */
  private printCorrected(saleId: string, caller: Caller) {
    const off = this.deps.offline.queue.saleRow(saleId)
    if (off?.resolution !== 'closed') return
    try {
      this.deps.offline.printReceipt(saleId, caller.id)
    } catch (e) {
      this.deps.log({ level: 'error', msg: `corrected receipt for ${saleId}: ${(e as Error).message}`, code: 'RECEIPT_FAILED' })
    }
  }

  /** The receipt goes to the printer only once the sale is committed and nothing is owed. */
  private printIfPaid(saleId: string, caller: Caller) {
    const j = this.deps.ledger
    const sale = j.get(saleId)
    if (sale.state !== 'settled' || (sale.change_fen !== null && sale.change_fen < 0)) return
    if (sale.cash_due_fen !== null && sale.cash_due_fen > 0 && sale.pay_method === null) return
    try {
      const receipt = receiptOf(sale, this.linesWithDiscounts(saleId), this.deps.settings(), caller.name || caller.id, this.prescriptions.of(sale))
      this.deps.printer.printCommittedSale({ saleCommitted: true, receipt })
    } catch (e) {
      // The money has moved and is on disk: a receipt that cannot be made must not turn that into an
      // error at the counter. The sale shows no receipt job; support sees why in the log.
      this.deps.log({ level: 'error', msg: `receipt for ${saleId}: ${(e as Error).message}`, code: 'RECEIPT_FAILED' })
    }
  }

  voidSale(saleId: string, reason: string, caller: Caller): SaleView {
    this.notQueued(saleId)
    this.noMobileInFlight(saleId)
    this.deps.ledger.void(saleId, caller.id, reason)
    return this.changed(saleId)
  }

  async refund(saleId: string, approval: { userId: string; pin: string }, reason: string, caller: Caller): Promise<SaleView> {
    const sale = this.deps.ledger.get(saleId)
    this.notQueued(saleId)
    this.noMobileInFlight(saleId)
    if (sale.state !== 'settled') throw new PosError('SALE_WRONG_STATE', { why: 'cannotRefund', state: sale.state })
    refusedIfRefundedElsewhere(this.deps.db, saleId)
    if (sale.setl_id && this.deps.offline.connectivity.current === 'offline') {
      throw new PosError('REFUND_NEEDS_PLATFORM')
    }
    const approver = await this.deps.session.approve(approval, `退货（${reason}）`, saleId)
    if (sale.setl_id) {
      const { journal } = await this.target()
      try {
        await this.observed(() => journal.refund(saleId, caller.id, approver))
      } finally {
        this.changed(saleId)
      }
    } else {
      this.deps.db.transaction(() => {
        this.deps.ledger.refundWithoutPlatform(saleId, caller.id, approver)
        this.deps.stock?.returned(saleId, caller.id)
        this.deps.offline.queue.enqueueUploads(saleId, '3506')
      })()
    }
    // What a payment code paid goes back the way it came (原路退回), once the sale's refund is committed.
    if (this.mobile && this.deps.ledger.get(saleId).state === 'refunded') await this.mobile.refund(saleId, reason, caller)
    this.printRefundSlip(saleId, { reason, approvedBy: approver }, caller)
    return this.changed(saleId)
  }

  /** The 退货单 goes to the printer once the refund is committed; like a receipt, it never fails the refund. */
  private printRefundSlip(saleId: string, refund: { reason: string; approvedBy: string }, caller: Caller) {
    const j = this.deps.ledger
    const sale = j.get(saleId)
    if (sale.state !== 'refunded') return
    try {
      const slip = refundSlipOf(sale, this.linesWithDiscounts(saleId), this.deps.settings(), caller.name || caller.id, this.prescriptions.of(sale), refund)
      this.deps.printer.printRefundSlip({ saleCommitted: true, receipt: slip })
    } catch (e) {
      this.deps.log({ level: 'error', msg: `refund slip for ${saleId}: ${(e as Error).message}`, code: 'RECEIPT_FAILED' })
    }
  }

  /** Refund the whole sale, then open and pre-settle what the customer keeps: one step for the cashier. */
  async returnItems(
    input: {
      saleId: string
      approval: { userId: string; pin: string }
      reason: string
      keep: { seq: number; qty: string; traceCodes: string[] }[]
      memberRef?: string
    },
    caller: Caller,
  ): Promise<{ refunded: SaleView; replacement: SaleView }> {
    const j = this.deps.ledger
    const sale = j.get(input.saleId)
    refusedIfRefundedElsewhere(this.deps.db, input.saleId)
    const lines = j.lines(input.saleId)
    let kept = 0
    let whole = 0
    const discountOf = this.discounts.lineFen(input.saleId)
    // What the customer keeps keeps its discount, pro rata to the quantity kept (half-up, never the whole amount).
    const keptDiscount = new Map<number, number>()
    for (const k of input.keep) {
      const line = lines.find((l) => l.seq === k.seq)
      if (!line) throw new PosError('RETURN_TOO_MUCH', { seq: k.seq })
      if (yuan(k.qty).gt(line.qty)) throw new PosError('RETURN_TOO_MUCH', { name: line.name, kept: k.qty, sold: line.qty })
      const sold = JSON.parse(line.trace_codes) as string[]
      const foreign = k.traceCodes.find((c) => !sold.includes(c))
      if (foreign) throw new PosError('RETURN_TOO_MUCH', { name: line.name, traceCode: foreign })
      const keptGross = toFen(yuan(k.qty).times(line.price))
      const off = Math.min(
        toFen(
          fromFen(discountOf.get(k.seq) ?? 0)
            .times(k.qty)
            .dividedBy(line.qty),
        ),
        Math.max(keptGross - 1, 0),
      )
      if (off > 0) keptDiscount.set(k.seq, off)
      kept += keptGross - off
    }
    for (const l of lines) whole += l.amount_fen
    if (kept >= whole) throw new PosError('RETURN_NOTHING')
    if (sale.psn_no && !input.memberRef) throw new PosError('MEMBER_REQUIRED')
    const refunded = await this.refund(input.saleId, input.approval, input.reason, caller)
    const replacement = this.open(
      {
        memberRef: input.memberRef,
        lines: input.keep.map((k) => {
          const line = lines.find((l) => l.seq === k.seq)!
          const off = keptDiscount.get(k.seq)
          return {
            storeCode: line.store_code,
            qty: k.qty,
            traceCodes: k.traceCodes,
            by: line.pack_size ? ('unit' as const) : ('pack' as const),
            ...(off ? { discount: { kind: 'amount' as const, value: fromFen(off).toFixed(2) } } : {}),
          }
        }),
        acctUsed: sale.acct_used === 1,
        mulaidId: sale.mulaid_id ?? undefined,
        prescription: prescriptionAgain(this.prescriptions.of(sale)),
      },
      caller,
      input.saleId,
      // The refund's approver (checked by refund() above) stands for the discounts carried over.
      keptDiscount.size > 0 ? input.approval.userId : undefined,
    )
    const presettled = replacement.lines.some((l) => l.insured) ? await this.presettle(replacement.id, caller) : replacement
    return { refunded, replacement: presettled }
  }

  // ---- offline (domain rule 5): identity from a snapshot, the estimate, the queued sale

  identifyOffline(idCardNo: string): { member: MemberView; snapshotSeenAt: string } {
    const found = this.deps.offline.snapshots.find(idCardNo)
    if (!found) throw new PosError('MEMBER_NOT_SEEN', { why: 'pay' })
    const ageDays = (this.deps.clock.now().getTime() - new Date(found.seenAt).getTime()) / 86_400_000
    if (ageDays > SNAPSHOT_MAX_AGE_DAYS) {
      throw new PosError('MEMBER_SNAPSHOT_TOO_OLD', { days: Math.floor(ageDays), maxDays: SNAPSHOT_MAX_AGE_DAYS })
    }
    return { member: this.members.adopt(found.snapshot, idCardNo), snapshotSeenAt: found.seenAt }
  }

  /** Whose balances an offline estimate of the sale would promise: asked of the store node before the estimate. */
  offlinePerson(saleId: string): { psnNo: string; mulaidId: string | null; training: boolean } | null {
    const sale = this.deps.ledger.get(saleId)
    return sale.psn_no ? { psnNo: sale.psn_no, mulaidId: sale.mulaid_id, training: sale.training === 1 } : null
  }

  private estimateOf(saleId: string, store?: StorePromises | null): { sale: SaleRow; estimate: Estimate; quote: OfflineQuote } {
    const j = this.deps.ledger
    const sale = j.get(saleId)
    if (sale.kind !== 'pharmacy' || (sale.state !== 'draft' && sale.state !== 'presettled')) {
      throw new PosError('SALE_WRONG_STATE', { why: 'cannotPayOffline', state: sale.state })
    }
    if (!sale.psn_no || sale.medfee_fen === 0) throw new PosError('SALE_NO_MEMBER', { why: 'offlinePay' })
    if (this.deps.offline.queue.saleRow(saleId)) throw new PosError('OFFLINE_ALREADY_QUEUED')
    const off = this.deps.offline
    const snapshot = off.snapshots.byPsnNo(sale.psn_no)
    if (!snapshot) throw new PosError('MEMBER_NOT_SEEN', { why: 'estimate' })
    const estimate = estimateSale({
      sale,
      lines: j.lines(saleId),
      item: (code) => this.deps.catalog.findByStoreCode(code),
      snapshot,
      policy: sale.insuplc_admdvs ? off.policies.get(sale.insuplc_admdvs) : null,
      pending: off.queue.promised(sale.psn_no, sale.mulaid_id),
      store,
    })
    const total = sale.medfee_fen + sale.goods_fen
    const advancePay = toFen(yuan(estimate.cashDue))
    const limits = off.limits.get()
    const refusal = advanceRefusal({
      limits,
      advancedFen: total - advancePay,
      outstandingFen: off.queue.outstandingFen(),
      oldestWaitingAt: off.queue.oldestWaitingAt(),
      now: this.deps.clock.now(),
    })
    const { calc: _calc, ...shown } = estimate
    const quote: OfflineQuote = {
      saleId,
      total: fromFen(total).toFixed(2),
      estimate: shown,
      storeMode: limits.mode,
      deposit: { payNow: fromFen(total).toFixed(2) },
      advance: { payNow: estimate.cashDue, advanced: fromFen(total - advancePay).toFixed(2), refusal: refusal?.toData() ?? null },
      offlineNow: off.connectivity.current !== 'online',
      ...(store ? { storePromises: { scope: store.scope, counters: store.counters } } : {}),
    }
    return { sale, estimate, quote }
  }

  quoteOffline(saleId: string, store?: StorePromises | null): OfflineQuote {
    return this.estimateOf(saleId, store).quote
  }

  settleOffline(
    saleId: string,
    mode: 'deposit' | 'advance',
    payment: { method: 'cash'; tendered: string } | { method: 'mobile' },
    caller: Caller,
    store?: StorePromises | null,
  ): OfflineSaleView {
    const off = this.deps.offline
    if (off.connectivity.current === 'online') throw new PosError('OFFLINE_NOT_NEEDED')
    const { estimate, quote } = this.estimateOf(saleId, store)
    if (mode === 'advance' && quote.advance.refusal) throw PosError.fromData(quote.advance.refusal)
    // The boxes leave with the customer now, whatever the platform answers later.
    const row = this.deps.db.transaction(() => {
      const queued = off.queue.enqueueSale({ saleId, mode, payment, estimate, actor: caller.id })
      this.deps.stock?.taken(saleId, caller.id, true)
      return queued
    })()
    const j = this.deps.ledger
    try {
      this.deps.printer.printCommittedSale({
        saleCommitted: true,
        receipt: offlineReceipt(j.get(saleId), j.lines(saleId), row, this.deps.settings(), caller.name || caller.id),
      })
    } catch (e) {
      // The sale is queued and paid: a receipt that cannot be made is logged, never an error here.
      this.deps.log({ level: 'error', msg: `offline receipt for ${saleId}: ${(e as Error).message}`, code: 'RECEIPT_FAILED' })
    }
    this.changed(saleId)
    off.changed(saleId)
    return off.view(saleId)
  }

  list(day: string | undefined, limit: number) {
    const [from, to] = cstDayRange(day ?? cstDay(this.deps.clock.now()))
    return salesOpenedBetween(this.deps.db, 'pharmacy', from, to, limit).map((s) => {
      const elsewhere = refundedElsewhereOf(this.deps.db, s.id)
      return {
        id: s.id,
        state: s.state,
        createdAt: s.created_at,
        cashier: s.cashier,
        memberNameMasked: s.name_masked,
        total: fromFen(s.medfee_fen + s.goods_fen).toFixed(2),
        medical: fromFen(s.medfee_fen).toFixed(2),
        cashDue: s.cash_due_fen === null ? null : fromFen(s.cash_due_fen).toFixed(2),
        lines: s.line_count,
        training: s.training === 1,
        ...(elsewhere ? { refundedElsewhere: elsewhere } : {}),
      }
    })
  }

  // ---- recovery

  status(): JournalStatus {
    const s = this.deps.settings()
    return {
      recovering: this.deps.recovery.running,
      recovered: this.deps.recovery.recovered.slice(0, 50),
      unresolved: salesInFlightCount(this.deps.db),
      platform: {
        training: s.trainingMode,
        url: s.trainingMode ? (this.deps.connection.trainingSandbox?.url ?? '') : s.platformUrl,
        error: this.platformError,
        paymentsUrl: s.trainingMode ? (this.deps.connection.trainingSandbox?.payments?.url ?? null) : null,
      },
    }
  }

  private emitStatus() {
    this.deps.events.emit('journalStatus', this.status())
  }

  /**
   * The counter's part of the core's recovery loop: before it takes an insured sale, every message left
   * between intent and answer is reversed; the cashier sees each round start and end (journalStatus), and
   * every sale a reversal changed. The loop comes back while any sale is still in flight.
   */
  recoveryPart(): RecoveryPart {
    this.deps.recovery.onRound((phase) => {
      // A round reaches the platform first: its failure or success is the connection's latest word.
      if (phase === 'finished') this.platformError = this.deps.recovery.error
      this.emitStatus()
    })
    return {
      kind: 'pharmacy',
      after: async (_journal, outcomes) => {
        for (const o of outcomes) this.changed(o.saleId)
      },
      left: () => salesInFlightCount(this.deps.db),
      retry: true,
    }
  }
}
