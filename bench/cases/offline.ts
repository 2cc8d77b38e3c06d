import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DEMO } from '../../electron/sandbox'
import { admin, openTerminal, seeOnline, sellOffline } from '../../test/offline/rig'
import type { PipelineOptions } from '../../electron/core/offline/forwarder'
import { elapsedMs, type BenchCase, type BenchResult } from '../harness'

const BACKLOG = Number(process.env.GONGJI_BENCH_OFFLINE ?? 10_000)
const ROOT = resolve(import.meta.dirname, '../..')

/** The sandbox platform in its own process (as a provincial gateway would be), on loopback. */
async function sandboxProcess(): Promise<{ url: string; pid: number; stop: () => void }> {
  // BENCH_CPU_PROF=DIR writes the sandbox's CPU profile there (run the bench itself with node --cpu-prof too).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', '--seed', 'demo'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
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
async function forwardBacklog(label: string, pipeline: PipelineOptions): Promise<BenchResult[]> {
  const sandbox = await sandboxProcess()
  const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-offline-'))
  const t = openTerminal(dir, sandbox.url, { no: 1, timeoutMs: 10_000, probeOnlineMs: 60_000, pipeline })
  try {
    const people = [DEMO.people.chenEmployee, DEMO.people.zhangHusband, DEMO.people.liuWife, DEMO.people.liRetired]
    for (const p of people) await seeOnline(t, sandbox.url, p.psn_no)
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    t.offline.start()
    const state = () => t.offline.connectivity.current
    while (state() !== 'offline') await new Promise((r) => setTimeout(r, 20))

    const queuedAt = process.hrtime.bigint()
    for (let i = 0; i < BACKLOG; i++) {
      const p = people[i % people.length]
      sellOffline(t, { idCardNo: p.certno, lines: [{ item: i % 3 ? 'amlodipine' : 'valsartan', qty: 1 }], mode: i % 2 ? 'deposit' : 'advance' })
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
    const f = t.offline.queue.forwarded
    const s1 = (x: number) => Math.round(x * 10) / 10
    return [
      { metric: `${label}: reconnection to empty queue (${BACKLOG} sales, ${messages} messages with 3505 uploads)`, value: s1(drainMs / 1000), unit: 's', target: label === 'pipelined' ? '< 20 s' : undefined },
      { metric: `${label}: reconnection noticed (health probe, 2 good answers)`, value: Math.round(onlineMs), unit: 'ms' },
      { metric: `${label}: forwarding throughput`, value: Math.round((messages / forwardMs) * 1000), unit: 'messages/s', note: `${s1((BACKLOG / forwardMs) * 1000)} sales/s` },
      { metric: `${label}: sandbox process CPU while forwarding`, value: s1(sandboxCpu), unit: 's', note: `${Math.round((sandboxCpu / (drainMs / 1000)) * 100)} % of one core` },
      { metric: `${label}: client process CPU while forwarding`, value: s1(ownCpu), unit: 's', note: `${Math.round((ownCpu / (drainMs / 1000)) * 100)} % of one core` },
      { metric: `${label}: durable commits of answers`, value: f.commits, unit: '', note: `${s1(f.answers / f.commits)} answers each, ${s1(f.commitMs / 1000)} s inside them (statements and WAL flush, synchronous=FULL)` },
      { metric: `${label}: queueing an offline sale (draft, estimate, queue, boxes held)`, value: Math.round((queueMs / BACKLOG) * 100) / 100, unit: 'ms/sale' },
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
    async run() {
      // Same backlog, same sandbox build, one after the other: the sequential forwarder (one message on the
      // wire, one commit per answer: the forwarder as it was) beside the pipelined one.
      const sequential = process.env.BENCH_OFFLINE_PIPELINED_ONLY ? [] : await forwardBacklog('sequential', { window: 1, group: 1 })
      const pipelined = await forwardBacklog('pipelined', process.env.BENCH_WINDOW ? { window: Number(process.env.BENCH_WINDOW), groupWaitMs: Number(process.env.BENCH_WAIT ?? 5) } : {})
      return [...sequential, ...pipelined]
    },
  },
]
