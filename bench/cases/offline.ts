import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DEMO } from '../../electron/sandbox'
import { admin, openTerminal, seeOnline, sellOffline } from '../../test/offline/rig'
import { elapsedMs, type BenchCase } from '../harness'

const BACKLOG = Number(process.env.GONGJI_BENCH_OFFLINE ?? 10_000)
const ROOT = resolve(import.meta.dirname, '../..')

/** The sandbox platform in its own process (as a provincial gateway would be), on loopback. */
async function sandboxProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', '--seed', 'demo'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const first = await new Promise<string>((res, rej) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', res)
    child.once('exit', (code) => rej(new Error(`sandbox exited with ${code}`)))
  })
  return { url: first.trim(), stop: () => child.kill('SIGTERM') }
}

export const cases: BenchCase[] = [
  {
    name: 'offline forwarding',
    issue: 7,
    async run() {
      const sandbox = await sandboxProcess()
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-offline-'))
      const t = openTerminal(dir, sandbox.url, { no: 1, timeoutMs: 10_000, probeOnlineMs: 60_000 })
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
        await admin(sandbox.url, 'POST', 'faults', { down: false })
        let onlineMs = 0
        while (t.offline.queue.status().queued > 0) {
          if (!onlineMs && state() === 'online') onlineMs = elapsedMs(back)
          await new Promise((r) => setTimeout(r, 20))
        }
        const drainMs = elapsedMs(back)
        const settled = (t.db.prepare("SELECT COUNT(*) AS n FROM offline_sales WHERE outcome = 'settled'").get() as { n: number }).n
        if (settled !== BACKLOG) throw new Error(`${settled} of ${BACKLOG} offline sales settled`)
        const forwardMs = drainMs - onlineMs
        const messages = (t.db.prepare('SELECT COUNT(*) AS n FROM offline_queue').get() as { n: number }).n
        return [
          { metric: `reconnection to empty queue (${BACKLOG} sales, ${messages} messages with 3505 uploads)`, value: Math.round(drainMs / 100) / 10, unit: 's' },
          { metric: 'reconnection noticed (health probe, 2 good answers)', value: Math.round(onlineMs), unit: 'ms' },
          { metric: 'forwarding throughput (2102 and 3505 in order, one durable commit each)', value: Math.round((messages / forwardMs) * 1000), unit: 'messages/s' },
          { metric: 'forwarding throughput, sales', value: Math.round((BACKLOG / forwardMs) * 1000 * 10) / 10, unit: 'sales/s' },
          { metric: 'queueing an offline sale (draft, estimate, queue, boxes held)', value: Math.round((queueMs / BACKLOG) * 100) / 100, unit: 'ms/sale' },
        ]
      } finally {
        await t.close()
        sandbox.stop()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
