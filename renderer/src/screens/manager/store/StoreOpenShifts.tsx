import type { StoreOpenShift } from '../../../../../shared/contract/sync/store-day'
import { cstDateTime } from '../../../i18n/beijing-time'
import { useStoreMessages } from './messages'

/** The counters whose drawer is still open on the day: the store's close waits for their handover (交班). */
export function StoreOpenShifts({ shifts }: { shifts: readonly StoreOpenShift[] }) {
  const m = useStoreMessages()
  if (shifts.length === 0) return <p className="muted small">{m('shiftsAllClosed')}</p>
  return (
    <div data-testid="store-open-shifts">
      <p className="tag tag-warn">{m('shiftsOpen', { n: shifts.length })}</p>
      <ul>
        {shifts.map((s) => (
          <li key={`${s.terminalNo}-${s.shiftNo}`}>
            {m('shiftOpenLine', {
              counter: `T${String(s.terminalNo).padStart(2, '0')} ${s.label}`,
              cashier: s.cashier,
              no: s.shiftNo,
              at: cstDateTime(s.openedAt),
            })}
          </li>
        ))}
      </ul>
    </div>
  )
}
