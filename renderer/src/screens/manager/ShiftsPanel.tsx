import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { SupplementaryZsSchema, XReport } from '../../../../shared/contract/shift/schemas'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { cstDateTime } from '../../i18n/beijing-time'
import { useShiftsPanelMessages } from './messages'

type Supplementary = z.infer<typeof SupplementaryZsSchema>

/** The day's shifts with their blind-count differences, and the closed day's supplementary Z's (B2). */
export function ShiftsPanel({ day }: { day: string }) {
  const m = useShiftsPanelMessages()
  const [shifts, setShifts] = useState<XReport[]>()
  const [supp, setSupp] = useState<Supplementary>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const [tick, setTick] = useState(0)
  useEffect(() => {
    pos.listShifts({ day }).then(setShifts, (e: unknown) => setError(toShownError(e)))
    pos.supplementaryZs({ day }).then(setSupp, (e: unknown) => setError(toShownError(e)))
  }, [day, tick])
  const act = (work: () => Promise<unknown>) => {
    setError(undefined)
    work().then(
      () => setTick((t) => t + 1),
      (e: unknown) => setError(toShownError(e)),
    )
  }
  return (
    <section className="card" aria-labelledby="shifts-title">
      <h2 id="shifts-title">{m('shifts')}</h2>
      <ErrorNotice error={error} />
      <OkNotice text={notice} />
      {shifts && !shifts.length && <p className="muted">{m('none')}</p>}
      {shifts && shifts.length > 0 && (
        <table className="grid" aria-label={m('shifts')} data-testid="manager-shifts">
          <thead>
            <tr>
              <th>{m('no')}</th>
              <th>{m('cashier')}</th>
              <th>{m('opened')}</th>
              <th>{m('closed')}</th>
              <th>{m('net')}</th>
              <th>{m('expected')}</th>
              <th>{m('counted')}</th>
              <th>{m('difference')}</th>
              <th>{m('note')}</th>
            </tr>
          </thead>
          <tbody>
            {shifts.map((x) => (
              <tr key={x.shift.id} data-shift={x.shift.no}>
                <td className="num">{x.shift.no}</td>
                <td translate="no">{x.shift.cashier}</td>
                <td>{cstDateTime(x.shift.openedAt)}</td>
                <td>{x.shift.closedAt ? cstDateTime(x.shift.closedAt) : m('open')}</td>
                <td className="num">{x.net.total}</td>
                <td className="num">{x.shift.expected ?? x.expectedCash}</td>
                <td className="num">{x.shift.counted ?? '—'}</td>
                <td className="num" data-testid="shift-difference">
                  {x.shift.difference ?? '—'}
                </td>
                <td>{x.shift.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {supp?.closed && (
        <>
          <h3>{m('supp')}</h3>
          {supp.late > 0 && (
            <p className="notice notice-warn" data-testid="late-sales">
              {m('late', { n: supp.late })}{' '}
              <button type="button" onClick={() => act(() => pos.issueSupplementaryZ({ day }))}>
                {m('issue')}
              </button>
            </p>
          )}
          <ul data-testid="supplementary-zs">
            {supp.parts.map((p) => (
              <li key={p.part}>
                {m('part', { part: p.part, at: cstDateTime(p.issuedAt), count: p.report.sales.count + p.report.refunds.count, net: p.report.net.total })}{' '}
                <button type="button" onClick={() => act(() => pos.printSupplementaryZ({ day, part: p.part }).then(() => setNotice(m('printed'))))}>
                  {m('print')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
