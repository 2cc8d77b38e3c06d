import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { calls, CALL_NAMES, type CallName, type CallResult, type Role } from '../../shared/contract'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore, type Core } from '../../electron/core/core'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

/**
 * The contract fuzz of the security review, kept: every call, as every role and signed out, with wrong
 * types, numeric extremes, SQL and FTS5 syntax, NUL and odd Unicode. Every answer must be a value or a
 * typed error; INTERNAL (an exception nobody expected) fails the test, with the call and input named.
 */

type Json = Record<string, unknown>
type Phase = 'signed out' | Role

const WRONG_TYPES: unknown[] = [null, undefined, true, 0, -1, [], {}, [[]], { a: 1 }, 'x']
const NUMERIC_EDGES: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  0.1,
  '1e999',
  '-1',
  '0.001',
  '9'.repeat(26),
  '9'.repeat(300),
  `${'9'.repeat(17)}.99`,
  '1.' + '0'.repeat(60) + '1',
  '0x10',
  ' 1',
  '１２',
]
const SQL_FTS: unknown[] = [
  "' OR 1=1 --",
  '"; DROP TABLE sales; --',
  'a" OR "b',
  'NEAR(a b, 2)',
  '*',
  'a AND NOT b',
  '^阿莫',
  '{name_key}: x',
  'name_key : x',
  '%_\\',
  "'); ATTACH DATABASE '/tmp/x' AS x; --",
]
const ODD_UNICODE: unknown[] = [
  'a\u0000b',
  '\u0000',
  '\u202e阿莫西林\u202c',
  '\ud800',
  '\udc00x',
  '\ufeffSG00001',
  'a\u2028b',
  '\u001b[31m\u001bp\u0000',
  '𠀀𠀁',
  'ｓｇ０００１',
  '\u0085\u009b',
  '   ',
  '',
]
const HUGE: unknown[] = ['x'.repeat(100_000), '阿'.repeat(20_000), '9'.repeat(20_000)]
const VALUES = [...WRONG_TYPES, ...NUMERIC_EDGES, ...SQL_FTS, ...ODD_UNICODE, ...HUGE]

/** Inputs of the whole call, not of one field. */
const WHOLE: unknown[] = [
  null,
  undefined,
  [],
  'x',
  42,
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
]

/** Plausible values, tried in order against a string field's pattern and length. */
const STRING_CANDIDATES = [
  'SG00001',
  '2020-01-01',
  '2020-01',
  '1',
  '10.00',
  'P41010500218',
  '410100',
  '000000',
  'fuzz-nobody',
  '41010519900101123X',
  '12345678901234567890',
  '127.0.0.1',
  'x',
]
/** Fields whose plausible value is known by name: things that exist (or safely do not) in this store. */
const BY_NAME: Record<string, unknown> = {
  userId: 'fuzz-nobody',
  pin: '000000',
  storeCode: 'SG00001',
  host: '127.0.0.1',
  port: 9,
  path: '/nonexistent/gongji-fuzz.csv',
  day: '2020-01-01',
  month: '2020-01',
  period: '2020-01-01',
  id: 'fuzz-user',
  role: 'cashier',
  trainingMode: true,
  idleLockMinutes: 120,
}

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  minItems?: number
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  exclusiveMinimum?: number
}

function plausibleString(s: JsonSchema): string {
  const fits = (v: string) => (!s.pattern || new RegExp(s.pattern, 'u').test(v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity)
  return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, s.minLength ?? 1))
}

/** A value the schema most likely accepts, so a fuzzed field is the only thing wrong. */
function plausible(s: JsonSchema, name = ''): unknown {
  if (name in BY_NAME) return BY_NAME[name]
  if (s.const !== undefined) return s.const
  if (s.enum) return s.enum[0]
  const alt = s.anyOf ?? s.oneOf
  if (alt) return plausible(alt[0], name)
  const type = Array.isArray(s.type) ? s.type[0] : s.type
  switch (type) {
    case 'object': {
      const out: Json = {}
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k)) out[k] = plausible(v, k)
      return out
    }
    case 'array':
      return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => plausible(s.items!, name)) : []
    case 'string':
      return plausibleString(s)
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, (s.exclusiveMinimum ?? 0) + 1)
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return 'x'
  }
}

/** The base input, then each property (one level into objects, the first array item) set to each value. */
function* fuzzCases(name: CallName, full: boolean): Generator<unknown> {
  const schema = z.toJSONSchema(calls[name].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const root = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema
  const base = plausible(root) as Json
  yield base
  if (!full) {
    yield* [{}, null, { ...base, extra: 1 }, { ...base, __proto__: { polluted: true } }]
    return
  }
  yield* WHOLE
  yield { ...base, unexpected: 'field' }
  for (const [key, prop] of Object.entries(root.properties ?? {})) {
    for (const v of VALUES) yield { ...base, [key]: v }
    yield Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))
    const inner = prop.type === 'array' ? prop.items : prop
    const innerAlt = inner?.anyOf?.[0] ?? inner?.oneOf?.[0] ?? inner
    if (innerAlt?.type !== 'object' || !innerAlt.properties) continue
    const innerBase = plausible(innerAlt, key) as Json
    for (const innerKey of Object.keys(innerAlt.properties)) {
      for (const v of VALUES) {
        const changed = { ...innerBase, [innerKey]: v }
        yield { ...base, [key]: prop.type === 'array' ? [changed] : changed }
      }
    }
  }
}

const ROLES: Role[] = ['cashier', 'receptionist', 'manager']
/** The least privileged phase allowed to make a call gets the full set; every other phase a few cases. */
function fullPhase(name: CallName): Phase {
  const access = calls[name].access
  if (access === 'public') return 'signed out'
  return ROLES.find((r) => access.includes(r))!
}

const tempDir = useTempDir('gongji-fuzz-')
let core: Core

beforeAll(async () => {
  core = await createCore(
    { dataDir: join(tempDir(), 'data'), shell: 'web', version: 'test' },
    {
      training: trainingPlatform(),
      log: (e) => {
        if ((e as { code?: string }).code === 'INTERNAL') console.error('INTERNAL-LOG', JSON.stringify(e).slice(0, 1500))
      },
    },
  )
  // The training catalog imports in the background: the searches must reach FTS5, not an empty store.
  await signIn(core, 'cashier')
  for (let i = 0; i < 300 && !(await core.dispatch('lookupStoreCode', { storeCode: 'SG00001' })).ok; i++) await new Promise((r) => setTimeout(r, 100))
})
afterAll(async () => {
  await core?.close()
})

async function sessionIs(phase: Phase): Promise<boolean> {
  const s = await core.dispatch('sessionInfo', {})
  if (!s.ok) return false
  const v = s.value as { user: { role: Role } | null; locked: boolean }
  return phase === 'signed out' ? v.user === null : !v.locked && v.user?.role === phase
}

async function enter(phase: Phase): Promise<void> {
  if (await sessionIs(phase)) return
  if (phase === 'signed out') await core.dispatch('logout', {})
  else await signIn(core, phase)
}

/** Calls that may change who is signed in or lock the screen: the session is checked after them. */
const SESSION_CALLS = new Set<string>(['login', 'logout', 'lockSession', 'saveUser', 'updateSettings'])

describe('contract fuzz: every call, every role, hostile inputs', () => {
  it('answers a value or a typed error, never INTERNAL', { timeout: 120_000 }, async () => {
    const started = Date.now()
    const internal: string[] = []
    const codes = new Map<string, number>()
    let total = 0
    for (const phase of ['signed out', ...ROLES] as Phase[]) {
      await enter(phase)
      for (const name of CALL_NAMES) {
        for (const input of fuzzCases(name, fullPhase(name) === phase)) {
          const res: CallResult = await core.dispatch(name, input)
          total += 1
          const code = res.ok ? 'OK' : res.error.code
          codes.set(code, (codes.get(code) ?? 0) + 1)
          if (!res.ok) expect(res.error.message.length, `${name}: an error without words`).toBeGreaterThan(0)
          if (code === 'INTERNAL') internal.push(`${phase} ${name} ${JSON.stringify(input)?.slice(0, 160)}`)
          if (SESSION_CALLS.has(name)) await enter(phase)
        }
      }
    }
    expect(({} as Json).polluted).toBeUndefined()
    console.info(`contract fuzz: ${total} calls in ${Date.now() - started} ms`, Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])))
    expect(internal).toEqual([])
    // The FTS5 path was really taken: a search with a NUL inside still finds by the rest of the text.
    expect(await core.dispatch('searchCatalog', { query: 'sg\u000000001' })).toMatchObject({ ok: true })
    expect(total).toBeGreaterThan(5000)
  })
})
