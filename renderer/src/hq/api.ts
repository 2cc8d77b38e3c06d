import type { z } from 'zod'
import { HQ_PAGE_API, hqPageErrorSchema } from '../../../shared/contract/hq/page'

/** A refusal of the HQ node (its code and its own Chinese sentence), or the page's own: NETWORK, BAD_ANSWER. */
export class HqCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'HqCallError'
  }
}

/**
 * One call of the page to its HQ node: JSON in, the answer checked against the schema the node answers with.
 * The session travels in its HttpOnly cookie (same origin); the page never sees it.
 */
export async function hqCall<T>(name: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  let res: Response
  try {
    res = await fetch(`${HQ_PAGE_API}${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  } catch (e) {
    throw new HqCallError('NETWORK', (e as Error).message)
  }
  const json: unknown = await res.json().catch(() => undefined)
  if (!res.ok) {
    const refusal = hqPageErrorSchema.safeParse(json)
    throw refusal.success ? new HqCallError(refusal.data.error.code, refusal.data.error.message) : new HqCallError('BAD_ANSWER', `HTTP ${res.status}`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new HqCallError('BAD_ANSWER', parsed.error.message)
  return parsed.data
}
