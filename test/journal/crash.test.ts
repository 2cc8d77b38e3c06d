import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sum } from '../../shared/money/money'
import type { JournalStep } from '../../electron/core/journal/hooks'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { admin, DEMO, PHARMACY, startSandbox, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../..')
const STEPS: JournalStep[] = ['before-intent', 'after-intent', 'after-send', 'after-answer', 'after-store']
/** Rounds of one kill per step; CI runs a few, `GONGJI_CRASH_ROUNDS=40` runs hundreds of sales. */
const ROUNDS = Number(process.env.GONGJI_CRASH_ROUNDS ?? 3)
const QUOTA = 200
const tempDir = useTempDir()
let sandbox: RunningSandbox
const printer = new VirtualPrinter({ columns: 32 })

function runWorker(dataDir: string, sales: number, kill?: { step: JournalStep; index: number }) {
  const args = [
    '--import',
    'tsx',
    'test/support/crash-worker.ts',
    dataDir,
    sandbox.url,
    String(printer.address.port),
    String(sales),
    ...(kill ? [kill.step, String(kill.index)] : []),
  ]
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((res) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d))
    child.stderr.on('data', (d: Buffer) => (err += d))
    child.on('exit', (code, signal) => res({ code, signal, out, err }))
  })
}

beforeAll(async () => {
  await printer.start()
  sandbox = await startSandbox({ seed: 'demo' })
  // Less quota than the run's sales want (about ten 20.00 sales a round): it runs out part-way, as it
  // does at any scale in the 40-round mode, so the checks below must hold either way.
  await admin(sandbox, 'PUT', 'mutual-aid/MA0000000001/quota', { amount: QUOTA })
  // Hold each settlement long enough for a kill to land while it is in flight.
  await admin(sandbox, 'POST', 'faults', { latency_ms: 120, infnos: ['2102'] })
})
afterAll(async () => {
  await sandbox.close()
  await printer.stop()
})

describe('crash recovery (SIGKILL at every step of a sale)', () => {
  it(`after ${ROUNDS} rounds of kills, the ledger and the journal agree sale by sale`, async () => {
    const dataDir = tempDir()
    const seed = Number(process.env.GONGJI_CRASH_SEED ?? Date.now() % 100000)
    let rnd = seed
    const random = (n: number) => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31), rnd % n)
    for (let round = 0; round < ROUNDS; round++) {
      for (const step of STEPS) {
        const index = random(3)
        const killed = await runWorker(dataDir, 3, { step, index })
        expect(killed.signal, `seed ${seed}, ${step} #${index}: ${killed.err}`).toBe('SIGKILL')
        const clean = await runWorker(dataDir, 1)
        expect(clean.code, `seed ${seed}: ${clean.err}`).toBe(0)
      }
    }

    const db = new Database(join(dataDir, 'gongji.db'), { readonly: true })
    const sales = db.prepare('SELECT id, state, settled_msgid, setlinfo FROM sales').all() as {
      id: string
      state: string
      settled_msgid: string | null
      setlinfo: string | null
    }[]
    const open = db.prepare("SELECT count(*) AS n FROM platform_messages WHERE state IN ('intent', 'unknown')").get() as { n: number }
    db.close()
    const { entries } = await admin<{ entries: { kind: string; msgid: string; ref_msgid: string | null; acct_mulaid_pay: number }[] }>(
      sandbox,
      'GET',
      `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`,
    )
    const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
    const live = entries.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid))
    const settled = sales.filter((s) => s.state === 'settled')

    expect(open.n, 'no message left between intent and answer').toBe(0)
    // Open carts (draft, presettled) are fine: no money moved for them.
    expect(
      sales.filter((s) => !['settled', 'draft', 'presettled'].includes(s.state)),
      'no sale left in an in-between state',
    ).toEqual([])
    // Sale by sale: every live settlement at the platform is a settled sale here, and the reverse.
    expect(new Set(live.map((e) => e.msgid))).toEqual(new Set(settled.map((s) => s.settled_msgid)))
    expect(live.length).toBe(settled.length)
    // No quota charged twice: what the platform took is exactly what our settled sales took.
    const quota = (
      await admin<{ as_payer: { mulaid_id: string; quota_balc: number }[] }>(sandbox, 'GET', `persons/${DEMO.people.wangDaughter.psn_no}`)
    ).as_payer.find((r) => r.mulaid_id === 'MA0000000001')!.quota_balc
    expect(sum([QUOTA, sum(live.map((e) => -e.acct_mulaid_pay))]).toNumber()).toBe(quota)
    // Each settled sale took from the quota exactly what the platform's entry for its msgid says, and
    // together exactly what the quota lost: whether the quota ran out after 100 sales or never did.
    const byMsgid = new Map(live.map((e) => [e.msgid, e.acct_mulaid_pay]))
    const took = settled.map((s) => ({ msgid: s.settled_msgid, ours: (JSON.parse(s.setlinfo!) as { acct_mulaid_pay: number }).acct_mulaid_pay }))
    expect(took.filter((t) => byMsgid.get(t.msgid!) !== t.ours)).toEqual([])
    expect(sum(took.map((t) => t.ours)).toNumber()).toBe(sum([QUOTA, -quota]).toNumber())
    // No receipt on paper for a sale that is not settled: each printed QR code names its sale.
    const printed = printer.receipts.flatMap((r) => r.qr).map((q) => q.split(':')[2])
    const settledIds = new Set(settled.map((s) => s.id))
    expect(printed.length).toBeGreaterThan(0)
    expect(printed.filter((id) => !settledIds.has(id))).toEqual([])
  }, 600_000)
})
