import { CONCERN_CONTRACTS, type SomeConcernContract } from '../../../shared/contract/by-concern'
import { CallResultSchema } from '../../../shared/contract/envelope'
import { CONCERN_OF_CALL, CONCERN_OF_EVENT, CALL_NAMES, type CallName, type Concern, type EventName } from '../../../shared/contract/names'
import type { PosApi } from '../../../shared/contract/api'
import { PosCallError } from './errors'

/** What a shell's transport answered for a call, unchecked: the envelope's JSON, and the HTTP status where there is one. */
export interface RawAnswer {
  body: unknown
  status?: number
}

/** A shell's way to the core before anything it brings back is checked. */
export interface RawTransport {
  call(name: CallName, input: unknown): Promise<RawAnswer>
  on(event: EventName, listener: (payload: unknown) => void): () => void
}

export type ConcernLoader = (concern: Concern) => Promise<SomeConcernContract>

const loadFromBundle: ConcernLoader = (concern) => CONCERN_CONTRACTS[concern]()

function transportError(status?: number): PosCallError {
  return new PosCallError({
    code: 'TRANSPORT',
    message: status ? `与收银核心通信失败（HTTP ${status}）` : '与收银核心通信失败',
    params: status ? { status } : {},
  })
}

/**
 * `window.pos` as the screens use it, over either shell's transport. Everything the core sends is checked
 * before a screen sees it: the envelope here, a call's answer against that call's output schema, an event's
 * payload against that event's schema. Those schemas are loaded per concern when a call or event of it is
 * first used (fetched while the call's request is under way), so the login screen does not wait for the
 * whole contract to be built.
 */
export function checkedApi(raw: RawTransport, { load = loadFromBundle, ahead = [] }: { load?: ConcernLoader; ahead?: readonly CallName[] } = {}): PosApi {
  const loaded = new Map<Concern, Promise<SomeConcernContract>>()
  function contractOf(concern: Concern | undefined, name: string): Promise<SomeConcernContract> {
    if (!concern) return Promise.reject(new Error(`not in the contract: ${name}`))
    let p = loaded.get(concern)
    if (!p) {
      p = load(concern)
      // A chunk that failed to arrive is asked for again by the next use, not remembered as failed.
      p.catch(() => loaded.delete(concern))
      loaded.set(concern, p)
    }
    return p
  }

  // Fetched now, not with their first call: the calls the first screen makes before it can be drawn.
  for (const name of ahead) contractOf(CONCERN_OF_CALL.get(name), name).catch(() => undefined)

  async function call(name: CallName, input: unknown): Promise<unknown> {
    const contract = contractOf(CONCERN_OF_CALL.get(name), name)
    contract.catch(() => undefined)
    const answer = await raw.call(name, input)
    const result = CallResultSchema.safeParse(answer.body)
    if (!result.success) throw transportError(answer.status)
    if (!result.data.ok) throw new PosCallError(result.data.error)
    const def = (await contract.catch(() => Promise.reject(transportError()))).calls[name]
    const output = def?.output.safeParse(result.data.value)
    if (!output?.success) {
      throw new PosCallError({ code: 'CORE_ANSWER_INVALID', message: `收银核心对操作 ${name} 的应答不符合约定，未采用`, params: { call: name } })
    }
    return output.data
  }

  // Events reach their listeners in the order they came, across concerns, even while a concern's schemas load.
  let delivery: Promise<void> = Promise.resolve()
  function on(event: EventName, listener: (payload: unknown) => void): () => void {
    contractOf(CONCERN_OF_EVENT.get(event), event).catch(() => undefined)
    let listening = true
    const off = raw.on(event, (payload) => {
      delivery = delivery
        .then(async () => {
          const schema = (await contractOf(CONCERN_OF_EVENT.get(event), event).catch(() => undefined))?.events[event]
          // A payload that does not fit its schema is dropped, as the envelope's misfits always were.
          const parsed = schema?.safeParse(payload)
          if (listening && parsed?.success) listener(parsed.data)
        })
        // A listener that throws is reported as uncaught, and the events after it still arrive.
        .catch(
          (e: unknown) =>
            void setTimeout(() => {
              throw e
            }),
        )
    })
    return () => {
      listening = false
      off()
    }
  }

  const api: Record<string, unknown> = Object.fromEntries(CALL_NAMES.map((name) => [name, (input: unknown) => call(name, input)]))
  api.on = on
  return api as PosApi
}
