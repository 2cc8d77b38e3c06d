import type { z } from 'zod'
import { syncErrorSchema } from '../../../shared/contract/sync/wire'
import { StoreNodeError } from '../errors'

/**
 * The store node's one way of calling its head office (the push up and the master-data pull down): zod on the
 * answer, HQ's refusal kept in its words, HQ unreachable said as such.
 */
export async function callHq<T>(url: string, key: string | null, body: unknown, schema: z.ZodType<T>, timeoutMs: number): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (e) {
    throw new StoreNodeError('HQ_UNREACHABLE', `连不上总部服务器（${(e as Error).message}）`)
  }
  const answer: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const refusal = syncErrorSchema.safeParse(answer)
    throw new StoreNodeError(
      'HQ_REFUSED',
      refusal.success ? `总部拒绝：${refusal.data.error.code} ${refusal.data.error.message}` : `总部回答 HTTP ${res.status}`,
    )
  }
  const parsed = schema.safeParse(answer)
  if (!parsed.success) throw new StoreNodeError('HQ_REFUSED', '总部的回答格式不符')
  return parsed.data
}
