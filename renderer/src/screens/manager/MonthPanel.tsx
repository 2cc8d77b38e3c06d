import type { CallOutput } from '../../../../shared/contract'
import { usePunctuation } from '../../i18n/punctuation'
import { BarChart } from './BarChart'
import { useManagerMessages } from './messages'

/** The platform's monthly clearing statement (3203) line by line beside the store's own month. */
export function MonthPanel({ statement, wholeStore }: { statement: CallOutput<'monthStatement'> | undefined; wholeStore: boolean }) {
  const m = useManagerMessages()
  const p = usePunctuation()
  if (!statement) return null
  const s = statement
  return (
    <>
      <section className="card" style={{ maxWidth: 'none' }} aria-label={m('monthTitle')}>
        <h2>
          {m('monthTitle')} {s.begin} – {s.end} <small className="muted">{s.clearingId}</small>
        </h2>
        {wholeStore && <p className="muted">{m('monthWholeStore')}</p>}
        <table className="grid" data-testid="month-lines">
          <thead>
            <tr>
              <th>{m('item')}</th>
              <th className="num">{m('storeSide')}</th>
              <th className="num">{m('platformSide')}</th>
              <th>{m('agrees')}</th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.key}>
                <td>{l.label}</td>
                <td className="num">
                  {l.store ? `${l.store.amount}${l.store.count !== null ? p.paren(l.store.count) : ''}` : <span className="muted">{m('unknownStore')}</span>}
                </td>
                <td className="num">{`${l.platform.amount}${l.platform.count !== null ? p.paren(l.platform.count) : ''}`}</td>
                <td>{l.agrees === null ? '—' : <span className={l.agrees ? 'tag tag-ok' : 'tag tag-warn'}>{l.agrees ? m('agreed') : m('disagreed')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" style={{ maxWidth: 'none' }}>
        <BarChart
          title={m('perDay')}
          bars={s.days.map((d) => ({ key: d.day, label: `${d.day.slice(5)}${d.closed ? ' ✓' : ''}`, value: d.medical, note: `${d.count}` }))}
        />
      </section>
    </>
  )
}
