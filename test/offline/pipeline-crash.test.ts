import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OfflineSaleRow, QueueRow } from '../../electron/core/offline/queue'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { useTempDir } from '../support/temp-dir'
import { admin, ledger, openTerminal, seeOnline, sellOffline, type OfflineSaleSpec } from './rig'
import { expectEachSettledOnce } from './settled-once'

const ROOT = resolve(import.meta.dirname, '../..')
const tempDir = useTempDir()
/** What the platform holds each settlement for: a sequential forwarder can never beat sales × this. */
const HOLD_MS = 150
let sandbox: RunningSandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(async () => {
  await sandbox.close()
})

interface Exit {
  signal: NodeJS.Signals | null
  out: string
  err: string
}

function worker(dataDir: string): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/offline/forward-worker.ts', dataDir, sandbox.url, '8'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d))
  child.stderr!.on('data', (d: Buffer) => (err += d))
  return { child, done: new Promise<Exit>((res) => child.on('exit', (_code, signal) => res({ signal, out, err }))) }
}

describe('SIGKILL in the middle of the pipeline', () => {
  it("settles every queued sale exactly once at the platform, in each person's order, after restarts", async () => {
    const dir = tempDir()
    const t = openTerminal(dir, sandbox.url, { no: 8 })
    const people = [DEMO.people.chenEmployee, DEMO.people.zhangHusband, DEMO.people.liuWife, DEMO.people.liRetired, DEMO.people.zhouChild]
    for (const p of people) await seeOnline(t, sandbox.url, p.psn_no)
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    for (let i = 0; i < 150; i++) {
      const p = people[i % people.length]
      const spec: OfflineSaleSpec = { idCardNo: p.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: i % 2 ? 'deposit' : 'advance' }
      sellOffline(t, p === DEMO.people.zhouChild ? { ...spec, mulaidId: 'MA0000000006' } : spec)
    }
    const queued = t.db.prepare('SELECT sale_id, msgid, psn_no FROM offline_sales').all() as { sale_id: string; msgid: string; psn_no: string }[]
    await t.close()
    await admin(sandbox.url, 'POST', 'faults', { down: false, latency_ms: HOLD_MS, infnos: ['2102'] })

    const peek = new Database(join(dir, 'gongji.db'), { readonly: true })
    const settledCount = () => (peek.prepare('SELECT COUNT(*) AS n FROM offline_sales WHERE outcome IS NOT NULL').get() as { n: number }).n
    for (const at of [5, 20, 33]) {
      const w = worker(dir)
      while (settledCount() < at) await new Promise((r) => setTimeout(r, 2))
      // Several settlements are on the wire and answers wait in an uncommitted group: kill now.
      await new Promise((r) => setTimeout(r, 7 + (at % 25)))
      w.child.kill('SIGKILL')
      expect((await w.done).signal).toBe('SIGKILL')
    }
    const left = queued.length - settledCount()
    const last = await worker(dir).done
    expect(last.out, last.err).toMatch(/drained \d+/)
    // One message on the wire at a time cannot take less than left × HOLD_MS, however fast the machine:
    // finishing sooner proves the pipeline overlapped them (how much sooner is the bench's business).
    const ms = Number(/drained (\d+)/.exec(last.out)![1])
    expect(ms).toBeLessThan(left * HOLD_MS)

    const sales = peek.prepare('SELECT * FROM offline_sales').all() as OfflineSaleRow[]
    expect(sales).toHaveLength(150)
    const entries = (await ledger(sandbox.url)).filter((e) => e.kind === 'settlement')
    expectEachSettledOnce(peek, sales, queued, entries)
    // The platform took each person's sales in the order they were sold (the queue's order).
    const ours = new Map(queued.map((q, i) => [q.msgid, { psn: q.psn_no, i }]))
    for (const p of people) {
      const atPlatform = entries.filter((e) => ours.get(e.msgid)?.psn === p.psn_no).map((e) => ours.get(e.msgid)!.i)
      expect(atPlatform).toHaveLength(30)
      expect(atPlatform).toEqual([...atPlatform].sort((a, b) => a - b))
    }
    // One sale upload per sale, made once with its settlement's commit. These boxes were never received into
    // a lot, so each is held for the manager (no batch to name) rather than sent with an invented one.
    const msgs = peek.prepare('SELECT * FROM offline_queue ORDER BY seq').all() as QueueRow[]
    const held = peek.prepare("SELECT sale_id FROM stock_upload_holds WHERE infno = '3505'").all() as { sale_id: string }[]
    expect(held).toHaveLength(150)
    expect(new Set(held.map((u) => u.sale_id))).toEqual(new Set(queued.map((q) => q.sale_id)))
    expect(msgs.filter((m) => m.infno !== '2102')).toEqual([])
    expect(msgs.filter((m) => m.state !== 'done')).toEqual([])
    peek.close()
  }, 240_000)
})
