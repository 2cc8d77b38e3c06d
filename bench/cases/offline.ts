import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DEMO } from '../../electron/sandbox'
import { admin, openTerminal, seeOnline, sellOffline, type Terminal } from '../../test/offline/rig'
import type { PipelineOptions } from '../../electron/core/offline/forwarder'
import { elapsedMs, type BenchCase, type BenchResult } from '../harness'

const BACKLOG = Number(process.env.GONGJI_BENCH_OFFLINE ?? 10_000)
/** Different people in the realistic backlog: a fifth of the sales, 2,000 of them for 10,000 sales. */
const CROWD = Math.max(10, Math.round(BACKLOG / 5))

/** Who bought what in the backlog: a person's ID card number (seen online before the outage) per sale. */
interface Backlog {
  label: string
  /** The ID card number of each sale's customer, in the order they were sold. */
  buyers: string[]
}

/**
 * A day's outage at a busy store: many different people, some coming back. Half the sales are by a tenth
 * of the crowd (regulars: a repeat prescription, a family member's), the other half spread over the rest;
 * the order is shuffled, so a regular's sales are scattered through the day. Seeded: the same backlog
 * every run.
 */
async function crowdBacklog(url: string, t: Terminal): Promise<Backlog> {
  let seed = 20
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const certnos: string[] = []
  for (let i = 0; i < CROWD; i++) {
    const certno = `410105${1950 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i).padStart(4, '0')}`
    const { psn_no } = await admin<{ psn_no: string }>(url, 'POST', 'persons', {
      name: `顾客${i}`,
      certno,
      insutype: '310',
      psn_type: i % 3 ? '1101' : '1201',
      insuplc_admdvs: '410100',
      acct_balance: 300_000,
    })
    await seeOnline(t, url, psn_no)
    certnos.push(certno)
  }
  const regulars = Math.max(1, Math.round(CROWD / 10))
  const buyers = Array.from({ length: BACKLOG }, (_, i) =>
    i % 2 ? certnos[Math.floor(random() * regulars)] : certnos[regulars + Math.floor(random() * (CROWD - regulars))],
  )
  for (let i = buyers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[buyers[i], buyers[j]] = [buyers[j], buyers[i]]
  }
  return { label: 'pipelined', buyers }
}

/** The backlog of the last sessions: four demo people in turn, two of them sharing mutual-aid quotas. */
async function fourPeopleBacklog(url: string, t: Terminal): Promise<Backlog> {
  const people = [DEMO.people.chenEmployee, DEMO.people.zhangHusband, DEMO.people.liuWife, DEMO.people.liRetired]
  for (const p of people) await seeOnline(t, url, p.psn_no)
  return { label: 'pipelined, four people', buyers: Array.from({ length: BACKLOG }, (_, i) => people[i % people.length].certno) }
}
const ROOT = resolve(import.meta.dirname, '../..')

/** The sandbox platform in its own process (as a provincial gateway would be), on loopback. */
async function sandboxProcess(): Promise<{ url: string; pid: number; stop: () => void }> {
  // BENCH_CPU_PROF=DIR writes the sandbox's CPU profile there (run the bench itself with node --cpu-prof too).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', '--seed', 'demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const first = await new Promise<string>((res, rej) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', res)
    child.once('exit', (code) => rej(new Error(`sandbox exited with ${code}`)))
  })
  return { url: first.trim(), pid: child.pid!, stop: () => child.kill('SIGTERM') }
}

/** CPU seconds a process has used (user + system), from /proc: the sandbox's own share of the work. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/**
 * Queues the backlog while the platform is down, brings it back and times the queue to empty, with where
 * the time went: the sandbox's CPU (its own process), this process's CPU, and the durable commits.
 */
async function forwardBacklog(backlogOf: (url: string, t: Terminal) => Promise<Backlog>, pipeline: PipelineOptions, labelled?: string): Promise<BenchResult[]> {
  const sandbox = await sandboxProcess()
  const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-offline-'))
  const t = openTerminal(dir, sandbox.url, { no: 1, timeoutMs: 10_000, probeOnlineMs: 60_000, pipeline })
  try {
    const backlog = await backlogOf(sandbox.url, t)
    const label = labelled ?? backlog.label
    const people = new Set(backlog.buyers).size
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    t.offline.start()
    const state = () => t.offline.connectivity.current
    while (state() !== 'offline') await new Promise((r) => setTimeout(r, 20))

    const queuedAt = process.hrtime.bigint()
    for (let i = 0; i < BACKLOG; i++) {
      sellOffline(t, { idCardNo: backlog.buyers[i], lines: [{ item: i % 3 ? 'amlodipine' : 'valsartan', qty: 1 }], mode: i % 2 ? 'deposit' : 'advance' })
    }
    const queueMs = elapsedMs(queuedAt)
    // Queueing ran synchronously for minutes: let the loop read what the sandbox did meanwhile (it
    // closed fetch's idle keep-alive connection), or the admin call below is written into it.
    await new Promise((r) => setTimeout(r, 50))

    // Reconnection: from the platform answering again to an empty queue (the probe notices it).
    const back = process.hrtime.bigint()
    const sandboxCpu0 = cpuSecondsOf(sandbox.pid)
    const ownCpu0 = ownCpuSeconds()
    await admin(sandbox.url, 'POST', 'faults', { down: false })
    let onlineMs = 0
    while (t.offline.queue.status().queued > 0) {
      if (!onlineMs && state() === 'online') onlineMs = elapsedMs(back)
      // Not oftener: status() sums the queue (~1.5 ms at 20,000 messages), and polling every 20 ms took
      // 6 % of the forwarding thread.
      await new Promise((r) => setTimeout(r, 100))
    }
    const drainMs = elapsedMs(back)
    const sandboxCpu = cpuSecondsOf(sandbox.pid) - sandboxCpu0
    const ownCpu = ownCpuSeconds() - ownCpu0
    const settled = (t.db.prepare("SELECT COUNT(*) AS n FROM offline_sales WHERE outcome = 'settled'").get() as { n: number }).n
    if (settled !== BACKLOG) throw new Error(`${settled} of ${BACKLOG} offline sales settled`)
    const forwardMs = drainMs - onlineMs
    const messages = (t.db.prepare('SELECT COUNT(*) AS n FROM offline_queue').get() as { n: number }).n
    // Uploads are held, not sent, when a line has no received lot (nothing is invented): the bench's items never were.
    const held = (t.db.prepare("SELECT COUNT(*) AS n FROM stock_upload_holds WHERE infno = '3505'").get() as { n: number }).n
    const f = t.offline.queue.forwarded
    const s1 = (x: number) => Math.round(x * 10) / 10
    return [
      {
        metric: `${label}: reconnection to empty queue (${BACKLOG} sales by ${people} people, ${messages} messages: ${messages - BACKLOG} 3505 uploads sent, ${held} held)`,
        value: s1(drainMs / 1000),
        unit: 's',
        target: label === 'pipelined' ? '< 20 s' : undefined,
      },
      { metric: `${label}: reconnection noticed (health probe, 2 good answers)`, value: Math.round(onlineMs), unit: 'ms' },
      {
        metric: `${label}: forwarding throughput`,
        value: Math.round((messages / forwardMs) * 1000),
        unit: 'messages/s',
        note: `${s1((BACKLOG / forwardMs) * 1000)} sales/s`,
      },
      {
        metric: `${label}: sandbox process CPU while forwarding`,
        value: s1(sandboxCpu),
        unit: 's',
        note: `${Math.round((sandboxCpu / (drainMs / 1000)) * 100)} % of one core`,
      },
      {
        metric: `${label}: client process CPU while forwarding`,
        value: s1(ownCpu),
        unit: 's',
        note: `${Math.round((ownCpu / (drainMs / 1000)) * 100)} % of one core`,
      },
      {
        metric: `${label}: durable commits of answers`,
        value: f.commits,
        unit: '',
        note: `${s1(f.answers / f.commits)} answers each, ${s1(f.commitMs / 1000)} s inside them (statements and WAL flush, synchronous=FULL)`,
      },
      {
        metric: `${label}: queueing an offline sale (draft, estimate, queue, boxes held)`,
        value: Math.round((queueMs / BACKLOG) * 100) / 100,
        unit: 'ms/sale',
      },
    ]
  } finally {
    await t.close()
    sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export const cases: BenchCase[] = [
  {
    name: 'offline forwarding',
    issue: 20,
    findings: `
**The backlog (this session).** Until now the bench's backlog was four demo people in turn, so at most
four 2102s were ever on the wire (each person's next sale waits for the answer to the last). A day's
outage at a busy store has many different people: the first line is now a crowd, seeded so every run sells
the same backlog. 10,000 sales by 2,000 people (a fifth as many people as sales; 1,892 of them are drawn):
half the sales by a tenth of them (200 regulars, ~25 sales each: repeat prescriptions, a family's), the
other half spread over the other 1,800 (~2.8 each), the order shuffled through the day; employees and
retirees with accounts, no mutual-aid quota. The four-person backlog is kept as the line "pipelined, four
people" (two of them share quotas). The 3505 uploads: since the last session a sale line whose item has no
received lot is held for the manager, not queued (nothing is invented); the bench's items were never
received, so each settled sale writes its 3505 hold in the answer's commit and the backlog is 10,000
messages, not the 20,000 of the figures below. The table is the crowd line with the receipt laid out
lazily (below), at load 5-6 (14:26 UTC); the sequential and four-person lines were not run again.

**Where the time went** (\`node --cpu-prof\` of the bench, 2,000 crowd sales, load ~16). Client CPU 2.7 ms
a message (5.3 s); the sandbox 1.45 ms. Per answer: the commit's statements ~0.8 ms (the journal's
message and answer, the sale's state with its audit row, the offline sale's outcome and audit row, the
3505 built from the sale and held with its own rows), the WAL flush of each group commit (9 ms at that
load, ~11 answers a commit), the screens' view of each settled sale ~0.7 ms (the corrected receipt laid
out ~0.35 ms, the view checked by zod as the event leaves), reading the answer ~0.4 ms (zod), and the
socket write ~0.9 ms (on loopback the kernel delivers into the sandbox inside the writer's call). In the
10,000-sale runs at load 20-21 the commits held the thread 90 s of 230 (53 ms a commit, 5.8 answers each).

**What changed it.** The group commit appends its audit rows from the head it holds
(\`AuditTrail.batch\`: the trail's last row is read once a commit, not once a row; the rows are the same,
test/offline/audit-batch.test.ts), one journal serves the group, and the customer's share comes from the
settlement just recorded instead of reading the sale again. Side by side (the same bench on main's code
and on this branch in turn, 10,000 crowd sales, load 20-21): main 175.7 s (client CPU 28.6 s, 1,530
commits), this branch 229.7 s (32.0 s, 1,712 commits): no gain shows through this load's noise; what was
cut is a few percent of the client's CPU. Quieter, the same side by side: 2,000 crowd sales at load 4-5, in
turn main, branch, main, branch: 3.9, 6.1, 6.3 and 5.9 s, client CPU 3.6, 3.6, 3.6 and 3.5 s (1.8 ms a
message), the sandbox 2.1-2.2 s; 10,000 crowd sales, branch then main, load 2-4: **21.0 s** (client CPU
15.5 s, 1.55 ms a message; the sandbox 7.8 s; 448 commits, 22 answers each) and 34.6 s (17.7 s; 8.2 s;
632 commits). The client's CPU is 12 % lower there; the wall time still follows the load. A wider window does not help while the client's thread is the
limit (2,000 crowd sales, load 19-23: window 16: 45.4 and 35.8 s, 400 and 381 commits; window 48: 40.5 s
and 70.5 s, 454 and 491 commits): answers do not queue up for a bigger group, the thread is busy.
Durability and checks are as they were: every answer committed (synchronous=FULL) before it is acted on,
a lost answer's message resent under its msgid (test/offline/ green, the SIGKILL-mid-pipeline test too).

**The receipt laid out lazily (the next session).** \`offlineSaleChanged\` and the \`offlineSales\` list
carry the view with \`receipt: null\`; the receipt (and the sale's lines it needs, one query) is laid out
only for \`offlineSale\`, a call's answer, and printing. The counter's offline list fetches the sale it
opens, and again when told it changed (test/offline/counter-offline.test.ts checks the event and the list
carry none and the opened sale its corrected receipt; the offline e2e opens it from the list). Side by
side, 10,000 crowd sales, this change's tree (\`/work/wt-speed2\`) then main's (c86340f, unpacked beside
it), one after the other: load 5-6, **30.1 s** (client CPU 15.6 s, 1.56 ms a message; the sandbox 8.3 s;
603 commits) against 32.0 s (16.7 s, 1.67 ms; 8.0 s; 574 commits). At load 14-15 a pair ran with the
load falling between them (queueing 12.1 against 6.1 ms a sale shows it): 75.9 s (19.9 s) and 30.1 s
(17.1 s), not comparable. 2,000 crowd sales at load 15-18, in turn main, change, main, change: 37.7,
23.9, 22.8, 23.9 s; client CPU 5.2, 4.3, 4.5, 4.1 s. The client's CPU is 7-17 % lower; the wall time
follows the load, and no quiet moment (load ≤ 4, when the 21.0 s above was taken) came this session.

**Left, and whose it is.** (1) The 3505 of a sale built and held in the answer's commit
(electron/core/stock/uploads/ \`forSale\`, ~0.4 ms a sale: the sale row read twice, the cashier's name and
the store's facts read per sale, the draft's JSON written with the hold). (2) The sandbox's 0.8-1.45 ms a
message. (3) Not profiled again this session (the machine was not quiet). **The < 20 s target is not
met**: 21.0 s at load 2-4 (the session before), 30.1 s at load 5-6 now (main 32.0 s beside it).

**Before this session** (20,000 messages: four people, 3505 uploads sent). The forwarder's statements are
compiled once per connection; 16 messages on the wire over 16 kept-alive connections; answers wait up to
20 ms to share a commit; the sandbox parses its gateway profile and policies once; the bench polls the
queue's status every 100 ms. 10,000 sales, load 14-21: 521 s sequential, 228 s pipelined (the session
before: 631 and 326 s); client CPU 3.9 → 1.8 ms a message, commits 6,399 → 2,715.
`,
    async run() {
      // Same backlog, same sandbox build, one after the other: the sequential forwarder (one message on the
      // wire, one commit per answer: the forwarder as it was) beside the pipelined one.
      // Knobs for profiling: BENCH_OFFLINE_LINES=pipelined,four runs only those (of sequential, pipelined,
      // four); BENCH_WINDOW and BENCH_WAIT try another window and group wait.
      const lines = (process.env.BENCH_OFFLINE_LINES ?? 'sequential,pipelined,four').split(',')
      const options = process.env.BENCH_WINDOW ? { window: Number(process.env.BENCH_WINDOW), groupWaitMs: Number(process.env.BENCH_WAIT ?? 5) } : {}
      const sequential = lines.includes('sequential') ? await forwardBacklog(crowdBacklog, { window: 1, group: 1 }, 'sequential') : []
      const pipelined = lines.includes('pipelined') ? await forwardBacklog(crowdBacklog, options) : []
      // The last sessions' backlog, kept as a second line: four people allow four 2102s on the wire.
      const four = lines.includes('four') ? await forwardBacklog(fourPeopleBacklog, options) : []
      return [...sequential, ...pipelined, ...four]
    },
  },
]
