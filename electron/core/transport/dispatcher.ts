import { z } from 'zod'
import { calls, CALL_NAMES, issuesOf, PosError, type CallName, type CallOutput, type Access, type CallResult, type Role } from '../../../shared/contract'

/** Who is making a call, as the session service vouches for; `role` is null only for public calls made signed out. */
export interface Caller {
  id: string
  name: string
  role: Role | null
}

export type Handler<K extends CallName> = (input: z.output<(typeof calls)[K]['input']>, caller: Caller) => CallOutput<K> | Promise<CallOutput<K>>
export type Handlers = { [K in CallName]: Handler<K> }
export type HandlersOf<K extends CallName> = { [P in K]: Handler<P> }

/** Decides whether the current session may make a call with this access rule; throws a PosError when not. */
export type Gate = (access: Access, call: CallName) => Caller

export type Logger = (entry: { level: 'error' | 'warn'; msg: string; code?: string; call?: string }) => void

function isCallName(name: string): name is CallName {
  return (CALL_NAMES as readonly string[]).includes(name)
}

/**
 * The single entry point of every call, whatever the transport: the input is parsed against the
 * contract before any service sees it, and every failure leaves as a typed error, never a stack trace.
 */
export function createDispatcher(handlers: Handlers, gate: Gate, log: Logger) {
  return async function dispatch(name: string, rawInput: unknown): Promise<CallResult> {
    if (!isCallName(name)) {
      return { ok: false, error: new PosError('UNKNOWN_CALL', { call: name.slice(0, 40) }).toData() }
    }
    let caller: Caller
    try {
      caller = gate(calls[name].access, name)
    } catch (e) {
      if (e instanceof PosError) return { ok: false, error: e.toData() }
      throw e
    }
    let parsed: ReturnType<(typeof calls)[typeof name]['input']['safeParse']>
    try {
      parsed = calls[name].input.safeParse(rawInput ?? {})
    } catch (e) {
      // A refinement that throws on input its format check already refused (zod runs both): the input
      // is wrong, and that is what the caller hears; the throw is logged so the schema gets fixed.
      log({ level: 'warn', msg: `input check of ${name} threw: ${(e as Error).message}`, call: name, code: 'INVALID_INPUT' })
      return { ok: false, error: new PosError('INVALID_INPUT').toData() }
    }
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      return { ok: false, error: new PosError('INVALID_INPUT', { fields: issues.map((i) => `${i.path} ${i.message}`).join('；') }, issues).toData() }
    }
    try {
      const handler = handlers[name] as (input: unknown, caller: Caller) => unknown
      const value = calls[name].output.parse(await handler(parsed.data, caller))
      return { ok: true, value }
    } catch (e) {
      if (e instanceof PosError) return { ok: false, error: e.toData() }
      log({ level: 'error', msg: (e as Error).stack ?? String(e), call: name, code: 'INTERNAL' })
      return { ok: false, error: new PosError('INTERNAL').toData() }
    }
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>
