import { z } from 'zod'
import type { CallName } from './names'
import { SettingsPatchSchema, SettingsSchema } from './settings'

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string
  input: I
  output: O
  /** Error codes this call may answer besides the transport's own. */
  errors: readonly string[]
}

function defineCall<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def
}

const NoInput = z.object({}).strict()

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'web']),
  schemaVersion: z.number().int().nonnegative(),
  dataDir: z.string(),
  startedAt: z.string(),
})

export const calls = {
  appInfo: defineCall({
    summary: 'The running app: version, shell, database schema version, data directory.',
    input: NoInput,
    output: AppInfoSchema,
    errors: [],
  }),
  getSettings: defineCall({
    summary: "The terminal's settings (institution, region, terminal id, training mode, language).",
    input: NoInput,
    output: SettingsSchema,
    errors: [],
  }),
  updateSettings: defineCall({
    summary: 'Changes some settings; answers all of them as stored. Emits settingsChanged.',
    input: SettingsPatchSchema,
    output: SettingsSchema,
    errors: [],
  }),
} satisfies Record<CallName, CallDef>

export type Calls = typeof calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
