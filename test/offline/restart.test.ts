import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfflineSaleRow } from '../../electron/core/offline/queue'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { useTempDir } from '../support/temp-dir'
import { admin, ledger, openTerminal, seeOnline, sellOffline } from './rig'
import { expectEachSettledOnce } from './settled-once'

const ROOT = resolve(import.meta.dirname, '../..')
const tempDir = useTempDir()
let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(async () => {
  await sandbox.close()
})

function worker(dataDir: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/offline/forward-worker.ts', dataDir, sandbox.url, '7'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d))
  child.stderr!.on('data', (d: Buffer) => (err += d))
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal, out, err })),
  )
  return { child, done }
}

describe('a restart in the middle of forwarding', () => {
  it('resumes at the head after SIGKILLs mid-send, under the same msgids, and settles each sale once', async () => {
    const dir = tempDir()
    const t = openTerminal(dir, sandbox.url, { no: 7 })
    await seeOnline(t, sandbox.url, DEMO.people.chenEmployee.psn_no)
    await seeOnline(t, sandbox.url, DEMO.people.zhouChild.psn_no)
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    for (let i = 0; i < 120; i++) {
      sellOffline(
        t,
        i % 3
          ? { idCardNo: DEMO.people.chenEmployee.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' }
          : { idCardNo: DEMO.people.zhouChild.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'advance', mulaidId: 'MA0000000006' },
      )
    }
    const queued = t.db.prepare('SELECT sale_id, msgid FROM offline_sales').all() as { sale_id: string; msgid: string }[]
    await t.close()
    // Each settlement is held a while by the platform, so a kill lands while one is in flight.
    await admin(sandbox.url, 'POST', 'faults', { down: false, latency_ms: 60, infnos: ['2102'] })

    const peek = new Database(join(dir, 'gongji.db'), { readonly: true })
    const settledCount = () => (peek.prepare('SELECT COUNT(*) AS n FROM offline_sales WHERE outcome IS NOT NULL').get() as { n: number }).n
    let kills = 0
    for (const at of [15, 40, 80]) {
      const w = worker(dir)
      while (settledCount() < at) await new Promise((r) => setTimeout(r, 5))
      // Mid-send: wait until the next settlement has left, then kill.
      await new Promise((r) => setTimeout(r, 20 + (at % 30)))
      w.child.kill('SIGKILL')
      const res = await w.done
      expect(res.signal).toBe('SIGKILL')
      kills += 1
    }
    const last = worker(dir)
    const res = await last.done
    expect(res.out, res.err).toContain('drained')
    expect(kills).toBe(3)

    const sales = peek.prepare('SELECT * FROM offline_sales').all() as OfflineSaleRow[]
    expect(sales).toHaveLength(120)
    // Every sale kept the msgid it was queued with, and the platform took each exactly once.
    expectEachSettledOnce(
      peek,
      sales,
      queued,
      (await ledger(sandbox.url)).filter((e) => e.kind === 'settlement'),
    )
    expect(peek.prepare("SELECT COUNT(*) AS n FROM offline_queue WHERE state != 'done'").get()).toEqual({ n: 0 })
    peek.close()
  }, 240_000)
})
