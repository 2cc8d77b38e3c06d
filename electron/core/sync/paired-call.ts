import type { z } from 'zod'
import { PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import type { PairingKeySlot } from '../secrets/pairing-key'
import { Outbox } from './outbox-store'
import { StoreLink, StoreLinkError } from './store-link'

/** The store node's refusal as the counter's user reads it (its words already are theirs). */
export function refusal(e: unknown): unknown {
  if (!(e instanceof StoreLinkError)) return e
  if (e.transient) return new PosError('SYNC_STORE_UNREACHABLE', `门店服务器暂时无法使用：${e.message}。收银不受影响，请稍后再试`)
  return new PosError(e.code === 'UNAUTHORIZED' || e.code === 'TERMINAL_BLOCKED' ? 'SYNC_PAIRING_REFUSED' : e.code, e.message)
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
  if (!s) throw new PosError('SYNC_NOT_PAIRED', notPaired)
  const k = key.open()
  if (!k) throw new PosError('SYNC_PAIRING_REFUSED', '本机无法读取与门店服务器配对的密钥，请店长解除配对后重新配对')
  try {
    return await new StoreLink(s.storeUrl, timeoutMs).call(path, k, s.terminalUid, body, answer)
  } catch (e) {
    throw refusal(e)
  }
}
