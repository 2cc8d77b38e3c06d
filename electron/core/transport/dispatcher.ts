import { z } from 'zod'
import {
  calls,
  CALL_NAMES,
  issuesOf,
  PosError,
  TransportErrorCodes,
  type CallName,
  type CallOutput,
  type CallResult,
} from '../../../shared/contract'

export type Handlers = {
  [K in CallName]: (input: z.output<(typeof calls)[K]['input']>) => CallOutput<K> | Promise<CallOutput<K>>
}

export type Logger = (entry: { level: 'error' | 'warn'; msg: string; code?: string; call?: string }) => void

function isCallName(name: string): name is CallName {
  return (CALL_NAMES as readonly string[]).includes(name)
}

/**
 * The single entry point of every call, whatever the transport: the input is parsed against the
 * contract before any service sees it, and every failure leaves as a typed error, never a stack trace.
 */
export function createDispatcher(handlers: Handlers, log: Logger) {
  return async function dispatch(name: string, rawInput: unknown): Promise<CallResult> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `${TransportErrorCodes.UNKNOWN_CALL}：${name.slice(0, 40)}` } }
    }
    const parsed = calls[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `${TransportErrorCodes.INVALID_INPUT}：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
          issues,
        },
      }
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown
      const value = calls[name].output.parse(await handler(parsed.data))
      return { ok: true, value }
    } catch (e) {
      if (e instanceof PosError) return { ok: false, error: e.toData() }
      log({ level: 'error', msg: (e as Error).stack ?? String(e), call: name, code: 'INTERNAL' })
      return { ok: false, error: { code: 'INTERNAL', message: TransportErrorCodes.INTERNAL } }
    }
  }
}

export type Dispatch = ReturnType<typeof createDispatcher>
