/**
 * One counter of a chaos run, as its own process: recovers what a previous life left between intent
 * and answer, then rings up its planned steps (insured sales, clinic visits, cash sales, refunds,
 * partial returns) against the sandbox over HTTP, printing each receipt on the run's virtual printer.
 * It dies by SIGKILL where the run tells it to (a named journal step) and fails the answer's disk write
 * once where told; the run kills it from outside at any other moment.
 * Usage: counter.ts --run DIR --terminal N --from OP --to OP [--kill-op OP --kill-step STEP] [--fail-write OP,OP]
 */
import { mkdirSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PrintService } from '../../electron/core/devices/printer/print-service'
import type { JournalStep } from '../../electron/core/journal/hooks'
import type { OpenVisitMessage, VisitMessageHandlers } from '../../electron/core/clinic/visit-journal'
import { clinicBatchNo } from '../../electron/core/clinic/wire'
import { feedetlSn } from '../../electron/core/journal/settlement-wire'
import type { SaleRow } from '../../electron/core/ledger/sale-rows'
import { wireTimeCst } from '../../electron/core/platform/msgid'
import { receiptOf } from '../../electron/core/sale/receipt'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { fromFen, toWireNumber } from '../../shared/money/money'
import type { Member, SaleLineInput } from '../../shared/sale/schemas'
import { buildRig, clock, identify, PHARMACY } from '../support/journal-rig'
import { counterDir, RunConfigSchema, terminalId, type ChaosPerson, type CounterEvent } from './config'
import { dice, opPlan, pick, streamSeed, type OpKind } from './plan'

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    terminal: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'kill-op': { type: 'string' },
    'kill-step': { type: 'string' },
    'fail-write': { type: 'string', default: '' },
  },
})
const runDir = values.run!
const cfg = RunConfigSchema.parse(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')))
const no = Number(values.terminal)
const fromOp = Number(values.from)
const toOp = Number(values.to)
const killOp = values['kill-op'] === undefined ? -1 : Number(values['kill-op'])
const killStep = values['kill-step'] as JournalStep | undefined
const failWrite = new Set(values['fail-write']!.split(',').filter(Boolean).map(Number))
const rates = { namedKill: cfg.namedKillRate, failWrite: cfg.failWriteRate }
const CASHIER = `C${String(no).padStart(3, '0')}`
const MANAGER = 'M001'

/** Synchronous, so a line written just before a SIGKILL reaches the run. */
function emit(e: CounterEvent) {
  const line = JSON.stringify(e) + '\n'
  for (;;) {
    try {
      writeSync(1, line)
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err
    }
  }
}

class AnswerWriteFailed extends Error {
  readonly code = 'ANSWER_WRITE_FAILED'
}

let currentOp = -1
let dying = false
process.on('unhandledRejection', (e) => {
  if (!dying) throw e
})
const dataDir = counterDir(runDir, no)
mkdirSync(dataDir, { recursive: true })
const rig = buildRig(dataDir, cfg.url, {
  timeoutMs: cfg.timeoutMs,
  desk: { institution: PHARMACY, opter: CASHIER, opterName: '收银员', terminalId: terminalId(no), terminalNo: no },
  hooks: {
    async at(step) {
      if (currentOp !== killOp || step !== killStep) return
      emit({ fault: 'named-kill', op: currentOp, step })
      dying = true
      // "After the request left": give it time to reach the platform before the power goes. Its answer
      // may fail meanwhile with nobody awaiting it yet; the process is about to die either way.
      if (step === 'after-send') await new Promise((r) => setTimeout(r, 30))
      process.kill(process.pid, 'SIGKILL')
    },
  },
  // The product queues the traceability uploads here, in the answer's own transaction: a failure
  // rolls the answer back with them, as a failing disk write would.
  onAnswered: () => {
    if (!failWrite.has(currentOp)) return
    failWrite.delete(currentOp)
    emit({ fault: 'write-failed', op: currentOp })
    throw new AnswerWriteFailed('the disk write of the answer failed')
  },
})
const settings = { ...DEFAULT_SETTINGS, trainingMode: false, terminalId: terminalId(no) }
const printer = new PrintService({
  db: rig.db,
  clock,
  settings: { enabled: true, connection: { kind: 'tcp', host: '127.0.0.1', port: cfg.printerPort }, paper: '58', statusQuery: false },
})
printer.start()

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// ---- recovery, as the counter and the front desk do it at start-up and in the background

function visitHandlers(m: OpenVisitMessage): VisitMessageHandlers<never> {
  const open = () => ['draft', 'presettled'].includes(rig.journal.ledger.get(m.saleId).state)
  if (m.infno === '2201') {
    return {
      answered: ((out: { data: { mdtrt_id: string } }) =>
        open() && rig.journal.ledger.updateVisit(m.saleId, 'system', { mdtrtId: out.data.mdtrt_id })) as never,
    }
  }
  if (m.infno === '2203') return { answered: (() => open() && rig.journal.ledger.updateVisit(m.saleId, 'system', { medType: '11' })) as never }
  return { answered: () => {} }
}

function openMessages(): number {
  return (rig.db.prepare("SELECT count(*) AS n FROM platform_messages WHERE state IN ('intent', 'unknown')").get() as { n: number }).n
}

/** Until nothing is left between intent and answer: visit messages asked again, money messages reversed. */
async function recoverAll() {
  const started = performance.now()
  let reversed = 0
  let resent = 0
  let delay = 50
  for (;;) {
    try {
      for (const m of rig.visits.openVisitMessages()) {
        await rig.visits.resendVisitMessage(m as OpenVisitMessage & { infno: never }, visitHandlers(m), 2).catch((e: { code?: string }) => {
          // Refused on resend: the platform certainly did nothing; the journal says so.
          if (e.code === 'VISIT_MESSAGE_UNRESOLVED') throw e
        })
        resent++
      }
      reversed += (await rig.journal.recover(2)).filter((o) => o.outcome === 'reversed').length
    } catch {
      // The platform is unreachable or answers nothing: try again, as the background retry does.
    }
    if (openMessages() === 0) break
    await sleep(delay)
    delay = Math.min(delay * 2, 800)
  }
  return { ms: Math.round(performance.now() - started), reversed, resent }
}

// ---- what a counter sells

const DRUGS = [
  { storeCode: 'SP00002', nationalCode: 'XC08CAA083A001010104082', name: '苯磺酸氨氯地平片', price: '20.00', class: 'A' as const, rxFlag: true },
  { storeCode: 'SP00003', nationalCode: 'XC09CAX046A001010101937', name: '缬沙坦胶囊', price: '28.60', class: 'B' as const, rxFlag: true },
  { storeCode: 'SP00005', nationalCode: 'XA10BAE025A001010102319', name: '盐酸二甲双胍片', price: '12.80', class: 'A' as const, rxFlag: true },
  { storeCode: 'SP00012', nationalCode: 'XM01AEB070N001010100943', name: '布洛芬缓释胶囊', price: '19.80', class: 'A' as const, rxFlag: false },
]
const SHAMPOO = { storeCode: 'SG00001', name: '去屑洗发水', price: '15.00' }

let codeSerial = 0
/** 20 digits never used before: terminal, the moment, a serial. */
function traceCode(): string {
  codeSerial = (codeSerial + 1) % 10000
  return `9${String(no).padStart(2, '0')}${String(Date.now()).padStart(13, '0')}${String(codeSerial).padStart(4, '0')}`
}

async function member(person: { psnNo: string }): Promise<Member> {
  return { ...(await identify({ url: cfg.url }, rig.platform, person.psnNo)), nameMasked: '陈*' }
}

function insuredLines(random: () => number): SaleLineInput[] {
  const n = 1 + Math.floor(random() * 3)
  const lines: SaleLineInput[] = []
  for (const d of [...DRUGS].sort(() => random() - 0.5).slice(0, n)) {
    const qty = 1 + Math.floor(random() * 2)
    lines.push({ ...d, qty: String(qty), insured: true, traceCodes: Array.from({ length: qty }, traceCode) })
  }
  if (random() < 0.25) lines.push({ ...SHAMPOO, qty: '1', insured: false })
  return lines
}

function payer(p: ChaosPerson) {
  return p.mulaidId ? { mulaidId: p.mulaidId, mulaidPayer: { payerNameMasked: '陈*', relation: p.relation ?? 'child' } } : {}
}

function print(saleId: string) {
  const sale = rig.journal.ledger.get(saleId)
  if (sale.state !== 'settled') return
  printer.printCommittedSale({ saleCommitted: true, receipt: receiptOf(sale, rig.journal.ledger.lines(saleId), settings, CASHIER) })
}

/** Pre-settles and settles an open sale (or takes the cash for one the platform need not see), then prints. */
async function settle(saleId: string) {
  const sale = rig.journal.ledger.get(saleId)
  if (sale.medfee_fen === 0) {
    rig.journal.ledger.completeWithoutPlatform(saleId, CASHIER, { method: 'cash', tendered: fromFen(sale.goods_fen).toFixed(2) })
  } else {
    await rig.journal.presettle(saleId, CASHIER)
    await rig.journal.settle(saleId, CASHIER, { method: 'mobile' })
  }
  print(saleId)
}

async function insuredSale(random: () => number) {
  const person = pick(random, cfg.people)
  const m = await member(person)
  const sale = rig.journal.ledger.open(
    { member: m, lines: insuredLines(random), acctUsed: person.acctUsed, ...payer(person), rxno: `RX${no}${currentOp}`, pharmacist: '李药师' },
    CASHIER,
  )
  await settle(sale.id)
  return 'settled'
}

async function cashSale(random: () => number) {
  const lines: SaleLineInput[] = [{ ...SHAMPOO, qty: String(1 + Math.floor(random() * 2)), insured: false }]
  if (random() < 0.5) {
    const d = pick(random, DRUGS)
    lines.push({ storeCode: d.storeCode, name: d.name, price: d.price, qty: '1', insured: false, rxFlag: false })
  }
  const sale = rig.journal.ledger.open({ lines, acctUsed: false }, CASHIER)
  await settle(sale.id)
  return 'settled'
}

async function clinicVisit(random: () => number) {
  const person = pick(random, cfg.people)
  const m = await member(person)
  const sale = rig.journal.ledger.openVisit({ member: m, medType: '11', acctUsed: person.acctUsed, ...payer(person) }, CASHIER)
  const begntime = wireTimeCst(clock.now())
  const reg = await rig.visits.sendVisitMessage(
    sale.id,
    '2201',
    {
      data: {
        psn_no: m.psnNo,
        insutype: m.insutype as '390',
        begntime,
        mdtrt_cert_type: '01',
        mdtrt_cert_no: m.certNo,
        ipt_otp_no: `MZ${sale.id.slice(0, 8)}`,
        atddr_no: 'D001',
        dr_name: '张医生',
        dept_code: 'A03',
        dept_name: '内科',
        caty: 'A03',
      },
    },
    CASHIER,
    { answered: (out) => rig.journal.ledger.updateVisit(sale.id, CASHIER, { mdtrtId: out.data.mdtrt_id }) },
  )
  const mdtrtId = reg.data.mdtrt_id
  await rig.visits.sendVisitMessage(
    sale.id,
    '2203',
    {
      mdtrtinfo: { mdtrt_id: mdtrtId, psn_no: m.psnNo, med_type: '11', begntime, dise_codg: 'J06.900', dise_name: '急性上呼吸道感染' },
      diseinfo: [{ diag_type: '1', diag_srt_no: '1', diag_code: 'J06.900', diag_name: '急性上呼吸道感染' }],
    },
    CASHIER,
    { answered: () => rig.journal.ledger.updateVisit(sale.id, CASHIER, { medType: '11' }) },
  )
  const drugs = [...DRUGS].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 2))
  const lines = drugs.map((d, i) => ({ ...d, seq: i + 1, qty: String(1 + Math.floor(random() * 2)), insured: true }))
  rig.db.transaction(() => rig.journal.ledger.setClinicLines(sale.id, CASHIER, lines))()
  await rig.visits.sendVisitMessage(
    sale.id,
    '2204',
    {
      feedetail: rig.journal.ledger.lines(sale.id).map((l) => ({
        feedetl_sn: feedetlSn(sale.id, l.seq),
        mdtrt_id: mdtrtId,
        psn_no: m.psnNo,
        chrg_bchno: clinicBatchNo(sale.id),
        med_list_codg: l.national_code!,
        medins_list_codg: l.store_code,
        det_item_fee_sumamt: toWireNumber(fromFen(l.amount_fen)),
        cnt: Number(l.qty),
        pric: Number(l.price),
        fee_ocur_time: begntime,
      })),
    },
    CASHIER,
    { answered: () => {} },
  )
  await settle(sale.id)
  return 'settled'
}

function settledSales(where: string): SaleRow[] {
  return rig.db.prepare(`SELECT * FROM sales WHERE state = 'settled' AND ${where} ORDER BY created_at, id`).all() as SaleRow[]
}

async function refund(random: () => number) {
  const candidates = settledSales('1')
  if (candidates.length === 0) return 'nothing-to-refund'
  const sale = pick(random, candidates)
  if (sale.setl_id) await rig.journal.refund(sale.id, CASHIER, MANAGER)
  else rig.journal.ledger.refundWithoutPlatform(sale.id, CASHIER, MANAGER)
  return sale.setl_id ? 'refunded' : 'cash-refunded'
}

/** The customer brings one box back: the whole sale is refunded and what they keep is settled anew. */
async function partialReturn(random: () => number) {
  const candidates = settledSales("kind = 'pharmacy' AND setl_id IS NOT NULL").filter((s) => {
    const lines = rig.journal.ledger.lines(s.id)
    return lines.length > 1 || lines.some((l) => Number(l.qty) > 1)
  })
  if (candidates.length === 0) return 'nothing-to-return'
  const original = pick(random, candidates)
  const lines = rig.journal.ledger.lines(original.id)
  const back = lines.reduce((a, b) => (Number(b.qty) > Number(a.qty) ? b : a))
  const kept = lines
    .map((l) => {
      const qty = l.seq === back.seq ? Number(l.qty) - 1 : Number(l.qty)
      return { l, qty, codes: (JSON.parse(l.trace_codes) as string[]).slice(0, qty) }
    })
    .filter((k) => k.qty > 0)
  await rig.journal.refund(original.id, CASHIER, MANAGER)
  // The refund is done; the customer waits for the replacement until it settles.
  for (let attempt = 0; ; attempt++) {
    try {
      const m = await member({ psnNo: original.psn_no! })
      const replacement = rig.journal.ledger.open(
        {
          member: kept.some((k) => k.l.insured) ? m : undefined,
          lines: kept.map(({ l, qty, codes }) => ({
            storeCode: l.store_code,
            nationalCode: l.national_code ?? undefined,
            name: l.name,
            qty: String(qty),
            price: l.price,
            insured: l.insured === 1,
            rxFlag: l.rx_flag === 1,
            traceCodes: codes,
            class: l.class,
          })),
          acctUsed: original.acct_used === 1,
          ...payer(cfg.people.find((p) => p.psnNo === original.psn_no && p.mulaidId === original.mulaid_id) ?? { ...cfg.people[0], mulaidId: null }),
          rxno: original.rxno ?? undefined,
          pharmacist: original.pharmacist ?? undefined,
          replacesSaleId: original.id,
        },
        CASHIER,
      )
      await settle(replacement.id)
      return 'returned'
    } catch (e) {
      emit({ failed: currentOp, kind: 'partial-replacement', code: (e as { code?: string }).code ?? 'ERROR' })
      await recoverAll()
      await sleep(Math.min(100 * 2 ** attempt, 1500))
    }
  }
}

const RUN: Record<OpKind, (random: () => number) => Promise<string>> = {
  insured: insuredSale,
  clinic: clinicVisit,
  cash: cashSale,
  refund,
  partial: partialReturn,
}

// ---- the life of the process

emit({ recovered: await recoverAll() })
for (let op = fromOp; op < toOp; op++) {
  currentOp = op
  const { kind } = opPlan(cfg.seed, no, op, rates)
  for (let attempt = 0; ; attempt++) {
    emit({ start: op, kind, attempt })
    try {
      const result = await RUN[kind](dice(streamSeed(cfg.seed, 'detail', no, op, attempt)))
      emit({ done: op, kind, result })
      break
    } catch (e) {
      emit({ failed: op, kind, code: (e as { code?: string }).code ?? (e as Error).message.slice(0, 80) })
      if (attempt > 300) throw e
      // Whatever the failure left open is resolved before the counter takes the next sale.
      await recoverAll()
      await sleep(Math.min(50 * 2 ** attempt, 1500))
    }
  }
}
await printer.close()
rig.db.close()
