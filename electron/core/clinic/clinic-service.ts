import { type CredentialInput, wireTimeCst, practiceCodes } from '../platform'
import { PosError } from '../../../shared/contract'
import type { ClinicItem, VisitStage, VisitView } from '../../../shared/contract/clinic/schemas'
import type { VisitAction } from '../../../shared/contract/clinic/stage-words'
import { LINE_CLASS_OF } from '../../../shared/catalog/schemas'
import { AddFeeInputSchema, PresettleVisitInputSchema, SetDiagnosisInputSchema, StartVisitInputSchema } from '../../../shared/contract/clinic/schemas'
import type { MemberView } from '../../../shared/contract/sale/schemas'
import { fromFen, round2, toFen, yuan } from '../../../shared/money/money'
import type { TransactionInput } from '../../../shared/nhsa'
import { MED_TYPES } from '../../../shared/nhsa/codes'
import { type SaleJournal, type RecoveryPart, JournalPerTarget, type SettlingServiceDeps, feedetlSn } from '../journal'
import { openMessagesOfKind } from '../ledger'
import { cstDay, cstDayRange, MemberRegistry, receiptOf } from '../sale'
import type { Caller } from '../transport'
import type { z } from 'zod'
import { CLINIC_DEPARTMENTS, CLINIC_DOCTORS } from './data/departments'
import { DEMO_PRICE_LIST_CSV } from './data/demo-price-list'
import { findDiagnosis, searchDiagnoses } from './diagnoses'
import { parsePriceList, PriceList } from './price-list'
import { lineInput, visitHandlers } from './visit-messages'
import { VisitJournal, type OpenVisitMessage, type VisitInfno } from './visit-journal'
import { CLINIC_WIRE, clinicBatchNo } from './wire'
import { VisitStore } from './visit-store'
import { isOpenStage, stageOf, visitView } from './visit-view'

/** A receptionist waits for this many sends of a message before it is left to background recovery. */
const INLINE_ATTEMPTS = 3

export type ClinicServiceDeps = SettlingServiceDeps

/**
 * The clinic front desk: a visit from the patient's code to the receipt. Registration, diagnosis and fee
 * uploads are journaled messages (intent first, resent under the same msgid when an answer is lost); the
 * settlement is the journal's exactly-once 2207 with 2601 on a lost answer, as at the pharmacy counter.
 */
export class ClinicService {
  private readonly members: MemberRegistry
  private readonly store: VisitStore
  readonly priceList: PriceList
  private readonly journals: JournalPerTarget

  constructor(private readonly deps: ClinicServiceDeps) {
    this.members = new MemberRegistry(deps.clock)
    this.store = new VisitStore(deps.db, () => deps.clock.now())
    this.priceList = new PriceList(deps.db, () => deps.clock.now())
    this.journals = new JournalPerTarget(deps, INLINE_ATTEMPTS, { clinic: CLINIC_WIRE })
  }

  private async target(): Promise<SaleJournal> {
    return this.journals.for(await this.deps.connection.current())
  }

  private visits(journal: SaleJournal): VisitJournal {
    return new VisitJournal(journal, this.deps.db, this.deps.audit)
  }

  private tx<T>(fn: () => T): T {
    return this.deps.db.transaction(fn)()
  }

  // ---- reading

  view(visitId: string): VisitView {
    const visit = this.store.get(visitId)
    const sale = this.deps.ledger.get(visitId)
    const job = this.deps.printer.jobs({ saleId: visitId, limit: 1 })[0]
    return visitView(sale, visit, this.store.lines(visitId), job ? job.id : null, this.journals.reader().openMessageCount(visitId))
  }

  private changed(visitId: string): VisitView {
    const visit = this.view(visitId)
    this.deps.events.emit('clinicVisitChanged', { visit })
    return visit
  }

  list(day: string | undefined, limit: number) {
    const [from, to] = cstDayRange(day ?? cstDay(this.deps.clock.now()))
    const reader = this.deps.ledger
    return this.store.ofDay(from, to, limit).map((v) => {
      const sale = reader.get(v.sale_id)
      const stage = stageOf(sale, v)
      return {
        id: v.sale_id,
        stage,
        createdAt: v.created_at,
        nameMasked: sale.name_masked ?? '',
        medTypeName: MED_TYPES[v.med_type_requested],
        department: v.dept_name,
        doctor: v.doctor_name,
        total: fromFen(sale.medfee_fen).toFixed(2),
        cashDue: sale.cash_due_fen === null ? null : fromFen(sale.cash_due_fen).toFixed(2),
        training: sale.training === 1,
        open: isOpenStage(stage),
      }
    })
  }

  setup() {
    return {
      departments: CLINIC_DEPARTMENTS.map((d) => ({ ...d })),
      doctors: CLINIC_DOCTORS.map((d) => ({ ...d })),
      medTypes: (['11', '13', '14'] as const).map((code) => ({ code, name: MED_TYPES[code] })),
      training: this.deps.settings().trainingMode,
    }
  }

  // ---- the patient

  async identify(by: CredentialInput): Promise<MemberView> {
    const t = await this.deps.connection.current()
    return this.members.identify(t.client, this.deps.settings().admdvs, by, {
      storeChosenRelative: this.deps.settings().storeChosenRelative,
      chronicDiseases: true,
    })
  }

  async trainingPatients() {
    if (!this.deps.settings().trainingMode) throw new PosError('NOT_TRAINING', { why: 'practiceCodes' })
    await this.deps.connection.current()
    return practiceCodes(this.deps.connection.trainingSandbox, TRAINING_PATIENTS, this.deps.clock.now())
  }

  // ---- registration (2201)

  async startVisit(raw: z.input<typeof StartVisitInputSchema>, caller: Caller): Promise<VisitView> {
    const input = StartVisitInputSchema.parse(raw)
    const { member, view } = this.members.resolve(input.memberRef)
    const dept = CLINIC_DEPARTMENTS.find((d) => d.code === input.deptCode)
    if (!dept) throw new PosError('UNKNOWN_DEPARTMENT', { code: input.deptCode })
    const doctor = CLINIC_DOCTORS.find((d) => d.code === input.doctorCode)
    if (!doctor) throw new PosError('UNKNOWN_DOCTOR', { code: input.doctorCode })
    if (input.medType === '14' && view.certifications.length === 0) {
      throw new PosError('NO_CERTIFICATION', { why: 'register' })
    }
    const journal = await this.target()
    const begntime = wireTimeCst(this.deps.clock.now())
    const sale = this.tx(() => {
      const s = this.deps.ledger.openVisit(
        // Employees' own account pays by default, as at the counter; the receptionist can change it before settling.
        // acct_used_flag also lets the platform draw relatives' quotas: on even without an own account (the patient may decline).
        { member, medType: '11', acctUsed: true },
        caller.id,
      )
      this.store.insert({
        sale_id: s.id,
        reg_state: 'registering',
        ipt_otp_no: `MZ${begntime.slice(0, 10).replace(/-/g, '')}${s.id.slice(0, 8).toUpperCase()}`,
        chrg_bchno: clinicBatchNo(s.id),
        med_type_requested: input.medType,
        dept_code: dept.code,
        dept_name: dept.name,
        caty: dept.caty,
        doctor_code: doctor.code,
        doctor_name: doctor.name,
        quotas: JSON.stringify(view.quotas),
        certifications: JSON.stringify(view.certifications),
        account_balance: view.accountBalance,
      })
      return s
    })
    const visit = this.store.get(sale.id)
    const request: TransactionInput<'2201'> = {
      data: {
        psn_no: member.psnNo,
        insutype: member.insutype as TransactionInput<'2201'>['data']['insutype'],
        begntime,
        mdtrt_cert_type: member.certType,
        mdtrt_cert_no: member.certNo,
        ...(member.cardSn ? { card_sn: member.cardSn } : {}),
        ipt_otp_no: visit.ipt_otp_no,
        atddr_no: doctor.code,
        dr_name: doctor.name,
        dept_code: dept.code,
        dept_name: dept.name,
        caty: dept.caty,
      },
    }
    await this.send(journal, sale.id, '2201', request, caller.id)
    return this.changed(sale.id)
  }

  private async send<I extends VisitInfno>(journal: SaleJournal, saleId: string, infno: I, request: TransactionInput<I>, actor: string) {
    try {
      return await this.visits(journal).sendVisitMessage(
        saleId,
        infno,
        request,
        actor,
        visitHandlers(this.deps.ledger, this.store, { saleId, infno, request }, actor),
        INLINE_ATTEMPTS,
      )
    } finally {
      this.changed(saleId)
    }
  }

  private requireStage(visitId: string, allowed: VisitStage[], what: VisitAction) {
    const visit = this.store.get(visitId)
    const sale = this.deps.ledger.get(visitId)
    const stage = stageOf(sale, visit)
    if (!allowed.includes(stage)) throw new PosError('VISIT_WRONG_STAGE', { stage, action: what })
    return { visit, sale, stage }
  }

  // ---- diagnosis (2203)

  async setDiagnosis(raw: z.input<typeof SetDiagnosisInputSchema>, caller: Caller): Promise<VisitView> {
    const input = SetDiagnosisInputSchema.parse(raw)
    const { visit, sale } = this.requireStage(input.visitId, ['registered', 'diagnosed', 'presettled'], 'diagnose')
    const diagnoses = input.diagnoses.map((d) => {
      const found = findDiagnosis(d.code)
      if (!found) throw new PosError('UNKNOWN_DIAGNOSIS', { code: d.code })
      return found
    })
    if (input.medType === '14') {
      const certified = new Set((JSON.parse(visit.certifications) as { code: string }[]).map((c) => c.code))
      if (!diagnoses.some((d) => certified.has(d.code))) {
        throw new PosError('NO_CERTIFICATION', { why: 'diagnosis' })
      }
    }
    // With a chronic disease the certified diagnosis leads, so the platform checks the right one.
    const certified = new Set((JSON.parse(visit.certifications) as { code: string }[]).map((c) => c.code))
    const ordered = input.medType === '14' ? [...diagnoses.filter((d) => certified.has(d.code)), ...diagnoses.filter((d) => !certified.has(d.code))] : diagnoses
    const journal = await this.target()
    const main = ordered[0]
    await this.send(
      journal,
      input.visitId,
      '2203',
      {
        mdtrtinfo: {
          mdtrt_id: sale.mdtrt_id!,
          psn_no: sale.psn_no!,
          med_type: input.medType,
          begntime: wireTimeCst(new Date(sale.created_at)),
          dise_codg: main.code,
          dise_name: main.name,
        },
        diseinfo: ordered.map((d, i) => ({
          diag_type: '1',
          diag_srt_no: String(i + 1),
          diag_code: d.code,
          diag_name: d.name,
          diag_dept: visit.dept_name,
          dise_dor_no: visit.doctor_code,
          dise_dor_name: visit.doctor_name,
          diag_time: wireTimeCst(this.deps.clock.now()),
        })),
      },
      caller.id,
    )
    return this.changed(input.visitId)
  }

  searchDiagnoses(query: string, limit: number) {
    return searchDiagnoses(query, limit)
  }

  // ---- fee lines (2204 / 2205)

  searchItems(query: string, limit: number): ClinicItem[] {
    const services: ClinicItem[] = this.priceList.search(query, limit).map((p) => ({
      source: 'price_list',
      code: p.code,
      nationalCode: p.nationalCode,
      name: p.name,
      spec: '',
      unit: p.unit,
      price: p.price,
      category: p.category,
      classLabel: null,
    }))
    if (!query.trim()) return services.slice(0, limit)
    const items: ClinicItem[] = this.deps.catalog
      .search(query, { limit })
      .hits.filter((h) => h.kind !== 'goods')
      .map((h) => ({
        source: 'catalog',
        code: h.storeCode,
        nationalCode: h.nationalCode,
        name: h.name,
        spec: h.spec,
        unit: h.unit,
        price: h.price,
        category: h.kind,
        classLabel: h.classLabel,
      }))
    return [...services, ...items].slice(0, limit)
  }

  addFee(raw: z.input<typeof AddFeeInputSchema>, caller: Caller): VisitView {
    const input = AddFeeInputSchema.parse(raw)
    this.requireStage(input.visitId, ['diagnosed', 'presettled'], 'addFee')
    let line: { code: string; national: string; name: string; spec: string; unit: string; price: string; cls: 'A' | 'B' | 'C' | 'self' }
    if (input.source === 'price_list') {
      const p = this.priceList.find(input.code)
      if (!p) throw new PosError('ITEM_NOT_FOUND', { code: input.code, list: 'priceList' })
      const national = this.deps.catalog.nationalEntry(p.nationalCode)
      line = {
        code: p.code,
        national: p.nationalCode,
        name: p.name,
        spec: '',
        unit: p.unit,
        price: p.price,
        cls: national ? LINE_CLASS_OF[national.chrgitmLv] : 'self',
      }
    } else {
      const item = this.deps.catalog.findByStoreCode(input.code)
      if (!item) throw new PosError('ITEM_NOT_FOUND', { code: input.code, list: 'catalog' })
      if (!item.insuredEligible || !item.nationalCode) {
        throw new PosError('LINE_NOT_INSURABLE', { name: item.name, at: 'clinicItem' })
      }
      line = {
        code: item.storeCode,
        national: item.nationalCode,
        name: item.name,
        spec: item.spec,
        unit: item.unit,
        price: item.price,
        cls: item.chrgitmLv ? LINE_CLASS_OF[item.chrgitmLv] : 'self',
      }
    }
    this.tx(() => {
      const seq = this.store.nextSeq(input.visitId)
      this.store.insertLine({
        sale_id: input.visitId,
        seq,
        feedetl_sn: feedetlSn(input.visitId, seq),
        source: input.source,
        code: line.code,
        national_code: line.national,
        name: line.name,
        spec: line.spec,
        unit: line.unit,
        qty: input.qty,
        price: line.price,
        amount_fen: toFen(round2(yuan(input.qty).times(line.price))),
        class: line.cls,
      })
      this.syncLines(input.visitId, caller.id)
    })
    return this.changed(input.visitId)
  }

  private syncLines(visitId: string, actor: string) {
    this.deps.ledger.setClinicLines(visitId, actor, this.store.lines(visitId, { live: true }).map(lineInput))
  }

  async removeFee(visitId: string, seq: number, caller: Caller): Promise<VisitView> {
    const { sale } = this.requireStage(visitId, ['diagnosed', 'presettled'], 'deleteFee')
    const line = this.store.lines(visitId, { live: true }).find((l) => l.seq === seq)
    if (!line) throw new PosError('FEE_LINE_NOT_FOUND', { seq })
    if (line.state === 'pending') {
      this.tx(() => {
        this.store.setLineState(visitId, [line.feedetl_sn], 'cancelled')
        this.syncLines(visitId, caller.id)
      })
      return this.changed(visitId)
    }
    if (line.state !== 'uploaded') throw new PosError('VISIT_WRONG_STAGE', { why: 'lineInFlight' })
    const journal = await this.target()
    await this.send(
      journal,
      visitId,
      '2205',
      { data: { mdtrt_id: sale.mdtrt_id!, chrg_bchno: clinicBatchNo(visitId), feedetl_sn: line.feedetl_sn, psn_no: sale.psn_no! } },
      caller.id,
    )
    return this.changed(visitId)
  }

  async uploadFees(visitId: string, caller: Caller): Promise<VisitView> {
    const { sale } = this.requireStage(visitId, ['diagnosed', 'presettled'], 'uploadFees')
    const pending = this.store.lines(visitId).filter((l) => l.state === 'pending')
    if (pending.length === 0) throw new PosError('NOTHING_TO_UPLOAD')
    const journal = await this.target()
    const at = wireTimeCst(this.deps.clock.now())
    await this.send(
      journal,
      visitId,
      '2204',
      {
        feedetail: pending.map((l) => ({
          feedetl_sn: l.feedetl_sn,
          mdtrt_id: sale.mdtrt_id!,
          psn_no: sale.psn_no!,
          chrg_bchno: clinicBatchNo(visitId),
          med_list_codg: l.national_code,
          medins_list_codg: l.code,
          det_item_fee_sumamt: fromFen(l.amount_fen).toNumber(),
          cnt: Number(l.qty),
          pric: Number(l.price),
          fee_ocur_time: at,
          bilg_dr_codg: this.store.get(visitId).doctor_code,
          bilg_dr_name: this.store.get(visitId).doctor_name,
        })),
      },
      caller.id,
    )
    return this.changed(visitId)
  }

  // ---- settlement (2206 / 2207)

  async presettle(raw: z.input<typeof PresettleVisitInputSchema>, caller: Caller): Promise<VisitView> {
    const input = PresettleVisitInputSchema.parse(raw)
    const { visit } = this.requireStage(input.visitId, ['diagnosed', 'presettled'], 'presettle')
    if (this.store.lines(input.visitId).some((l) => l.state === 'pending')) await this.uploadFees(input.visitId, caller)
    const live = this.store.lines(input.visitId, { live: true })
    if (live.length === 0) throw new PosError('NO_FEES')
    if (live.some((l) => l.state !== 'uploaded')) throw new PosError('VISIT_WRONG_STAGE', { why: 'linesInFlight' })
    const quotas = JSON.parse(visit.quotas) as { mulaidId: string; payerNameMasked: string; relation: string }[]
    const quota = input.mulaidId ? quotas.find((q) => q.mulaidId === input.mulaidId) : undefined
    if (input.mulaidId && !quota) throw new PosError('QUOTA_NOT_AVAILABLE', { who: 'patient' })
    const journal = await this.target()
    this.tx(() =>
      this.deps.ledger.updateVisit(input.visitId, caller.id, {
        acctUsed: input.acctUsed,
        mulaidId: quota ? quota.mulaidId : null,
        mulaidPayer: quota ? { payerNameMasked: quota.payerNameMasked, relation: quota.relation } : null,
      }),
    )
    try {
      await journal.presettle(input.visitId, caller.id)
    } finally {
      this.changed(input.visitId)
    }
    return this.changed(input.visitId)
  }

  async settle(visitId: string, payment: { method: 'cash'; tendered: string } | { method: 'mobile' }, caller: Caller): Promise<VisitView> {
    if (this.deps.recovery.running) throw new PosError('RECOVERY_IN_PROGRESS')
    this.requireStage(visitId, ['presettled'], 'settle')
    const before = this.view(visitId)
    if (payment.method === 'cash' && before.split && yuan(payment.tendered).lt(before.split.cashDue)) {
      throw new PosError('TENDERED_TOO_LITTLE', { tendered: yuan(payment.tendered).toFixed(2), due: before.split.cashDue })
    }
    const journal = await this.target()
    try {
      await journal.settle(visitId, caller.id, payment)
    } finally {
      this.changed(visitId)
    }
    const r = this.deps.ledger
    this.deps.printer.printCommittedSale({
      saleCommitted: true,
      receipt: receiptOf(r.get(visitId), r.lines(visitId), this.deps.settings(), caller.name || caller.id),
    })
    return this.changed(visitId)
  }

  // ---- refund (2208), cancellation (2205 + 2202)

  async refund(visitId: string, approval: { userId: string; pin: string }, reason: string, caller: Caller): Promise<VisitView> {
    this.requireStage(visitId, ['settled'], 'refund')
    const approver = await this.deps.session.approve(approval, `门诊退费（${reason}）`, visitId)
    const journal = await this.target()
    try {
      await journal.refund(visitId, caller.id, approver)
    } finally {
      this.changed(visitId)
    }
    this.tx(() => this.store.update(visitId, { reg_state: 'cancelling' }))
    await this.cancelOnPlatform(journal, visitId, caller.id).catch(() => undefined)
    return this.changed(visitId)
  }

  async cancelVisit(visitId: string, reason: string, caller: Caller): Promise<VisitView> {
    const { stage } = this.requireStage(visitId, ['registered', 'diagnosed', 'presettled', 'failed'], 'cancel')
    this.deps.audit.append({ actor: caller.id, action: 'visit.cancel-requested', subject: visitId, detail: { reason } })
    if (stage === 'failed') return this.changed(visitId)
    const journal = await this.target()
    this.tx(() => {
      // Pending lines never reached the platform: they simply go.
      this.store.setLineState(visitId, this.store.snsIn(visitId, ['pending']), 'cancelled')
      this.store.update(visitId, { reg_state: 'cancelling' })
    })
    await this.cancelOnPlatform(journal, visitId, caller.id)
    return this.changed(visitId)
  }

  /** Uploaded lines (2205, whole batch), then the registration (2202); each step journaled, each resumable. */
  private async cancelOnPlatform(journal: SaleJournal, visitId: string, actor: string) {
    const sale = this.deps.ledger.get(visitId)
    if (!sale.mdtrt_id || !sale.psn_no) return
    if (this.store.snsIn(visitId, ['uploaded']).length > 0) {
      await this.send(
        journal,
        visitId,
        '2205',
        { data: { mdtrt_id: sale.mdtrt_id, chrg_bchno: clinicBatchNo(visitId), feedetl_sn: '0000', psn_no: sale.psn_no } },
        actor,
      )
    }
    if (this.store.get(visitId).reg_state === 'cancelling') {
      await this.send(
        journal,
        visitId,
        '2202',
        { data: { psn_no: sale.psn_no, mdtrt_id: sale.mdtrt_id, ipt_otp_no: this.store.get(visitId).ipt_otp_no } },
        actor,
      )
    }
  }

  // ---- price list

  importPriceList(csv: string, caller: Caller) {
    const items = parsePriceList(csv)
    this.tx(() => {
      this.priceList.replace(items)
      this.deps.audit.append({ actor: caller.id, action: 'clinic.price-list-imported', subject: 'clinic_price_items', detail: { items: items.length } })
    })
    return { imported: items.length }
  }

  /** Training mode on a fresh install: the demo clinic's price list, so a receptionist can practise at once. */
  seedTrainingPriceList() {
    if (!this.deps.settings().trainingMode || !this.priceList.isEmpty()) return
    const items = parsePriceList(DEMO_PRICE_LIST_CSV)
    this.tx(() => {
      this.priceList.replace(items)
      this.deps.audit.append({
        actor: 'system',
        action: 'clinic.price-list-imported',
        subject: 'clinic_price_items',
        detail: { items: items.length, demo: true },
      })
    })
  }

  // ---- recovery

  /**
   * The front desk's part of the core's recovery loop: before the reversals, every visit message left
   * between intent and answer is sent again under its own msgid (the platform replays what it already
   * did); after them, each visit they touched is shown again and cancellations cut short by a restart are
   * finished. The loop comes back while a visit message is still open.
   */
  recoveryPart(): RecoveryPart {
    return {
      kind: 'clinic',
      resend: async (journal) => {
        for (const m of this.visits(journal).openVisitMessages()) {
          await this.resend(journal, m).catch(() => undefined)
        }
      },
      after: async (journal, outcomes) => {
        for (const o of outcomes) if (this.isVisit(o.saleId)) this.changed(o.saleId)
        for (const v of this.store.inState(['cancelling'])) {
          const sale = this.deps.ledger.get(v.sale_id)
          if (['draft', 'presettled', 'refunded'].includes(sale.state)) await this.cancelOnPlatform(journal, v.sale_id, 'system').catch(() => undefined)
        }
      },
      left: () => this.openMessages(),
      retry: true,
    }
  }

  status() {
    const s = this.deps.settings()
    return {
      recovering: this.deps.recovery.running,
      unresolved: this.openMessages(),
      platform: {
        training: s.trainingMode,
        url: s.trainingMode ? (this.deps.connection.trainingSandbox?.url ?? '') : s.platformUrl,
        error: this.deps.recovery.error,
      },
    }
  }

  private openMessages(): number {
    return openMessagesOfKind(this.deps.db, 'clinic')
  }

  private isVisit(saleId: string) {
    return this.store.isVisit(saleId)
  }

  private async resend(journal: SaleJournal, m: OpenVisitMessage) {
    try {
      await this.visits(journal).resendVisitMessage(m, visitHandlers(this.deps.ledger, this.store, m, 'system'), INLINE_ATTEMPTS)
    } finally {
      if (this.isVisit(m.saleId)) this.changed(m.saleId)
    }
  }
}

/** The demo people a trainee practises the front desk with, and what each one shows. */
const TRAINING_PATIENTS = {
  wangFather: '居民医保老人，有高血压门诊慢特病认定（I10.x00），女儿（苏州职工）为他设置了共济额度',
  liRetired: '退休职工，本年度起付线已满，个人账户余额少，儿子（北京）设置了共济额度',
  zhangHusband: '在职职工，与妻子互设共济额度',
  chenEmployee: '在职职工，只用本人账户',
  zhouChild: '居民医保的孩子，母亲在上海为他设置了共济额度',
}
