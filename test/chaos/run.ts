import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { cstDay } from '../../electron/core/sale/cst'
import { buildRig, PHARMACY } from '../support/journal-rig'
import { counterDir, CounterEventSchema, terminalId, type CounterEvent, type RunConfig } from './config'
import { brokenInvariants, readBalances, readCounter, readLedger, reconcileDay, type Balances, type Observation } from './invariants'
import { DEFAULT_RATES, dice, opPlan, opsForSales, pick, SALE_KINDS, streamSeed, type PlanRates } from './plan'
import { createPeople, SandboxProcess } from './sandbox-process'

const ROOT = resolve(import.meta.dirname, '../..')
/** Failures a living counter reports when the platform's answer did not reach its disk. */
const LOST_ANSWER_CODES = new Set(['SETTLEMENT_REVERSED', 'SETTLEMENT_UNRESOLVED', 'REFUND_REVERSED', 'REFUND_UNRESOLVED', 'ANSWER_WRITE_FAILED'])
const MONEY_INFNOS = new Set(['2102', '2103', '2207', '2208'])
const VISIT_INFNOS = new Set(['2201', '2202', '2203', '2204', '2205'])

export interface ChaosOptions {
  seed: number
  /** New sales to complete over all counters (insured, clinic visits, cash); refunds and returns come on top. */
  sales: number
  counters: number
  /** Checks during the run, besides the one at the end (default: one per 250 sales, 1 to 4). */
  checkpoints?: number
  dir?: string
  rates?: Partial<PlanRates>
  /** Pause between clock-driven faults, [min, max] ms. */
  faultGapMs?: [number, number]
  /** The counters' platform timeout; slow answers take longer than this. */
  timeoutMs?: number
  log?: (line: string) => void
}

export interface ChaosReport {
  seed: number
  sales: number
  counters: number
  runDir: string
  durationMs: number
  attempted: number
  settled: number
  reversed: number
  refunded: number
  partialReturns: number
  cashSales: number
  clinicVisits: number
  kills: { named: number; timed: number }
  sandboxKills: number
  outages: number
  slowSpells: number
  dropSpells: number
  lostAnswers: number
  answerWritesFailed: number
  /** From the kill to the restarted counter having nothing left between intent and answer, ms (a kill during a recovery joins it). */
  recoveryMs: number[]
  /** The restarted counter's own recovery (journal.recover and visit resends) alone, ms. */
  recoverCallMs: number[]
  checkpoints: number
  broken: string[]
}

interface Stats {
  attempted: number
  lostAnswers: number
  answerWritesFailed: number
  namedKills: number
  timedKills: number
  recoveryMs: number[]
  recoverCallMs: number[]
}

/** One counter across its lives: each life a process from a step to a step, SIGKILLed or not. */
class CounterProcess {
  next = 0
  private child: ChildProcess | undefined
  private killRequestedAt: number | undefined
  private recoveringSince: number | undefined
  private readonly killsDone = new Set<number>()
  private readonly writesDone = new Set<number>()
  private abandoned = false

  constructor(
    readonly no: number,
    private readonly runDir: string,
    private readonly cfg: RunConfig,
    private readonly rates: PlanRates,
    private readonly stats: Stats,
  ) {}

  get terminal() {
    return terminalId(this.no)
  }

  /** Runs the counter up to (not including) step `to`, starting again after every kill. */
  async runTo(to: number): Promise<void> {
    for (;;) {
      if (this.abandoned) return
      const { code, signal, stderr } = await this.life(to)
      if (signal === 'SIGKILL') continue
      if (code === 0) return
      throw new Error(`${this.terminal} exited with ${code ?? signal}: ${stderr}`)
    }
  }

  /** SIGKILL now, wherever the counter is. */
  killNow(): boolean {
    if (!this.child || this.killRequestedAt !== undefined) return false
    this.killRequestedAt = Date.now()
    this.child.kill('SIGKILL')
    return true
  }

  /** The run is over (another counter failed): no more lives. */
  abandon() {
    this.abandoned = true
    this.child?.kill('SIGKILL')
  }

  private life(to: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    const args = [
      '--import',
      'tsx',
      'test/chaos/counter.ts',
      '--run',
      this.runDir,
      '--terminal',
      String(this.no),
      '--from',
      String(this.next),
      '--to',
      String(to),
    ]
    const writes: number[] = []
    let killOp: { op: number; step: string } | undefined
    for (let op = this.next; op < to; op++) {
      const plan = opPlan(this.cfg.seed, this.no, op, this.rates)
      if (plan.killAt && !killOp && !this.killsDone.has(op)) killOp = { op, step: plan.killAt }
      if (plan.failAnswerWrite && !this.writesDone.has(op)) writes.push(op)
    }
    if (killOp) args.push('--kill-op', String(killOp.op), '--kill-step', killOp.step)
    if (writes.length) args.push('--fail-write', writes.join(','))
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return
      this.observe(CounterEventSchema.parse(JSON.parse(line)))
    })
    return new Promise((res) => {
      child.once('exit', (code, signal) => {
        lines.close()
        this.child = undefined
        if (signal === 'SIGKILL') {
          if (this.killRequestedAt !== undefined) this.stats.timedKills++
          else this.stats.namedKills++
          // Killed again before it had recovered: the recovery still runs from the first kill.
          this.recoveringSince ??= this.killRequestedAt ?? Date.now()
        }
        this.killRequestedAt = undefined
        res({ code, signal, stderr })
      })
    })
  }

  private observe(e: CounterEvent) {
    if ('start' in e) {
      if (SALE_KINDS.has(e.kind as never)) this.stats.attempted++
    } else if ('done' in e) {
      this.next = e.done + 1
      this.killsDone.add(e.done)
      this.writesDone.add(e.done)
    } else if ('failed' in e) {
      if (LOST_ANSWER_CODES.has(e.code)) this.stats.lostAnswers++
    } else if ('recovered' in e) {
      if (this.recoveringSince !== undefined) {
        this.stats.recoveryMs.push(Date.now() - this.recoveringSince)
        this.stats.recoverCallMs.push(e.recovered.ms)
        this.recoveringSince = undefined
      }
    } else if (e.fault === 'named-kill') {
      this.killsDone.add(e.op)
    } else if (e.fault === 'write-failed') {
      this.writesDone.add(e.op)
      this.stats.answerWritesFailed++
    }
  }
}

interface FaultCounts {
  sandboxKills: number
  outages: number
  slowSpells: number
  dropSpells: number
}

/**
 * Clock-driven faults while the counters work: answers dropped after commit, answers slower than the
 * counters' timeout, the platform down and back, the sandbox SIGKILLed and started again, a counter
 * SIGKILLed wherever it is. Each spell ends with every fault cleared.
 */
class FaultLoop {
  private stopped = false
  private wake: (() => void) | undefined
  private running: Promise<void> | undefined

  constructor(
    private readonly sandbox: SandboxProcess,
    private readonly counters: CounterProcess[],
    private readonly counts: FaultCounts,
    private readonly timeoutMs: number,
    private readonly gapMs: [number, number],
  ) {}

  start(random: () => number) {
    this.stopped = false
    this.running = this.loop(random)
  }

  async stop() {
    this.stopped = true
    this.wake?.()
    await this.running
  }

  /** Sleeps, or less when the loop is told to stop. */
  private pause(ms: number) {
    if (this.stopped) return Promise.resolve()
    return new Promise<void>((r) => {
      const t = setTimeout(r, ms)
      this.wake = () => {
        clearTimeout(t)
        r()
      }
    })
  }

  private async loop(random: () => number) {
    const EVENTS = ['calm', 'calm', 'drop', 'drop', 'slow', 'slow', 'down', 'sandbox-kill', 'counter-kill', 'counter-kill', 'counter-kill'] as const
    while (!this.stopped) {
      await this.pause(this.gapMs[0] + random() * (this.gapMs[1] - this.gapMs[0]))
      if (this.stopped) break
      const event = pick(random, EVENTS)
      const hold = 300 + random() * 1500
      switch (event) {
        case 'drop':
          this.counts.dropSpells++
          await this.sandbox.faults({
            drop_after_commit_rate: 0.35,
            infnos: ['2102', '2103', '2207', '2208', '2201', '2204'],
            seed: Math.floor(random() * 1e9),
          })
          await this.pause(hold)
          await this.sandbox.faults({})
          break
        case 'slow':
          this.counts.slowSpells++
          await this.sandbox.faults({ latency_ms: this.timeoutMs + 400, infnos: ['2102', '2103', '2207'] })
          await this.pause(hold)
          await this.sandbox.faults({})
          break
        case 'down':
          this.counts.outages++
          await this.sandbox.faults({ down: true })
          await this.pause(hold * 2)
          await this.sandbox.faults({})
          break
        case 'sandbox-kill':
          this.counts.sandboxKills++
          await this.sandbox.kill()
          await this.pause(hold)
          await this.sandbox.start()
          break
        case 'counter-kill':
          pick(random, this.counters).killNow()
          break
        case 'calm':
          break
      }
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : 0 }
}

/** The whole run: a sandbox process, the counters, faults from the seed, invariants at checkpoints and at the end. */
export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now()
  const log = opts.log ?? (() => {})
  const rates: PlanRates = { ...DEFAULT_RATES, ...opts.rates }
  const timeoutMs = opts.timeoutMs ?? 1200
  const runDir = opts.dir ?? mkdtempSync(join(tmpdir(), 'gongji-chaos-'))
  mkdirSync(join(runDir, 'sandbox'), { recursive: true })
  const checkpoints = opts.checkpoints ?? Math.max(1, Math.min(4, Math.floor(opts.sales / 250)))

  const printer = new VirtualPrinter({ columns: 32 })
  await printer.start()
  const sandbox = new SandboxProcess(join(runDir, 'sandbox'))
  await sandbox.start()
  const { people, quotas } = await createPeople(sandbox.url)
  const cfg: RunConfig = {
    seed: opts.seed,
    url: sandbox.url,
    printerPort: printer.address.port,
    timeoutMs,
    people,
    quotas,
    namedKillRate: rates.namedKill,
    failWriteRate: rates.failWrite,
  }
  writeFileSync(join(runDir, 'run.json'), JSON.stringify(cfg, null, 2))
  const psnNos = [...people.map((p) => p.psnNo), ...quotas.map((q) => q.payerPsnNo)]
  const baseline: Balances = await readBalances(sandbox.url, psnNos, quotas)

  const stats: Stats = { attempted: 0, lostAnswers: 0, answerWritesFailed: 0, namedKills: 0, timedKills: 0, recoveryMs: [], recoverCallMs: [] }
  const counters = Array.from({ length: opts.counters }, (_, i) => new CounterProcess(i + 1, runDir, cfg, rates, stats))
  const counts: FaultCounts = { sandboxKills: 0, outages: 0, slowSpells: 0, dropSpells: 0 }
  const faults = new FaultLoop(sandbox, counters, counts, timeoutMs, opts.faultGapMs ?? [1000, 3000])
  // The reconciliation is the back office's: its own msgids (terminal 99), its own little database.
  mkdirSync(join(runDir, 'office'), { recursive: true })
  const office = buildRig(join(runDir, 'office'), sandbox.url, {
    desk: { institution: PHARMACY, opter: 'M001', opterName: '店长', terminalId: 'T99', terminalNo: 99 },
  })

  const observe = async (): Promise<Observation> => {
    const day = cstDay(new Date())
    return {
      counters: counters.map((c) => readCounter(counterDir(runDir, c.no), c.terminal, day)),
      ledger: await readLedger(sandbox.url),
      dayLedger: await readLedger(sandbox.url, day),
      baseline,
      now: await readBalances(sandbox.url, psnNos, quotas),
      quotas,
      printed: printer.receipts.flatMap((r) => r.qr).map((q) => q.split(':')[2]),
    }
  }

  const perCounter = counters.map((_, i) => Math.floor(opts.sales / opts.counters) + (i < opts.sales % opts.counters ? 1 : 0))
  const legs = checkpoints + 1
  let broken: string[] = []
  let last: Observation | undefined
  try {
    for (let leg = 0; leg < legs && broken.length === 0; leg++) {
      const targets = counters.map((c, i) => {
        const share = Math.floor(perCounter[i] / legs) + (leg < perCounter[i] % legs ? 1 : 0)
        return opsForSales(opts.seed, c.no, c.next, share, rates)
      })
      faults.start(dice(streamSeed(opts.seed, 'faults', leg)))
      try {
        await Promise.all(
          counters.map((c, i) =>
            c.runTo(targets[i]).catch((e: unknown) => {
              for (const other of counters) other.abandon()
              throw e
            }),
          ),
        )
      } finally {
        await faults.stop()
        if (!sandbox.running) await sandbox.start()
        await sandbox.faults({})
      }
      // A checkpoint: each counter recovers what it may have left (a life that recovers and exits), then every invariant.
      for (const c of counters) await c.runTo(c.next)
      last = await observe()
      broken = [...brokenInvariants(last), ...(await reconcileDay(office, last.counters, cstDay(new Date())))]
      log(
        `${leg + 1 === legs ? 'the end' : `checkpoint ${leg + 1}`} (check ${leg + 1}/${legs}): ${counters.map((c) => `${c.terminal} at step ${c.next}`).join(', ')}; ${broken.length ? `${broken.length} broken` : 'every invariant holds'}`,
      )
    }
  } finally {
    office.db.close()
    await sandbox.stop()
    await printer.stop()
  }

  const sales = last!.counters.flatMap((c) => c.sales)
  const messages = last!.counters.flatMap((c) => c.messages)
  const done = (s: { state: string }) => s.state === 'settled' || s.state === 'refunded'
  return {
    seed: opts.seed,
    sales: opts.sales,
    counters: opts.counters,
    runDir,
    durationMs: Date.now() - started,
    attempted: stats.attempted,
    settled: sales.filter(done).length,
    reversed: messages.filter((m) => MONEY_INFNOS.has(m.infno) && m.state === 'reversed').length,
    refunded: sales.filter((s) => s.state === 'refunded').length,
    partialReturns: sales.filter((s) => s.replaces_sale_id && done(s)).length,
    cashSales: sales.filter((s) => !s.psn_no && done(s)).length,
    clinicVisits: sales.filter((s) => s.kind === 'clinic' && done(s)).length,
    kills: { named: stats.namedKills, timed: stats.timedKills },
    ...counts,
    lostAnswers: stats.lostAnswers + messages.filter((m) => VISIT_INFNOS.has(m.infno) && m.attempts > 1).length,
    answerWritesFailed: stats.answerWritesFailed,
    recoveryMs: stats.recoveryMs,
    recoverCallMs: stats.recoverCallMs,
    checkpoints,
    broken,
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** The report as the terminal shows it; the last line is the verdict. */
export function formatReport(r: ChaosReport): string {
  const rec = summary(r.recoveryMs)
  const call = summary(r.recoverCallMs)
  const replay = `npm run chaos -- --seed ${r.seed} --sales ${r.sales} --counters ${r.counters}`
  const lines = [
    `chaos: seed ${r.seed}, ${r.sales} sales on ${r.counters} counters (${Array.from({ length: r.counters }, (_, i) => terminalId(i + 1)).join(', ')}), ${secs(r.durationMs)}`,
    `attempted ${r.attempted}  settled ${r.settled} (clinic visits ${r.clinicVisits}, cash-only ${r.cashSales})  reversed ${r.reversed}  refunded ${r.refunded}  partial returns ${r.partialReturns}`,
    `kills ${r.kills.named + r.kills.timed} (at a named journal step ${r.kills.named}, at any moment ${r.kills.timed})  sandbox kills ${r.sandboxKills}  platform outages ${r.outages}  slow spells ${r.slowSpells}  drop spells ${r.dropSpells}`,
    `lost answers ${r.lostAnswers}  answer writes failed ${r.answerWritesFailed}`,
    `recovery after a kill (kill -> restarted counter with nothing open): p50 ${secs(rec.p50)}  p99 ${secs(rec.p99)}  max ${secs(rec.max)}  (n=${rec.n}; recovery call alone: p50 ${secs(call.p50)}, p99 ${secs(call.p99)}, max ${secs(call.max)})`,
    `checkpoints ${r.checkpoints} + the end`,
    ...r.broken.map((b) => `BROKEN: ${b}`),
    r.broken.length === 0
      ? `verdict: PASS: every invariant held at every checkpoint (seed ${r.seed}; replay: ${replay})`
      : `verdict: FAIL: ${r.broken.length} broken invariant(s) with seed ${r.seed}; replay: ${replay}`,
  ]
  return lines.join('\n')
}
