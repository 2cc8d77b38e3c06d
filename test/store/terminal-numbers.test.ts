import { afterEach, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { cstDay } from '../../electron/core/sale/cst'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { trainingPlatform } from '../../electron/sandbox/training'
import { terminalNoInUse } from '../../shared/contract'
import { signIn } from '../support/core-session'
import { goLive, LIVE_MANAGER, ok } from '../support/live-counter'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close()
})

const PHARMACY = DEMO.institutions.pharmacy

async function newCore(dir: string): Promise<Core> {
  const core = await createCore({ dataDir: dir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  open.push(core)
  return core
}

/** A counter set up for the demo pharmacy against a shared platform, live, as its manager would. */
async function liveCounter(sandbox: RunningSandbox, settings: { terminalId: string; terminalNo: number | null }): Promise<Core> {
  const core = await newCore(tempDir())
  await goLive(core, sandbox.url, settings)
  return core
}

it('two counters that kept the old terminal id T01 issue distinct msgids once given distinct numbers', async () => {
  const sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
  open.push(sandbox)
  const a = await liveCounter(sandbox, { terminalId: 'T01', terminalNo: 2 })
  const b = await liveCounter(sandbox, { terminalId: 'T01', terminalNo: 3 })
  const day = cstDay(new Date())
  // Both counters talk to the platform in the same moment: sign-in (9001), then 3201 per insurance type.
  const runs = await Promise.all([ok<{ status: string }>(a.dispatch('reconcileDay', { day })), ok<{ status: string }>(b.dispatch('reconcileDay', { day }))])
  expect(runs.map((r) => r.status)).toEqual(['agreed', 'agreed'])
  const sent = sandbox.db.prepare('SELECT msgid, infno FROM messages WHERE fixmedins_code = ?').all(PHARMACY.fixmedins_code) as {
    msgid: string
    infno: string
  }[]
  const digits = new Map<string, number>()
  for (const m of sent) digits.set(m.msgid.slice(26, 28), (digits.get(m.msgid.slice(26, 28)) ?? 0) + 1)
  // Each counter's sign-in and its 3201s, under its own number; none under the id's digits (01).
  expect([...digits.keys()].sort()).toEqual(['02', '03'])
  expect(sent.filter((m) => m.infno === '9001')).toHaveLength(2)
  expect(digits.get('02')).toBe(digits.get('03'))
})

it('refuses to go live without a terminal number, and never takes a live counter its number', async () => {
  const core = await newCore(tempDir())
  await signIn(core, 'manager')
  await ok(core.dispatch('saveUser', { id: LIVE_MANAGER.userId, name: '王店长', role: 'manager', active: true, pin: LIVE_MANAGER.pin }))
  // A fresh install has no number: not one invented for it, the screen says it is unset.
  const fresh = await ok<{ terminalNo: number | null; soleInsuranceTerminal: boolean }>(core.dispatch('getSettings', {}))
  expect(fresh).toMatchObject({ terminalNo: null, soleInsuranceTerminal: false })

  const refused = await core.dispatch('updateSettings', { trainingMode: false })
  expect(refused).toMatchObject({ ok: false, error: { code: 'TERMINAL_NO_REQUIRED' } })
  expect(!refused.ok && refused.error.message).toContain('收银台号')
  expect(await ok(core.dispatch('getSettings', {}))).toMatchObject({ trainingMode: true, terminalNo: null })
  expect(await core.dispatch('updateSettings', { terminalNo: 100 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

  // The number and going live in one step.
  expect(await ok(core.dispatch('updateSettings', { terminalNo: 7, trainingMode: false }))).toMatchObject({ trainingMode: false, terminalNo: 7 })
  await ok(core.dispatch('login', LIVE_MANAGER))
  expect(await core.dispatch('updateSettings', { terminalNo: null })).toMatchObject({ ok: false, error: { code: 'TERMINAL_NO_REQUIRED' } })
  expect(await ok(core.dispatch('updateSettings', { terminalNo: 12 }))).toMatchObject({ terminalNo: 12 })
  const audited = core.db.prepare("SELECT detail FROM audit_log WHERE action = 'settings.changed' ORDER BY seq").all() as { detail: string }[]
  expect(audited.map((r) => JSON.parse(r.detail) as Record<string, unknown>).filter((d) => 'terminalNo' in d)).toEqual([
    { terminalNo: 7, trainingMode: false },
    { terminalNo: 12 },
  ])
})

it('an upgraded live data directory keeps its msgid digits and is told its number is unset', async () => {
  const dir = tempDir()
  const first = await newCore(dir)
  // What a live counter from before terminal numbers left in its settings table.
  first.db
    .prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('trainingMode', 'false', '2026-11-01T00:00:00Z'), ('terminalId', '\"POS-14\"', '2026-11-01T00:00:00Z')",
    )
    .run()
  await first.close()
  open.splice(open.indexOf(first), 1)
  const core = await newCore(dir)
  const s = await ok<Parameters<typeof terminalNoInUse>[0] & { trainingMode: boolean }>(core.dispatch('getSettings', {}))
  expect(s).toMatchObject({ trainingMode: false, terminalId: 'POS-14', terminalNo: null })
  expect(terminalNoInUse(s)).toEqual({ no: 14, assigned: false })
})
