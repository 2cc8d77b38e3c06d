import type { Db } from '../../base/store/database'

/** A journaled message's state and when its intent was written, for those outside the journal who judge it. */
export function messageAt(db: Db, msgid: string): { state: string; created_at: string } | undefined {
  return db.prepare('SELECT state, created_at FROM platform_messages WHERE msgid = ?').get(msgid) as { state: string; created_at: string } | undefined
}

/** The msgid under which a sale's refund (2103, or the clinic's 2208) was answered. */
export function answeredRefundMsgid(db: Db, saleId: string): string | undefined {
  return (
    db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno IN ('2103', '2208') AND state = 'answered'").get(saleId) as
      { msgid: string } | undefined
  )?.msgid
}
