import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SettingsSchema } from '../../shared/contract'
import { openDatabase } from '../../electron/base/store/database'
import { EventBus } from '../../electron/core/events'
import { writeSettings } from '../../electron/core/settings'
import { DEFAULT_SETTINGS, SettingsService } from '../../electron/core/settings/settings-service'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
afterEach(() => vi.restoreAllMocks())

function rig() {
  const db = openDatabase(join(tempDir(), 'core.db'), coreMigrations)
  const clock = { now: () => new Date('2026-12-05T08:00:00Z') }
  return { db, settings: new SettingsService(db, clock, new EventBus()), at: clock.now().toISOString() }
}

describe('the settings as every call reads them', () => {
  it('are checked against their schema only when the table changed, yet every writer is seen at once', () => {
    const { db, settings, at } = rig()
    const parse = vi.spyOn(SettingsSchema, 'parse')
    expect(settings.get().idleLockMinutes).toBe(DEFAULT_SETTINGS.idleLockMinutes)
    for (let i = 0; i < 50; i++) settings.get()
    // The session's idle lock asks on every call: 51 reads, one check.
    expect(parse).toHaveBeenCalledTimes(1)

    // Devices, master data and secrets write the table themselves, not through the service.
    db.transaction(() => writeSettings(db, [['idleLockMinutes', '3']], at))()
    expect(settings.get().idleLockMinutes).toBe(3)
    expect(settings.update({ terminalId: 'T02' })).toMatchObject({ terminalId: 'T02', idleLockMinutes: 3 })
    expect(settings.get().terminalId).toBe('T02')
    // A value that no longer fits falls back to the default, as before.
    db.transaction(() => writeSettings(db, [['idleLockMinutes', '"often"']], at))()
    expect(settings.get().idleLockMinutes).toBe(DEFAULT_SETTINGS.idleLockMinutes)
  })

  it('answer a copy: what one caller changes, the next does not see', () => {
    const { settings } = rig()
    const first = settings.get()
    first.discountApproval.percent = 99
    first.terminalId = 'X'
    expect(settings.get()).toMatchObject({ terminalId: DEFAULT_SETTINGS.terminalId, discountApproval: DEFAULT_SETTINGS.discountApproval })
  })
})
