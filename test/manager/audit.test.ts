import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { startDay, type DayRig } from './rig'

const tempDir = useTempDir()
let rig: DayRig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

const ROOT = resolve(import.meta.dirname, '../..')
function cli(dataDir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', dataDir], { cwd: ROOT, encoding: 'utf8' })
  return { code: r.status, out: r.stdout + r.stderr }
}

async function closedDay(dir: string) {
  rig = await startDay(dir, '2026-11-23')
  await rig.insured('liRetired')
  await rig.cash()
  await rig.as('manager')
  await rig.counter.call('reconcileDay', { day: '2026-11-23' })
  await rig.counter.call('closeDay', { day: '2026-11-23' })
  return rig
}

it('detects a tampered audit row, on the screen and from the command line', async () => {
  const dir = tempDir()
  const r = await closedDay(dir)
  const dataDir = join(dir, 'data')
  expect(await r.counter.call('verifyAudit', {})).toMatchObject({ ok: true, brokenAt: null })
  expect(cli(dataDir)).toMatchObject({ code: 0 })

  // Someone with the database file goes around the triggers and rewrites who approved a refund.
  const row = r.core.db.prepare("SELECT seq FROM audit_log WHERE action = 'sale.settled' LIMIT 1").get() as { seq: number }
  r.core.db.exec('DROP TRIGGER audit_log_no_update')
  r.core.db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = ?").run(row.seq)
  const check = await r.counter.call('verifyAudit', {})
  expect(check).toMatchObject({ ok: false, brokenAt: row.seq })
  expect(check.reason).toContain(String(row.seq))
  const out = cli(dataDir)
  expect(out.code).toBe(1)
  expect(out.out).toContain(`第 ${row.seq} 条`)
  // Refused to everyone but the manager, like every manager call.
  await r.as('cashier')
  expect(await r.counter.refused('verifyAudit', {})).toBe('FORBIDDEN_ROLE')
}, 120_000)

it('detects the tail of the trail cut off after a day close (a shorter chain is still a chain)', async () => {
  const dir = tempDir()
  const r = await closedDay(dir)
  const head = r.core.db.prepare('SELECT audit_seq FROM day_closes').get() as { audit_seq: number }
  r.core.db.exec('DROP TRIGGER audit_log_no_delete')
  r.core.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(head.audit_seq - 1)
  const check = await r.counter.call('verifyAudit', {})
  expect(check.ok).toBe(false)
  expect(check.reason).toContain('2026-11-23')
  expect(cli(join(dir, 'data')).code).toBe(1)
}, 120_000)

it('says so when there is no database', () => {
  expect(cli(tempDir()).code).toBe(2)
})
