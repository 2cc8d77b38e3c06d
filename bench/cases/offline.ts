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
    notes: 'offline',
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
