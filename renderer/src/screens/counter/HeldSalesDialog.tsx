import { useEffect, useState } from 'react'
import type { HeldSaleSummary } from '../../../../shared/contract/sale/held'
import { pos } from '../../api/pos'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useCounterMessages } from './messages'
import { cstTime } from '../../i18n/beijing-time'

/** What the cashier typed: a held number picks that one; anything else matches the customer or the items. */
export function matchHeld(held: HeldSaleSummary[], query: string): HeldSaleSummary[] {
  const q = query.trim()
  if (!q) return held
  if (/^\d+$/.test(q)) return held.filter((h) => String(h.number) === q)
  return held.filter((h) => (h.customer?.nameMasked ?? '').includes(q) || h.items.includes(q))
}

/** 取单: the parked sales, found by number or by customer; Enter takes the chosen one back. */
export function HeldSalesDialog({ onRecall, onClose }: { onRecall: (number: number) => void; onClose: () => void }) {
  const m = useCounterMessages()
  const [held, setHeld] = useState<HeldSaleSummary[]>()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [error, setError] = useState<ShownError>()
  useEffect(() => {
    pos.listHeldSales({}).then(setHeld, (e: unknown) => setError(toShownError(e)))
  }, [])
  const shown = matchHeld(held ?? [], query)
  const chosen = shown[Math.min(active, shown.length - 1)]
  return (
    <Dialog title={m('heldTitle')} onClose={onClose} onSubmit={() => chosen && onRecall(chosen.number)}>
      <label>
        <span>{m('heldFind')}</span>
        <input
          name="held-find"
          autoFocus
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value)
            setActive(0)
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1))
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
          }}
        />
      </label>
      <ErrorNotice error={error} />
      {held && !held.length && <p className="muted">{m('heldEmpty')}</p>}
      {held && held.length > 0 && !shown.length && <p className="muted">{m('heldNoMatch', { q: query.trim() })}</p>}
      {shown.length > 0 && (
        <table className="grid held" aria-label={m('heldTitle')}>
          <thead>
            <tr>
              <th>{m('heldNumber')}</th>
              <th>{m('heldAt')}</th>
              <th>{m('memberTitle')}</th>
              <th>{m('colName')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((h) => (
              <tr
                key={h.number}
                data-held={h.number}
                aria-selected={h === chosen}
                className={h === chosen ? 'selected' : undefined}
                onClick={() => onRecall(h.number)}
              >
                <td className="num">{h.number}</td>
                <td>{cstTime(h.heldAt)}</td>
                <td translate="no">{h.customer?.nameMasked ?? '—'}</td>
                <td>{h.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{m('heldHint')}</p>
    </Dialog>
  )
}
