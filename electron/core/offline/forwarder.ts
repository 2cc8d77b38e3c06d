/**
 * Which queued messages may be on the wire together. The platform must see a person's settlements in the
 * order they were sold (each one spends the balances and the deductible the next one sees), the same for
 * a mutual-aid quota shared by a family, and a sale's uploads in order among themselves. Messages that
 * share none of these may overlap. A sale's uploads never overtake its 2102: they are only queued once
 * the 2102's answer is durable.
 */

export interface Ordered {
  seq: number
  infno: string
  sale_id: string | null
  /** A stock upload's item (3501–3507): a batch's purchase, sale, return and withdrawal arrive in order. */
  item_code?: string | null
  psn_no: string | null
  mulaid_id: string | null
}

/** The orders a message belongs to; two messages sharing a key go out one after the other, in seq order. */
export function orderKeys(m: Ordered): string[] {
  if (m.infno === '2102') return [`person:${m.psn_no ?? m.sale_id}`, ...(m.mulaid_id ? [`quota:${m.mulaid_id}`] : [])]
  if (m.item_code) return [`item:${m.item_code.toUpperCase()}`]
  return [`sale:${m.sale_id}`]
}

/**
 * In queue order, the messages that may leave now, at most `room` of them: one whose keys are all free of
 * the messages still on the wire (`busy`) and of every earlier message that is not leaving now. Only the
 * first `depth` messages are looked at, which can only hold a message back, never reorder one.
 */
export function pickSendable<T extends { keys: readonly string[] }>(lane: readonly T[], busy: ReadonlySet<string>, room: number, depth = 512): T[] {
  const blocked = new Set(busy)
  const out: T[] = []
  for (let i = 0; i < lane.length && i < depth && out.length < room; i++) {
    const m = lane[i]
    if (m.keys.every((k) => !blocked.has(k))) out.push(m)
    for (const k of m.keys) blocked.add(k)
  }
  return out
}

/** How many messages may be on the wire at once and how many answers one durable commit records. */
export interface PipelineOptions {
  /** 1 is the strictly sequential forwarder; the HTTP agent keeps 16 connections. */
  window?: number
  /** Answers per durable commit at most; 1 commits each answer alone. */
  group?: number
  /** An answer waits at most this long for others to share its commit. */
  groupWaitMs?: number
}
