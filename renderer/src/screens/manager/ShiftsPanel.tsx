import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { SupplementaryZsSchema, XReport } from '../../../../shared/contract/shift/schemas'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { cstDateTime } from '../../i18n/beijing-time'
import { defineMessages } from '../../i18n'

const useMessages = defineMessages(
  {
    shifts: '交班记录',
    none: '这一天没有班次',
    no: '班次',
    cashier: '收银员',
    opened: '开班',
    closed: '交班',
    net: '净额',
    expected: '应有现金',
    counted: '实点',
    difference: '差额',
    note: '备注',
    open: '未交班',
    supp: '补充Z报表',
    late: '日结之后有 {n} 笔销售或退货还不在任何Z报表中',
    issue: '出具补充Z报表',
    print: '打印',
    part: '第 {part} 份 · {at} · {count} 笔 · 净额 {net}',
    printed: '已送打印机',
  },
  {
    shifts: 'Shifts',
    none: 'No shifts that day',
    no: 'Shift',
    cashier: 'Cashier',
    opened: 'Opened',
    closed: 'Closed',
    net: 'Net',
    expected: 'Expected cash',
    counted: 'Counted',
    difference: 'Difference',
    note: 'Note',
    open: 'open',
    supp: 'Supplementary Z reports',
    late: '{n} sales or refunds after the close are in no Z report yet',
    issue: 'Issue a supplementary Z',
    print: 'Print',
    part: 'Part {part} · {at} · {count} items · net {net}',
    printed: 'Sent to the printer',
  },
)

type Supplementary = z.infer<typeof SupplementaryZsSchema>

/** The day's shifts with their blind-count differences, and the closed day's supplementary Z's (B2). */
export function ShiftsPanel({ day }: { day: string }) {
  const m = useMessages()
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
