import { randomUUID } from 'node:crypto'
import { PosError } from '../../../../shared/contract'
import { toFen } from '../../../../shared/money/money'
import { INV_DATA_TYPE_OF, isStockUpload, type StockUploadInfno } from '../../../../shared/nhsa/transactions'
import type { AuditTrail } from '../../audit'
import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { localSaleOrigin, shadowSoldUploads } from '../../ledger'
import { wireTimeCst } from '../../platform'
import { cstDay } from '../../sale'
import * as build from './builders'
import type { Built, LotFacts, SaleFacts, UploadInfno } from './builders'
import { UploadFacts } from './facts-store'
import * as holds from './holds-store'
import type { HoldRow, QueueUploadRow } from './holds-store'
import * as src from './sources-store'

/** What the uploads need of the offline queue: a message queued in the caller's transaction. */
export interface UploadQueue {
  enqueueStock(u: {
    infno: StockUploadInfno
    saleId: string | null
    itemCode: string
    request: unknown
    training: number
    insuplcAdmdvs: string | null
  }): string
}

export interface StockUploadsDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  queue: UploadQueue
  catalog: (storeCode: string) => (ReturnType<src.CatalogLookup> & { kind?: string }) | undefined
  /** Something for the manager's list changed (after commit). */
  changed?: () => void
}

/** An upload the manager must act on: held before sending, refused by the platform, or held on a taken msgid. */
export interface UploadIssue {
  kind: 'held' | 'refused' | 'collided'
  id: string
  infno: UploadInfno | '3507'
  storeCode: string
  saleId: string | null
  reason: string
  at: string
  /** The request's fields as far as they go (the inner record), for the manager to complete. */
  fields: Record<string, string | number>
}

const NUMERIC = new Set(['inv_cnt', 'pric', 'cnt', 'finl_trns_pric', 'purc_retn_cnt', 'sel_retn_cnt'])
const LOT_FIELDS = { fixmedins_bchno: 'bchno', manu_lotnum: 'lotNo', manu_date: 'manuDate', expy_end: 'expiryDate' } as const

/** The request's one inner record (purcinfo, selinfo, invinfo or data) and its key. */
function inner(request: Record<string, unknown>): { key: string; record: Record<string, unknown> } {
  const key = Object.keys(request)[0] ?? 'data'
  return { key, record: (request[key] ?? {}) as Record<string, unknown> }
}

function scalars(record: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(record)) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/**
 * The platform's stock uploads (进销存 3501–3507) from the stock ledger. Every movement is noted by a
 * trigger in its own transaction (stock_upload_pending); `flush` turns the notes into queued messages —
 * or holds, when a required field has no recorded value — in the order they were made, an item's later
 * movements waiting behind one that cannot go yet (an offline sale's, until its settlement is known).
 * A sale's are turned inside the transaction that records its settlement or refund. The queue forwards
 * them exactly once, in order per item; refusals come back here for the manager.
 */
export class StockUploads {
  readonly facts: UploadFacts

  constructor(private readonly deps: StockUploadsDeps) {
    this.facts = new UploadFacts(deps.db, deps.clock)
  }

  private get db(): Db {
    return this.deps.db
  }

  // ---- from the ledger to the queue

  /** Turns every ready movement into its upload; returns how many messages were queued. */
  flush(): number {
    let total = 0
    for (;;) {
      const r = this.flushSome(Infinity)
      total += r.queued
      if (!r.more) return total
    }
  }

  /**
   * Turns at most `max` ready movements, in one transaction, and says whether more may be waiting: a large
   * stocktake's thousands of uploads go in slices, so a sale at the counter never waits behind all of them.
   */
  flushSome(max: number): { queued: number; more: boolean } {
    const r = this.db.transaction(() => this.convertReady(max))()
    if (r.queued > 0) this.deps.changed?.()
    return r
  }

  /** Per run: what many movements of one receipt or stocktake share is read once. */
  private memo = new Map<string, string>()
  private once(key: string, read: () => string): string {
    let v = this.memo.get(key)
    if (v === undefined) this.memo.set(key, (v = read()))
    return v
  }

  /**
   * Inside `group`: the store's facts, the cashiers' names, the catalog's entries and prices in fen, read
   * once for the whole group (nothing changes them inside its one transaction); and whether the ready
   * movements are owed a conversion at its end. Outside a group each call reads afresh.
   */
  private grouped: { reads: Map<string, unknown>; convertOwed: boolean } | undefined

  /** A value that stays put for the group (or, outside one, is read each time). */
  private shared<T>(key: string, read: () => T): T {
    const reads = this.grouped?.reads
    if (!reads) return read()
    if (reads.has(key)) return reads.get(key) as T
    const v = read()
    reads.set(key, v)
    return v
  }

  private fact(training: number, scope: 'item' | 'pharmacist' | 'store', key: string, field: string): string | undefined {
    return this.shared(`fact:${training}:${scope}:${key}:${field}`, () => this.facts.get(training, scope, key, field))
  }

  private catalogItem(storeCode: string) {
    return this.shared(`catalog:${storeCode}`, () => this.deps.catalog(storeCode))
  }

  private fen(price: string): number {
    return this.shared(`fen:${price}`, () => toFen(price))
  }

  /**
   * Runs a group of sales' outcomes (the offline queue's group commit, one transaction): `forSale` inside it
   * reads what the sales share once, and the ready movements are converted once at the group's end instead
   * of after each sale, still inside the caller's transaction, so a crash cannot separate them from the
   * settlements. The order per item is the one converting after each sale gives: movements go in the order
   * they were made, an item's later ones behind any still waiting. Answers how many uploads the end queued.
   */
  group(fn: () => void): number {
    if (this.grouped) {
      fn()
      return 0
    }
    if (!this.db.inTransaction) throw new Error('StockUploads.group outside a transaction: the uploads would not commit with the outcomes')
    this.grouped = { reads: new Map(), convertOwed: false }
    try {
      fn()
      return this.grouped.convertOwed ? this.convertReady().queued : 0
    } finally {
      this.grouped = undefined
    }
  }

  private convertReady(max = Infinity): { queued: number; more: boolean } {
    this.memo.clear()
    let queued = 0
    let turned = 0
    const waiting = new Set<string>()
    for (const p of src.pendingRows(this.db)) {
      if (turned >= max) return { queued, more: true }
      const item = p.store_code.toUpperCase()
      if (waiting.has(item)) continue
      const m = src.movement(this.db, p.movement_id)
      if ((m.kind === 'sale' || m.kind === 'sale_return') && src.waitingOffline(this.db, m.source_id)) {
        // Its settlement is not known yet; the item's later uploads keep their place behind it.
        waiting.add(item)
        continue
      }
      queued += this.convert(m)
      turned += 1
      src.dropPending(this.db, p.seq)
    }
    return { queued, more: false }
  }

  private convert(m: src.MovementRow): number {
    const b = this.builtFor(m)
    return b ? this.place(m, b.saleId, b.admdvs ?? null, b.built) : 0
  }

  /** The uploads one movement makes (a count makes two: the change, then the counted stock); none for goods. */
  private builtFor(m: src.MovementRow): { saleId: string | null; admdvs?: string | null; built: Built<UploadInfno>[] } | null {
    if (this.catalogItem(m.store_code)?.kind === 'goods') return null
    const lot = src.lotFacts(this.db, (code) => this.catalogItem(code), m.lot_id)
    const at = wireTimeCst(new Date(m.at))
    const actor = () => this.once(`user:${m.actor}`, () => this.userName(m.actor))
    switch (m.kind) {
      case 'receipt':
        return {
          saleId: null,
          built: [
            build.purchase(
              lot,
              {
                units: m.qty_units,
                at,
                opterName: actor(),
                invoiceNo: this.once(`invoice:${m.source_id}`, () => src.receiptInvoice(this.db, m.source_id)),
                traceCodes: src.receiptCodes(this.db, m.source_id, m.lot_id),
              },
              { aprvno: this.facts.get(m.training, 'item', lot.storeCode, 'aprvno') },
            ),
          ],
        }
      case 'supplier_return':
        return {
          saleId: null,
          built: [
            build.purchaseReturn(lot, { units: -m.qty_units, at, opterName: actor(), invoiceNo: src.lotInvoice(this.db, m.lot_id), reason: m.reason }, {}),
          ],
        }
      case 'correction':
        return { saleId: null, built: [build.stockChange(lot, { kind: 'correction', units: m.qty_units, at, opterName: actor(), reason: m.reason })] }
      case 'count':
        return {
          saleId: null,
          built: [
            build.stockChange(lot, { kind: 'count', units: m.qty_units, at, opterName: actor(), reason: m.reason }),
            build.stocktake(lot, {
              countedUnits: src.balanceAfter(this.db, m),
              day: cstDay(new Date(m.at)),
              note: this.once(`note:${m.source_id}`, () => src.stocktakeNote(this.db, m.source_id)),
            }),
          ],
        }
      case 'sale':
      case 'sale_return': {
        // Another counter's sale taken back here: its 3506 names the seller's batch (returnsOfShadow), not this lot.
        if (m.kind === 'sale_return' && localSaleOrigin(this.db, m.source_id) === 'shadow') return null
        const line = src.saleLine(this.db, m.source_id, m.source_line)
        const sale = src.saleRow(this.db, m.source_id)
        const facts = this.saleFacts(sale, at)
        const part = { units: Math.abs(m.qty_units), priceFenPerBox: this.fen(line.price), traceCodes: this.codesOf(m, line) }
        return {
          saleId: m.source_id,
          admdvs: sale.insuplc_admdvs,
          built: [m.kind === 'sale' ? build.sale(lot, facts, part) : build.saleReturn(lot, facts, part)],
        }
      }
    }
  }

  /**
   * Records a fact and builds again the held uploads of movements that may have been waiting for it; those
   * now complete are queued, the rest keep their (updated) reason.
   */
  setFact(training: number, f: { scope: 'item' | 'pharmacist' | 'store'; key: string; field: string; value: string }, actor: string): number {
    const n = this.db.transaction(() => {
      this.facts.set(training, f.scope, f.scope === 'store' ? '' : f.key, f.field, f.value, actor)
      this.deps.audit.append({ actor, action: 'stock.uploadFactSet', subject: `${f.scope}:${f.key}`, detail: { field: f.field, value: f.value } })
      let queued = 0
      const open = holds.openMovementHolds(this.db, training)
      for (const h of open) {
        const made = this.builtFor(src.movement(this.db, h.source))
        const b = made?.built.find((x) => x.infno === h.infno)
        if (!b) continue
        if (!b.ok) {
          holds.updateHoldDraft(this.db, h.id, b.reason, JSON.stringify(b.draft))
          continue
        }
        const saleId = h.sale_id
        const msgid = this.deps.queue.enqueueStock({
          infno: b.infno,
          saleId,
          itemCode: h.store_code,
          request: b.request,
          training,
          insuplcAdmdvs: made?.admdvs ?? null,
        })
        this.close(h.id, 'sent', actor, '补齐资料后上传', msgid)
        queued += 1
      }
      return queued
    })()
    this.deps.changed?.()
    return n
  }

  /**
   * A line's codes that belong to this movement's lot; codes the store never received go with the line's
   * first lot, so every code the cashier scanned is reported once.
   */
  private codesOf(m: src.MovementRow, line: src.SaleLineRow): string[] {
    const codes = JSON.parse(line.trace_codes) as string[]
    const first = src.firstMovementOfLine(this.db, m.source_id, m.source_line, m.kind)
    return codes.filter((c) => {
      const lotId = src.lotOfCode(this.db, m.training, c)
      return lotId === m.lot_id || (lotId === undefined && first.id === m.id)
    })
  }

  private userName(id: string): string {
    return this.shared(`user:${id}`, () => src.userName(this.db, id))
  }

  private saleFacts(s: src.SaleRowForUpload, at: string): SaleFacts {
    const saleId = s.id
    const insured = s.setl_id && s.psn_no ? { setlId: s.setl_id, psnNo: s.psn_no } : null
    const settled = insured && s.setlinfo ? (JSON.parse(s.setlinfo) as { psn_cert_type?: unknown }) : null
    const pharmacist = s.pharmacist || this.fact(s.training, 'store', '', 'duty_pharmacist') || null
    return {
      saleId,
      mdtrtSn: saleId.replace(/-/g, '').slice(0, 30),
      insured,
      psnCertType: insured
        ? typeof settled?.psn_cert_type === 'string' && settled.psn_cert_type
          ? settled.psn_cert_type
          : null
        : (this.fact(s.training, 'store', '', 'anonymous_psn_cert_type') ?? null),
      cashierName: this.userName(s.cashier),
      pharmacistName: pharmacist,
      pharmacistCertNo: pharmacist ? (this.fact(s.training, 'pharmacist', pharmacist, 'phar_prac_cert_no') ?? null) : null,
      prescriberName: src.prescriberOf(this.db, saleId),
      rxno: s.rxno,
      rxExternal: s.rx_external === 1,
      at,
    }
  }

  /** Queues what can go and holds what cannot, in the order given. */
  private place(m: src.MovementRow, saleId: string | null, admdvs: string | null, built: Built<UploadInfno>[]): number {
    let n = 0
    for (const b of built) {
      if (b.ok) {
        this.deps.queue.enqueueStock({ infno: b.infno, saleId, itemCode: m.store_code, request: b.request, training: m.training, insuplcAdmdvs: admdvs })
        n += 1
      } else this.hold({ training: m.training, infno: b.infno, storeCode: m.store_code, source: m.id, saleId, reason: b.reason, draft: b.draft })
    }
    return n
  }

  private hold(h: Omit<holds.HoldInsert, 'id' | 'draft' | 'at'> & { draft: Record<string, unknown> }): void {
    holds.insertHold(this.db, { ...h, id: randomUUID(), draft: JSON.stringify(h.draft), at: this.deps.clock.now().toISOString() })
  }

  /**
   * A sale's uploads, inside the transaction that records its settlement (3505) or refund (3506). Its
   * movements are turned now; a drug line that took no lot (the item is not stock-managed) cannot name a
   * batch and is held for the manager — never sent with a made-up one. A refund of a line still held
   * cancels it out; of a line the manager completed and sent, returns it to the batch chosen then.
   */
  forSale(saleId: string, infno: '3505' | '3506'): number {
    return this.db.transaction(() => {
      let n = 0
      // In a group its movements are converted at the group's end, with the group's other sales'.
      if (this.grouped) this.grouped.convertOwed = true
      else n += this.convertReady().queued
      // The sale is read once: its lines' holds share its facts and the moment they were built.
      const sale = src.saleRow(this.db, saleId)
      let facts: SaleFacts | undefined
      if (infno === '3505') {
        const withLots = src.linesWithLots(this.db, saleId)
        for (const line of src.saleLines(this.db, saleId)) {
          const c = this.catalogItem(line.store_code)
          // A self-paid line carries no national code of its own; the catalog's says whether the platform lists it.
          const code = line.national_code ?? c?.nationalCode ?? null
          if (!code || withLots.has(line.seq) || c?.kind === 'goods') continue
          const lot: LotFacts = {
            storeCode: line.store_code,
            name: line.name,
            nationalCode: code,
            rx: false,
            maker: '',
            packSize: 1,
            bchno: '',
            lotNo: '',
            manuDate: '',
            expiryDate: '',
            supplier: '',
            costFen: 0,
          }
          facts ??= this.saleFacts(sale, wireTimeCst(this.deps.clock.now()))
          const draft = build.sale({ ...lot, rx: c?.rxFlag ?? false }, facts, {
            units: Number(line.qty),
            priceFenPerBox: this.fen(line.price),
            traceCodes: JSON.parse(line.trace_codes) as string[],
          })
          this.hold({
            training: sale.training,
            infno: '3505',
            storeCode: line.store_code,
            source: `sale:${saleId}:${line.seq}`,
            saleId,
            reason: `「${line.name}」没有入库批次，无法上传生产批号、生产日期和批次流水号：请先按实物补录采购入库，再在此选择批次后补传`,
            draft: draft.ok ? (draft.request as Record<string, unknown>) : draft.draft,
          })
        }
      } else {
        n += this.returnsOfShadow(sale)
        for (const h of holds.saleLineHolds(this.db, saleId)) {
          if (h.resolution === null) this.close(h.id, 'dismissed', 'system', '退货时这一行还没有上传，销售与退货相互抵消，无需上传')
          else if (h.resolution === 'sent' && h.msgid) n += this.returnOfSent(h, sale)
        }
      }
      return n
    })()
  }

  /**
   * Another counter's sale refunded here (store mode): the platform takes the return only against the batch the
   * seller's 3505 named, so each of the seller's accepted 3505s is returned with its own fields. Once per sale.
   */
  private returnsOfShadow(sale: src.SaleRowForUpload): number {
    const sold = shadowSoldUploads(this.db, sale.id)
    if (!sold.length || holds.returnQueued(this.db, sale.id)) return 0
    let n = 0
    sold.forEach((request, i) => {
      const selinfo = (JSON.parse(request) as { selinfo: Record<string, unknown> }).selinfo
      n += this.returnOf(selinfo, sale, { training: sale.training, store_code: String(selinfo.fixmedins_hilist_id), source: `shadow:${sale.id}:${i}` })
    })
    return n
  }

  /** The 3506 of a line the manager sent by hand: the same batch and fields, returned now. */
  private returnOfSent(h: HoldRow, sale: src.SaleRowForUpload): number {
    const sent = JSON.parse(holds.queuedRequest(this.db, h.msgid)) as {
      selinfo: Record<string, unknown>
    }
    return this.returnOf(sent.selinfo, sale, h)
  }

  /** A 3506 from the 3505 that was sent: the same batch and fields, returned now; held with its reason if incomplete. */
  private returnOf(sentSelinfo: Record<string, unknown>, sale: src.SaleRowForUpload, h: Pick<HoldRow, 'training' | 'store_code' | 'source'>): number {
    const keep =
      'med_list_codg fixmedins_hilist_id fixmedins_hilist_name fixmedins_bchno rx_flag manu_lotnum manu_date expy_end psn_no setl_id psn_cert_type mdtrt_sn trdn_flag finl_trns_pric sel_retn_cnt sel_retn_opter_name mdtrt_setl_type drugtracinfo'.split(
        ' ',
      )
    const selinfo = Object.fromEntries(Object.entries(sentSelinfo).filter(([k]) => keep.includes(k)))
    const b = build.finish('3506', { selinfo: { ...selinfo, sel_retn_time: wireTimeCst(this.deps.clock.now()), medins_prod_sel_no: sale.id } })
    if (!b.ok) {
      this.hold({ training: h.training, infno: '3506', storeCode: h.store_code, source: h.source, saleId: sale.id, reason: b.reason, draft: b.draft })
      return 0
    }
    this.deps.queue.enqueueStock({
      infno: '3506',
      saleId: sale.id,
      itemCode: h.store_code,
      request: b.request,
      training: h.training,
      insuplcAdmdvs: sale.insuplc_admdvs,
    })
    return 1
  }

  // ---- what the manager sees and does

  issues(training: boolean): UploadIssue[] {
    const t = training ? 1 : 0
    const held = holds.openHolds(this.db, t)
    const refused = holds.refusedUploads(this.db, t)
    const collided = holds.collidedUploads(this.db, t)
    return [
      ...held.map((h) => ({
        kind: 'held' as const,
        id: h.id,
        infno: h.infno,
        storeCode: h.store_code,
        saleId: h.sale_id,
        reason: h.reason,
        at: h.created_at,
        fields: scalars(inner(JSON.parse(h.draft) as Record<string, unknown>).record),
      })),
      ...refused.map((q) => this.issueOf('refused', q, q.last_error ?? '医保平台拒绝了这条上传')),
      ...collided.map((q) => this.issueOf('collided', q, q.hold_reason)),
    ]
  }

  private issueOf(kind: 'refused' | 'collided', q: QueueUploadRow, reason: string): UploadIssue {
    return {
      kind,
      id: q.msgid,
      infno: q.infno as UploadInfno | '3507',
      storeCode: q.item_code ?? '',
      saleId: q.sale_id,
      reason,
      at: q.updated_at,
      fields: scalars(inner(JSON.parse(q.request) as Record<string, unknown>).record),
    }
  }

  /** The uploads queued lately, newest first: what went, what waits, what was refused. */
  recent(training: boolean, limit: number): QueueUploadRow[] {
    return holds.recentUploads(this.db, training ? 1 : 0, limit)
  }

  /**
   * Completes or corrects an upload and queues it under a new msgid: a held one, or one the platform
   * refused (the refusal proves nothing was recorded under the old msgid). A lot picked for a line that
   * had none fills the batch fields from it. What the manager typed for an item or a pharmacist is
   * remembered for the next uploads. Refused without any change if the request is still incomplete.
   */
  resend(input: { kind: UploadIssue['kind']; id: string; fields: Record<string, string>; lotId?: string; note?: string }, actor: string): string {
    const msgid = this.db.transaction(() => {
      const target = this.target(input.kind, input.id)
      const { key, record } = inner(target.base)
      const merged: Record<string, unknown> = { ...record }
      for (const [k, v] of Object.entries(input.fields)) {
        if (!(k in record) && !(target.infno === '3505' && k === 'prsc_dr_name')) throw new PosError('UPLOAD_FIELD_UNKNOWN', { field: k })
        merged[k] = NUMERIC.has(k) && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v.trim()) : v.trim()
      }
      if (input.lotId) {
        const lot = src.lotFacts(this.db, this.deps.catalog, input.lotId)
        if (lot.storeCode.toUpperCase() !== target.storeCode.toUpperCase())
          throw new PosError('UPLOAD_LOT_MISMATCH', { lotItem: lot.storeCode, uploadItem: target.storeCode })
        for (const [field, from] of Object.entries(LOT_FIELDS)) if (field in merged || target.infno === '3505') merged[field] = lot[from]
      }
      const built = build.finish(target.infno as UploadInfno, { [key]: merged })
      if (!built.ok) throw new PosError('UPLOAD_STILL_INCOMPLETE', { reason: built.reason })
      this.remember(target.training, target.infno, target.storeCode, merged, actor)
      const queued = this.deps.queue.enqueueStock({
        infno: target.infno,
        saleId: target.saleId,
        itemCode: target.storeCode,
        request: built.request,
        training: target.training,
        insuplcAdmdvs: target.insuplcAdmdvs,
      })
      this.settleIssue(input.kind, input.id, 'sent', actor, input.note ?? '已更正后重新上传', queued)
      this.deps.audit.append({
        actor,
        action: 'stock.uploadResent',
        subject: input.id,
        detail: { kind: input.kind, infno: target.infno, msgid: queued, fields: Object.keys(input.fields), lotId: input.lotId ?? null },
      })
      return queued
    })()
    this.deps.changed?.()
    return msgid
  }

  /** The manager decides an upload is not to be sent (with the reason); it leaves the list, audited. */
  dismiss(input: { kind: UploadIssue['kind']; id: string; note: string }, actor: string): void {
    this.db.transaction(() => {
      const target = this.target(input.kind, input.id)
      this.settleIssue(input.kind, input.id, 'dismissed', actor, input.note)
      this.deps.audit.append({ actor, action: 'stock.uploadDismissed', subject: input.id, detail: { kind: input.kind, infno: target.infno, note: input.note } })
    })()
    this.deps.changed?.()
  }

  /** 3507: withdraws a mistaken upload the platform accepted (all of its batch's uploads of that kind). */
  withdraw(input: { msgid: string; note: string }, actor: string): string {
    const msgid = this.db.transaction(() => {
      const row = holds.queuedUpload(this.db, input.msgid)
      if (!row || !isStockUpload(row.infno) || row.infno === '3507') throw new PosError('UPLOAD_NOT_FOUND', { why: 'missing' })
      if (row.state !== 'done') throw new PosError('UPLOAD_NOT_ACCEPTED')
      const bchno = String(inner(JSON.parse(row.request) as Record<string, unknown>).record.fixmedins_bchno ?? '')
      const request = { data: { fixmedins_bchno: bchno, inv_data_type: INV_DATA_TYPE_OF[row.infno] } }
      const queued = this.deps.queue.enqueueStock({
        infno: '3507',
        saleId: row.sale_id,
        itemCode: row.item_code ?? bchno,
        request,
        training: row.training,
        insuplcAdmdvs: null,
      })
      this.deps.audit.append({
        actor,
        action: 'stock.uploadWithdrawn',
        subject: input.msgid,
        detail: { msgid: queued, bchno, invDataType: request.data.inv_data_type, note: input.note },
      })
      return queued
    })()
    this.deps.changed?.()
    return msgid
  }

  private target(kind: UploadIssue['kind'], id: string) {
    if (kind === 'held') {
      const h = holds.hold(this.db, id)
      if (!h || h.resolution !== null) throw new PosError('UPLOAD_NOT_FOUND', { why: 'heldGone' })
      return {
        infno: h.infno as StockUploadInfno,
        base: JSON.parse(h.draft) as Record<string, unknown>,
        storeCode: h.store_code,
        saleId: h.sale_id,
        training: h.training,
        insuplcAdmdvs: h.sale_id ? src.saleRow(this.db, h.sale_id).insuplc_admdvs : null,
      }
    }
    const q = holds.queuedUpload(this.db, id)
    const open = q && !holds.isFixed(this.db, id)
    const fits = q && (kind === 'refused' ? q.state === 'declined' : holds.isHeldUnreplaced(this.db, id))
    if (!q || !open || !fits || !isStockUpload(q.infno)) throw new PosError('UPLOAD_NOT_FOUND', { why: 'gone' })
    return {
      infno: q.infno,
      base: JSON.parse(q.request) as Record<string, unknown>,
      storeCode: q.item_code ?? '',
      saleId: q.sale_id,
      training: q.training,
      insuplcAdmdvs: q.insuplc_admdvs,
    }
  }

  private settleIssue(kind: UploadIssue['kind'], id: string, outcome: 'sent' | 'dismissed', actor: string, note: string, msgid?: string): void {
    if (kind === 'held') {
      this.close(id, outcome, actor, note, msgid)
      return
    }
    const now = this.deps.clock.now().toISOString()
    holds.insertFix(this.db, id, outcome === 'sent' ? 'resent' : 'dismissed', msgid ?? null, note, actor, now)
    if (kind === 'collided') {
      // Out of the order for good: the message never went out under its msgid, and now never will.
      holds.retireCollided(this.db, id, msgid ?? null, actor, now)
    }
  }

  private close(id: string, resolution: 'sent' | 'dismissed', actor: string, note: string, msgid?: string): void {
    holds.closeHold(this.db, id, resolution, this.deps.clock.now().toISOString(), actor, note, msgid ?? null)
  }

  /** Keeps what a manager typed that belongs to the item or the pharmacist, for the uploads after this one. */
  private remember(training: number, infno: StockUploadInfno, storeCode: string, r: Record<string, unknown>, actor: string): void {
    if (infno === '3503' && typeof r.aprvno === 'string' && r.aprvno) this.facts.set(training, 'item', storeCode, 'aprvno', r.aprvno, actor)
    if (infno === '3505' && typeof r.phar_name === 'string' && r.phar_name && typeof r.phar_prac_cert_no === 'string' && r.phar_prac_cert_no) {
      this.facts.set(training, 'pharmacist', r.phar_name, 'phar_prac_cert_no', r.phar_prac_cert_no, actor)
    }
  }
}
