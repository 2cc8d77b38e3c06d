import { REVERSIBLE_INFNOS } from '../../../../shared/nhsa/codes'
import { reverseCommitted } from '../../domain/settlement'
import { PlatformError } from '../../errors'
import { findMessage } from '../idempotency'
import type { Handler } from '../context'
import { prepared } from '../../../base/store/statements'

/**
 * 2601. The original may be committed (undo it), already reversed (no-op), or not yet arrived: then the
 * msgid is recorded as reversed so a late copy of the original is refused instead of committed.
 */
export const reversal: Handler<'2601'> = (ctx, input) => {
  const { omsgid, oinfno, psn_no } = input.data
  if (!(REVERSIBLE_INFNOS as readonly string[]).includes(oinfno)) {
    throw new PlatformError(`交易 ${oinfno} 不可冲正（可冲正：${REVERSIBLE_INFNOS.join('、')}）`)
  }
  if (!omsgid.startsWith(ctx.fixmedins_code)) throw new PlatformError('omsgid 不属于本机构')
  const original = findMessage(ctx.db, ctx.fixmedins_code, omsgid)
  if (!original) {
    prepared(
      ctx.db,
      `INSERT INTO messages (fixmedins_code, msgid, infno, input_hash, state, response_json, reversed_by, created_at)
         VALUES (?, ?, ?, NULL, 'reversed', NULL, ?, ?)`,
    ).run(ctx.fixmedins_code, omsgid, oinfno, ctx.msgid, ctx.now.toISOString())
    return { data: { omsgid, rslt: '2' } }
  }
  if (original.infno !== oinfno) throw new PlatformError(`原报文 ${omsgid} 的交易号是 ${original.infno}，不是 ${oinfno}`)
  if (original.state === 'reversed') return { data: { omsgid, rslt: '3' } }
  reverseCommitted(ctx.db, ctx, omsgid, psn_no)
  prepared(ctx.db, "UPDATE messages SET state = 'reversed', reversed_by = ? WHERE fixmedins_code = ? AND msgid = ?").run(ctx.msgid, ctx.fixmedins_code, omsgid)
  return { data: { omsgid, rslt: '1' } }
}
