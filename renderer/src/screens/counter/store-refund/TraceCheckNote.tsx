import { useStoreRefundMessages } from './messages'

/**
 * How far the box codes of the sale just opened were checked (store mode): every counter of the store, or,
 * when the store server did not answer, only this counter's own record — said, never silent.
 */
export function TraceCheckNote({ checked }: { checked: 'store' | 'counter' | undefined }) {
  const m = useStoreRefundMessages()
  if (!checked) return null
  return (
    <p className={checked === 'store' ? 'muted small' : 'notice notice-warn'} data-testid="trace-checked" data-checked={checked}>
      {m(checked === 'store' ? 'checkedStore' : 'checkedCounter')}
    </p>
  )
}
