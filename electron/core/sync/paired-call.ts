import type { z } from 'zod'
import { isErrorCode, PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import type { PairingKeySlot } from '../secrets'
import { Outbox } from './outbox-store'
import { StoreLink, StoreLinkError } from './store-link'

/** The store node's refusal as the counter's user reads it (its words already are theirs). */
export function refusal(e: unknown): unknown {
  if (!(e instanceof StoreLinkError)) return e
  if (e.code === 'UNAUTHORIZED' || e.code === 'TERMINAL_BLOCKED') return new PosError('SYNC_PAIRING_REFUSED', { detail: e.message })
  if (e.transient || !isErrorCode(e.code)) return new PosError('SYNC_STORE_UNREACHABLE', { detail: e.message })
  return PosError.relayed(e.code, e.message)
}

/**
 * A call to the store node over this counter's paired channel (its key, its terminal_uid), refused in the
 * counter's words when it is not paired. `notPaired` says what needs store mode.
 */
export async function pairedCall<T>(
  db: Db,
  key: PairingKeySlot,
  notPaired: string,
  path: string,
  body: object,
  answer: z.ZodType<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const s = new Outbox(db, () => new Date()).state()
  if (!s) throw new PosError('SYNC_NOT_PAIRED', { needs: notPaired })
  const k = key.open()
  if (!k) throw new PosError('SYNC_PAIRING_REFUSED', { why: 'keyUnreadable' })
  try {
    return await new StoreLink(s.storeUrl, timeoutMs).call(path, k, s.terminalUid, body, answer)
  } catch (e) {
    throw refusal(e)
  }
}
