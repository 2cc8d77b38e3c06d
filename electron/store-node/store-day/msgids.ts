import type { PoolClient } from 'pg'
import type { Clock } from '../../base/clock'
import { lockLastMsgid, saveLastMsgid } from './msgids-store'

/** The store node's own terminal number: its 3201, 3202 and orphan revokes are never a counter's. */
export const STORE_NODE_TERMINAL_NO = 0

/** yyyyMMddHHmmss in China Standard Time. */
function compactCst(second: number): string {
  return new Date(second * 1000 + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14)
}

/**
 * Issues `count` msgids under terminal number 00 for the institution, in the caller's transaction: the
 * last one issued is kept in PostgreSQL (store_msgids, the row locked), so they never repeat, across
 * restarts and clock corrections (the time part never goes backwards; past 100 in one second it borrows
 * the next second, as the counter's sequence does).
 */
export async function issueStoreMsgids(client: PoolClient, clock: Clock, storeId: string, count: number): Promise<string[]> {
  let last = await lockLastMsgid(client, storeId)
  const nowS = Math.floor(clock.now().getTime() / 1000)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const second = last ? Math.max(nowS, last.second) : nowS
    let next = { second, counter: last && second === last.second ? last.counter + 1 : 0 }
    if (next.counter > 99) next = { second: second + 1, counter: 0 }
    out.push(`${storeId}${compactCst(next.second)}${String(STORE_NODE_TERMINAL_NO).padStart(2, '0')}${String(next.counter).padStart(2, '0')}`)
    last = next
  }
  if (last) await saveLastMsgid(client, storeId, last)
  return out
}
