import type { RefundedElsewhere } from '../../../../../shared/contract/sale/schemas'
import { terminalNoText } from '../../../../../shared/contract'
import { useStoreRefundMessages } from './messages'

/** A sale of this counter another counter refunded: a tag in the list, a sentence on the sale. */
export function RefundedElsewhereNote({ at, detail }: { at: RefundedElsewhere | undefined; detail?: boolean }) {
  const m = useStoreRefundMessages()
  if (!at) return null
  const no = terminalNoText(at.terminalNo)
  return detail ? (
    <p className="notice notice-warn" data-testid="refunded-elsewhere">
      {m('elsewhereDetail', { no, msgid: at.msgid })}
    </p>
  ) : (
    <small className="tag" data-testid="refunded-elsewhere-tag">
      {m('elsewhereTag', { no })}
    </small>
  )
}
