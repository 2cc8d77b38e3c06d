import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calls, MANAGER } from '../../shared/contract'
import { MANAGER_CALLS } from '../../shared/contract/manager/names'
import type { CallName } from '../../shared/contract'
import { useTempDir } from '../support/temp-dir'
import { startDay, type DayRig } from './rig'

const DAY = '2026-11-24'
const tempDir = useTempDir()
let rig: DayRig

/** A valid input for each call, so a refusal can only be about who is asking. */
const INPUTS: Record<(typeof MANAGER_CALLS)[number], unknown> = {
  managerDay: { day: DAY },
  managerDrill: { day: DAY, group: 'all' },
  reconcileDay: { day: DAY },
  reconciliationOf: { day: DAY },
  resolveDifference: { runId: 1, seq: 1, action: 'explain', note: '说明说明' },
  closeDay: { day: DAY },
  zReport: { day: DAY },
  printZReport: { day: DAY },
  monthStatement: { month: DAY.slice(0, 7) },
  exportReport: { scope: 'day', period: DAY, format: 'csv' },
  pendingItems: {},
  verifyAudit: {},
  auditEntries: {},
}

beforeAll(async () => {
  rig = await startDay(tempDir(), DAY)
  await rig.insured('wangFather', { quota: true })
}, 120_000)
afterAll(async () => {
  await rig?.close()
})

describe('manager calls are for the manager only, checked in the core', () => {
  it('declares every manager call as MANAGER in the contract', () => {
    for (const name of MANAGER_CALLS) expect(calls[name].access, name).toEqual(MANAGER)
  })

  for (const role of ['cashier', 'receptionist'] as const) {
    it(`refuses the ${role} on every manager call, changing nothing`, async () => {
      await rig.as(role)
      const auditBefore = rig.core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()
      for (const name of MANAGER_CALLS) {
        expect(await rig.counter.refused(name as CallName, INPUTS[name] as never), name).toBe('FORBIDDEN_ROLE')
      }
      expect(rig.core.db.prepare('SELECT COUNT(*) AS n FROM recon_runs').get()).toEqual({ n: 0 })
      expect(rig.core.db.prepare('SELECT COUNT(*) AS n FROM day_closes').get()).toEqual({ n: 0 })
      expect(rig.core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(auditBefore)
    })
  }

  it('refuses everyone signed out', async () => {
    await rig.core.dispatch('logout', {})
    for (const name of MANAGER_CALLS) expect(await rig.counter.refused(name as CallName, INPUTS[name] as never), name).toBe('NOT_SIGNED_IN')
  })

  it('lets the manager make every call', async () => {
    await rig.as('manager')
    const answered: string[] = []
    for (const name of MANAGER_CALLS) {
      if (name === 'resolveDifference' || name === 'zReport' || name === 'printZReport') continue
      await rig.counter.call(name as CallName, INPUTS[name] as never)
      answered.push(name)
    }
    // The day was reconciled and closed above: its differences can no longer be touched; its Z report is there.
    expect(await rig.counter.refused('resolveDifference', INPUTS.resolveDifference as never)).toBe('DAY_CLOSED')
    expect(await rig.counter.refused('resolveDifference', { ...(INPUTS.resolveDifference as object), runId: 99 } as never)).toBe('DIFFERENCE_NOT_FOUND')
    expect((await rig.counter.call('zReport', { day: DAY })).report.day).toBe(DAY)
    // Allowed, and refused only because this counter has no printer.
    expect(await rig.counter.refused('printZReport', { day: DAY })).toBe('PRINTER_DISABLED')
    expect(answered).toHaveLength(MANAGER_CALLS.length - 3)
  })

  it('refuses bad input with a clear error and a future day outright', async () => {
    expect(await rig.counter.refused('managerDay', { day: '2026-13-45' })).toBe('INVALID_PERIOD')
    expect(await rig.counter.refused('managerDay', { day: '20261124' })).toBe('INVALID_INPUT')
    expect(await rig.counter.refused('managerDay', { day: '2099-01-01' })).toBe('DAY_IN_FUTURE')
    expect(await rig.counter.refused('closeDay', { day: '2099-01-01' })).toBe('DAY_IN_FUTURE')
    expect(await rig.counter.refused('monthStatement', { month: '2099-01' })).toBe('DAY_IN_FUTURE')
    expect(await rig.counter.refused('exportReport', { scope: 'day', period: '2026-11', format: 'csv' })).toBe('INVALID_PERIOD')
  })
})
