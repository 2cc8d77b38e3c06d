import { randomUUID } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import { BOUNDS, withinBound } from '../../../shared/money/bounds'
import { fromFen, round2, sum, toFen, yuan, type Money } from '../../../shared/money/money'
import { OpenSaleSchema, type Member, type OpenSale, type Payment, type SaleLineInput, type SaleState } from '../../../shared/sale/schemas'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'
import { splitAmount, splitUnitPrice } from '../../../shared/stock/split-pack'
import { holdCredential, releaseCredential } from '../journal'
import { linesOf } from './sale-reads'
import type { LineRow, SaleRow } from './sale-rows'

export interface LedgerOptions {
  /** Read at each open, as the training flag is. */
  terminalId: () => string
  /** Whether new sales are training sales (read at each open: the mode can change while running). */
  training?: () => boolean
}

/**
 * Line and sale totals within BOUNDS, checked before a draft is written: quantity and price are bounded
 * by the contract, but their product is only known here.
 */
function checkSaleAmounts(lines: { name: string; amount: Money }[], total: Money) {
  for (const l of lines) {
    if (!withinBound(l.amount.toFixed(2), 'line')) throw new PosError('AMOUNT_TOO_LARGE', { name: l.name, limit: String(BOUNDS.line) })
  }
  if (!withinBound(total.toFixed(2), 'sale')) throw new PosError('AMOUNT_TOO_LARGE', { sale: String(BOUNDS.sale) })
}

/**
 * The sales ledger: the one owner of `sales`, `sale_lines` and `sold_trace_codes`. It opens sales and
 * visits, moves them from state to state, holds and releases the boxes they sell, and records what the
 * counter takes without the platform. The journal (journal/sale-journal.ts) moves money through it; every
 * other concern reads it through these methods or the named queries of ledger/sale-reads.ts.
 */
export class SaleLedger {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly opts: LedgerOptions,
  ) {}

  private now(): string {
    return this.clock.now().toISOString()
  }

  private sql(text: string) {
    return prepared(this.db, text)
  }

  get(saleId: string): SaleRow {
    const row = this.sql('SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined
    if (!row) throw new PosError('SALE_NOT_FOUND', { saleId })
    return row
  }

  lines(saleId: string): LineRow[] {
    return linesOf(this.db, saleId)
  }

  setState(saleId: string, state: SaleState, actor: string, why: string, extra: Record<string, unknown> = {}) {
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
      throw new PosError('SALE_INVALID', { problems: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；') })
    }
    const input = parsed.data
    const id = randomUUID()
    const priced = input.lines.map((l, i) => ({ ...l, seq: i + 1, ...priceLine(l) }))
    const medfee = sum(priced.filter((l) => l.insured).map((l) => l.amount))
    const goods = sum(priced.filter((l) => !l.insured).map((l) => l.amount))
    checkSaleAmounts(priced, medfee.plus(goods))
    for (const l of priced) {
      if (l.insured && !l.nationalCode) throw new PosError('LINE_NOT_INSURABLE', { name: l.name, at: 'sale' })
    }
    this.checkTraceCodesFree(priced.flatMap((l) => l.traceCodes.map((code) => ({ code, name: l.name }))))
    this.db.transaction(() => {
      const m = input.member
      this.sql(
        `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, training, psn_no, insuplc_admdvs, insutype, psn_type,
             cert_type, cert_no, name_masked, med_type, acct_used, mulaid_id, mulaid_payer, rxno, pharmacist, rx_external, replaces_sale_id, medfee_fen, goods_fen)
           VALUES (@id, @kind, 'draft', @terminal, @cashier, @at, @at, @training, @psnNo, @insuplc, @insutype, @psnType, @certType, @certNo, @name,
             @medType, @acct, @mulaid, @mulaidPayer, @rxno, @pharmacist, @rxExternal, @replaces, @medfee, @goods)`,
      ).run({
        id,
        kind: input.kind,
        terminal: this.opts.terminalId(),
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
      this.audit.append({
        actor: cashier,
        action: 'sale.draft',
        subject: id,
        detail: { lines: priced.length, medfee: medfee.toFixed(2), goods: goods.toFixed(2) },
      })
    })()
    if (input.member) holdCredential(this.db, id, input.member.certNo, input.member.cardSn)
    return this.get(id)
  }

  /** A box already sold here (or twice in one cart) is refused before anything is written. */
  private checkTraceCodesFree(codes: { code: string; name: string }[]) {
    const seen = new Set<string>()
    const sold = this.sql('SELECT sale_id FROM sold_trace_codes WHERE code = ?')
    for (const { code, name } of codes) {
      if (seen.has(code)) throw new PosError('TRACE_CODE_DUPLICATE', { code, name })
      seen.add(code)
      const row = sold.get(code) as { sale_id: string } | undefined
      if (row) throw new PosError('TRACE_CODE_SOLD', { code, name, saleId: row.sale_id.slice(0, 8) })
    }
  }

  /** Sells the sale's boxes: a box sold here once is refused to every other sale until released. */
  holdTraceCodes(saleId: string) {
    const codes = this.lines(saleId).flatMap((l) => JSON.parse(l.trace_codes) as string[])
    const insert = this.sql('INSERT INTO sold_trace_codes (code, sale_id, sold_at) VALUES (?, ?, ?)')
    for (const code of codes) {
      try {
        insert.run(code, saleId, this.now())
      } catch {
        throw new PosError('TRACE_CODE_SOLD', { code })
      }
    }
  }

  releaseTraceCodes(saleId: string) {
    this.sql('DELETE FROM sold_trace_codes WHERE sale_id = ?').run(saleId)
  }

  /** Cash due at the counter after the platform's part: the person's cash share plus goods outside insurance. */
  paymentColumns(sale: SaleRow, psnCashFen: number, payment: Payment | undefined) {
    const due = psnCashFen + sale.goods_fen
    if (!payment) return { pay_method: due === 0 ? 'none' : null, cash_due_fen: due, tendered_fen: null, change_fen: null }
    if (payment.method === 'mobile') return { pay_method: 'mobile', cash_due_fen: due, tendered_fen: due, change_fen: 0 }
    const tendered = toFen(yuan(payment.tendered))
    return { pay_method: due === 0 ? 'none' : 'cash', cash_due_fen: due, tendered_fen: tendered, change_fen: tendered - due }
  }

  /** Refuses an amount handed over that no column could hold, before anything is sent or written. */
  checkTendered(payment: Payment | undefined) {
    if (payment?.method === 'cash' && !withinBound(payment.tendered, 'tendered')) {
      throw new PosError('AMOUNT_TOO_LARGE', { tendered: String(BOUNDS.tendered) })
    }
  }

  /** A sale with nothing for the platform (goods, or a customer paying cash): settled at the counter. */
  completeWithoutPlatform(saleId: string, actor: string, payment: Payment): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'draft') throw new PosError('SALE_WRONG_STATE', { why: 'cannotTakeCash', state: s.state })
      if (s.medfee_fen > 0) throw new PosError('SALE_NEEDS_PLATFORM')
      this.checkTendered(payment)
      const cols = this.paymentColumns(s, 0, payment)
      if ((cols.change_fen ?? 0) < 0) throw new PosError('TENDERED_TOO_LITTLE', { due: fromFen(cols.cash_due_fen).toFixed(2) })
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
      if (s.state !== 'settled' || (!awaitingCode && (s.change_fen === null || s.tendered_fen === null)))
        throw new PosError('SALE_WRONG_STATE', { why: 'noTopUp' })
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
      throw new PosError('SALE_WRONG_STATE', { why: 'paymentMismatch', state: s.state })
    }
  }

  /** Refunds a sale the platform never saw (all cash): the money goes back over the counter. */
  refundWithoutPlatform(saleId: string, actor: string, approvedBy: string): SaleRow {
    this.db.transaction(() => {
      const s = this.get(saleId)
      if (s.state !== 'settled' || s.setl_id) throw new PosError('SALE_WRONG_STATE', { why: 'onlyCashRefund' })
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
      if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', { why: 'cannotVoid', state: s.state })
      this.setState(saleId, 'voided', actor, why)
    })()
    return this.get(saleId)
  }

  /** Records a new visit (draft, no fee lines yet) before its registration (2201) is sent. */
  openVisit(
    input: { member: Member; medType: string; acctUsed: boolean; mulaidId?: string; mulaidPayer?: { payerNameMasked: string; relation: string } },
    cashier: string,
  ): SaleRow {
    const id = randomUUID()
    const m = input.member
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, training, psn_no, insuplc_admdvs, insutype, psn_type,
             cert_type, cert_no, name_masked, med_type, acct_used, mulaid_id, mulaid_payer, medfee_fen, goods_fen)
           VALUES (@id, 'clinic', 'draft', @terminal, @cashier, @at, @at, @training, @psnNo, @insuplc, @insutype, @psnType, @certType, @certNo, @name,
             @medType, @acct, @mulaid, @mulaidPayer, 0, 0)`,
      ).run({
        id,
        terminal: this.opts.terminalId(),
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
    holdCredential(this.db, id, m.certNo, m.cardSn)
    return this.get(id)
  }

  private requireOpenVisit(saleId: string): SaleRow {
    const s = this.get(saleId)
    if (s.kind !== 'clinic') throw new PosError('SALE_WRONG_KIND', { why: 'notVisit' })
    if (s.state !== 'draft' && s.state !== 'presettled') throw new PosError('SALE_WRONG_STATE', { why: 'visitLocked', state: s.state })
    return s
  }

  /**
   * Changes a visit not yet settled (visit id, med_type, how the person pays). Any change drops the
   * pre-settlement: the amounts it showed may no longer hold. Call inside the caller's transaction.
   */
  updateVisit(
    saleId: string,
    actor: string,
    patch: {
      mdtrtId?: string
      medType?: string
      acctUsed?: boolean
      mulaidId?: string | null
      mulaidPayer?: { payerNameMasked: string; relation: string } | null
    },
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
      if (!l.nationalCode) throw new PosError('LINE_NOT_INSURABLE', { name: l.name, at: 'visit' })
      insert.run(
        saleId,
        l.seq,
        l.nationalCode,
        l.storeCode,
        l.name,
        l.qty,
        l.price,
        toFen(l.amount),
        l.rxFlag ? 1 : 0,
        l.spec ?? '',
        l.unit ?? '',
        l.class ?? 'self',
      )
    }
    this.setState(saleId, 'draft', actor, 'fee lines changed', { presettle: null, medfee_fen: toFen(sum(priced.map((l) => l.amount))) })
  }
}

/**
 * A line's amount and the unit price it is recorded with; a 拆零 line is priced from its box (shared/stock/split-pack.ts).
 * A discount (goods outside insurance only, worked out in fen by electron/core/sale/discounts.ts) comes off the
 * rounded amount, so qty × price − discount is exact to the fen.
 */
export function priceLine(l: { name?: string; qty: string; price: string; packSize?: number; insured?: boolean; discountFen?: number }): {
  amount: Money
  price: string
} {
  const gross =
    l.packSize === undefined
      ? { amount: round2(yuan(l.qty).times(l.price)), price: l.price }
      : { amount: splitAmount(l.price, l.packSize, l.qty), price: splitUnitPrice(l.price, l.packSize) }
  const off = l.discountFen ?? 0
  if (off === 0) return gross
  if (l.insured) throw new PosError('DISCOUNT_INSURED_LINE', { name: l.name ?? '' })
  if (off >= toFen(gross.amount)) throw new PosError('DISCOUNT_TOO_LARGE', { name: l.name ?? '', off: fromFen(off).toFixed(2), gross: gross.amount.toFixed(2) })
  return { amount: gross.amount.minus(fromFen(off)), price: gross.price }
}
