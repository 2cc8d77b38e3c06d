import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import {
  ConnectionCheckInputSchema,
  ConnectionCheckSchema,
  CredentialSourceCheckInputSchema,
  CredentialSourceCheckSchema,
  LocaleSchema,
  SettingsPatchSchema,
  SettingsSchema,
} from '../settings'
import type { SYSTEM_CALLS } from './names'

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'web']),
  schemaVersion: z.number().int().nonnegative(),
  dataDir: z.string(),
  startedAt: z.string(),
  /** What encrypts the platform secret at rest: the OS keychain, or (none usable) a key file beside the database. */
  secretProtection: z.enum(['os-keychain', 'file-key']),
})

export const systemCalls = {
  appInfo: defineCall({
    summary: 'The running app: version, shell, database schema version, data directory.',
    access: 'public',
    input: NoInput,
    output: AppInfoSchema,
    errors: [],
  }),
  getSettings: defineCall({
    summary: "The terminal's settings (institution, region, terminal id and number, training mode, language).",
    access: 'public',
    input: NoInput,
    output: SettingsSchema,
    errors: [],
  }),
  updateSettings: defineCall({
    summary: 'Changes some settings; answers all of them as stored. Emits settingsChanged.',
    access: MANAGER,
    input: SettingsPatchSchema,
    output: SettingsSchema,
    errors: ['PLATFORM_CA_INVALID', 'TRAINING_SWITCH_REFUSED', 'TERMINAL_NO_REQUIRED', 'TERMINAL_NO_FROM_STORE_NODE', 'MASTER_DATA_READ_ONLY'],
  }),
  setLocale: defineCall({
    summary: 'Switches the language of every screen (also on the login screen). Emits settingsChanged.',
    access: 'public',
    input: z.object({ locale: LocaleSchema }).strict(),
    output: SettingsSchema,
    errors: [],
  }),
  setPlatformSecret: defineCall({
    summary: "Stores the live platform gateway's secret, sealed (the OS keychain in Electron); it is never answered back or logged.",
    access: MANAGER,
    input: z.object({ secret: z.string().min(8, '接入密钥至少 8 位').max(200) }).strict(),
    output: z.object({ stored: z.literal(true), sealedWith: z.string() }),
    errors: ['MASTER_DATA_READ_ONLY'],
  }),
  checkPlatformConnection: defineCall({
    summary:
      "Checks the platform connection as saved (profile, address, credentials): 9001, 1101 on the operator's test person, 1312 and 9002, answering each step's message and answer (masked) and whether it was read. Moves no money.",
    access: MANAGER,
    input: ConnectionCheckInputSchema,
    output: ConnectionCheckSchema,
    errors: [
      'GATEWAY_PROFILE_UNKNOWN',
      'SECRET_SEALED_ELSEWHERE',
      'PLATFORM_ANSWER_REJECTED',
      'PLATFORM_NOT_CONFIGURED',
      'PLATFORM_URL_INVALID',
      'PLATFORM_URL_INSECURE',
    ],
  }),
  checkCredentialSource: defineCall({
    summary:
      "Tries a credential source before it is saved (the gateway's decode service under the saved profile, or a vendor plug-in's address) with a test code a working source refuses, and answers what happened. Identifies nobody, moves no money.",
    access: MANAGER,
    input: CredentialSourceCheckInputSchema,
    output: CredentialSourceCheckSchema,
    errors: ['PLATFORM_NOT_CONFIGURED'],
  }),
} satisfies Record<(typeof SYSTEM_CALLS)[number], CallDef>
