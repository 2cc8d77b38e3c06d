import { msgidParts } from '../../shared/contract/sync/msgid'
import type { OutboxRow } from '../../shared/contract/sync/wire'
import { StoreNodeError } from './errors'

/**
 * How far a counter's clock may run ahead of the store node's and its messages from before pairing still
 * pass. Those carry the number the counter had then (its old setting, or its id's digits), and pairing
 * sends everything the counter held, so they must be taken as they are; every message issued after
 * pairing carries the allocated number, because pairing sets it in the same transaction.
 */
export const PAIRING_CLOCK_GRACE_MS = 10 * 60_000

export interface RegisteredTerminal {
  terminal_no: number
  paired_at: Date
}

/**
 * Refuses a batch holding a platform message whose msgid's terminal digits are not the number this
 * node allocated to the counter (store-node.md §5.5): two counters issuing msgids under one number is
 * the collision the registry exists to prevent, and a store node that took such a row would hold two
 * owners of one msgid.
 */
export function checkMsgidDigits(rows: readonly (Omit<OutboxRow, 'tbl'> & { tbl: string })[], terminal: RegisteredTerminal): void {
  const since = terminal.paired_at.getTime() + PAIRING_CLOCK_GRACE_MS
  for (const r of rows) {
    if (r.tbl !== 'platform_messages' || r.op === 'delete') continue
    const msgid = (JSON.parse(r.body) as { msgid?: unknown }).msgid
    const parts = typeof msgid === 'string' ? msgidParts(msgid) : undefined
    if (!parts) throw new StoreNodeError('BAD_REQUEST', `第 ${r.seq} 条医保报文的报文编号格式不对，整批未保存`)
    if (parts.terminalNo === terminal.terminal_no || parts.issuedAt.getTime() <= since) continue
    throw new StoreNodeError(
      'MSGID_TERMINAL_MISMATCH',
      `报文编号 ${msgid} 带的收银台号是 ${String(parts.terminalNo).padStart(2, '0')}，但此收银台在门店服务器登记的是 ${String(terminal.terminal_no).padStart(2, '0')}：整批未保存，请检查本机的收银台号设置`,
    )
  }
}
