import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract'
import type { Clock } from '../../base/clock'
import type { EventBus } from '../events'
import type { Db } from '../../base/store/database'
import { allSettingRows, writeSettings } from './settings-store'

/**
 * A fresh install starts in training mode against the sandbox's demo pharmacy in Zhengzhou, so a new
 * cashier can practise at once; a manager enters the real institution before going live.
 */
export const DEFAULT_SETTINGS: Settings = {
  fixmedinsCode: 'P41010500218',
  fixmedinsName: '郑州共济大药房（金水店）',
  admdvs: '410100',
  terminalId: 'T01',
  trainingMode: true,
  locale: 'zh-CN',
  idleLockMinutes: 10,
  platformUrl: '',
  platformCaPem: '',
  platformPaasid: '',
  platformOperatorCode: '',
  platformOperatorName: '',
  gatewayProfile: { profileId: 'national', overrides: {} },
  // Never a default number: an install (new or upgraded) has none until a manager gives it one.
  terminalNo: null,
  soleInsuranceTerminal: false,
  storeChosenRelative: false,
  requireOpenShift: false,
  // 10 % or ¥20 off a sale: what a shift lead commonly grants alone; more needs the manager.
  discountApproval: { percent: 10, amountFen: 2000 },
}

export class SettingsService {
  /** The last rows read and what they parsed to. */
  private parsed?: { rows: string; settings: Settings }

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
  ) {}

  /**
   * Every call asks (the session's idle lock reads it), and checking each field against its schema was
   * a third of the core's time per call in the screen path's profile (docs/bench-notes/screen-path.md).
   * The rows are still read each time, so a write by any path (devices, master data, secrets) is seen;
   * only an unchanged table skips the parse. A copy is answered: a caller may change what it gets.
   */
  get(): Settings {
    const rows = allSettingRows(this.db)
    const text = JSON.stringify(rows)
    if (this.parsed?.rows !== text) this.parsed = { rows: text, settings: this.parse(rows) }
    return structuredClone(this.parsed.settings)
  }

  private parse(rows: { key: string; value: string }[]): Settings {
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
    // A value that no longer fits the schema (edited by hand, older app) falls back to the default
    // rather than taking the counter down.
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const field = SettingsSchema.shape[key].safeParse(stored[key])
      if (field.success) merged[key] = field.data
    }
    return SettingsSchema.parse(merged)
  }

  update(patch: SettingsPatch): Settings {
    const at = this.clock.now().toISOString()
    this.db.transaction(() => {
      writeSettings(
        this.db,
        Object.entries(patch).flatMap(([key, value]): [string, string][] => (value === undefined ? [] : [[key, JSON.stringify(value)]])),
        at,
      )
    })()
    const settings = this.get()
    this.bus.emit('settingsChanged', { settings })
    return settings
  }
}
