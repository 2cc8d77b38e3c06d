import type { CallInput } from '../calls'
import type { Role } from '../define'
import type { Settings, SettingsPatch } from '../settings'
import { STORE_SETTINGS_KEYS, type StoreSettingsKey } from './master-data'

/**
 * What the master-data screens send, built once for both ways of saving: a standalone counter writes it here
 * (`saveUser`, `updateSettings` …), a manager in store mode publishes it to the store node (`publishMasterData`).
 */

type StorePatch = Extract<CallInput<'publishMasterData'>, { kind: 'settings' }>['patch']

const STORE_KEYS: ReadonlySet<string> = new Set<string>(STORE_SETTINGS_KEYS)

export function isStoreSetting(key: string): key is StoreSettingsKey {
  return STORE_KEYS.has(key)
}

/**
 * A settings form's patch split in store mode: the store's settings that differ from what this counter holds
 * (published; null when none changed) and the counter's own (its id, number, training mode …, saved here).
 */
export function splitSettings(before: Settings, patch: SettingsPatch): { store: StorePatch | null; local: SettingsPatch } {
  const store: Record<string, unknown> = {}
  const local: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) {
    if (!isStoreSetting(k)) local[k] = v
    else if (JSON.stringify(v) !== JSON.stringify(before[k])) store[k] = v
  }
  return { store: Object.keys(store).length > 0 ? (store as StorePatch) : null, local: local as SettingsPatch }
}

export interface UserDraft {
  id: string
  name: string
  role: Role
  active: boolean
  /** Empty: the PIN stays. */
  pin: string
  opterCode: string
  opterName: string
}

/** The user as `saveUser` and a published user both take it. */
export function userInput(draft: UserDraft): CallInput<'saveUser'> {
  const { opterCode, opterName, pin, ...user } = draft
  const code = opterCode.trim()
  return {
    ...user,
    pin: pin || undefined,
    // The operator's name defaults to the user's own: most agencies register staff under their names.
    nhsaOperator: code ? { code, name: opterName.trim() || draft.name } : null,
  }
}

/**
 * A store item's new price from a moment typed as Beijing time (`YYYY-MM-DDTHH:mm`, a datetime-local
 * field), the counters' clock; empty: from now.
 */
export function priceInput(storeCode: string, price: string, validFrom: string, now: Date): CallInput<'publishMasterData'> {
  const from = validFrom.trim() ? `${validFrom.trim().length === 16 ? `${validFrom.trim()}:00` : validFrom.trim()}+08:00` : now.toISOString()
  return { kind: 'price', storeCode, price: price.trim(), validFrom: from }
}
