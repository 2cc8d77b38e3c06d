import { useEffect, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { usePunctuation } from '../../i18n/punctuation'
import { BarChart } from './BarChart'
import { cstDateTime, cstTime } from './format'
import { useManagerMessages, type ManagerT } from './messages'

type Report = CallOutput<'managerDay'>
type Group = Report['byInsurance'][number]
type DrillGroup = 'all' | 'insurance' | 'source' | 'cashier' | 'terminal'
export interface Drill {
  group: DrillGroup
  key?: string
  kind: 'sale' | 'refund' | 'all'
  label: string
}

function Kpis({ r, m }: { r: Report; m: ManagerT }) {
  const p = usePunctuation()
  const items: [string, string][] = [
    [m('sales'), `${r.sales.total}${p.paren(r.sales.count)}`],
    [m('refunds'), `${r.refunds.total}${p.paren(r.refunds.count)}`],
    [m('net'), r.net.total],
    [m('fund'), r.net.fund],
    [m('account'), r.net.account],
    [m('mutualAid'), r.net.mutualAid],
    [m('hospital'), r.net.hospital],
    [m('cash'), r.net.cash],
    [m('mobile'), r.net.mobile],
  ]
  return (
    <div className="kpis">
      {items.map(([k, v]) => (
        <div className="kpi" key={k}>
          <span>{k}</span>
          <b>{v}</b>
        </div>
      ))}
    </div>
  )
}

function GroupTable({ title, groups, group, m, onDrill }: { title: string; groups: Group[]; group: DrillGroup; m: ManagerT; onDrill: (d: Drill) => void }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th />
            <th className="num">{m('count')}</th>
            <th className="num">{m('sales')}</th>
            <th className="num">{m('refunds')}</th>
            <th className="num">{m('net')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <td>
                <button type="button" className="linklike" onClick={() => onDrill({ group, key: g.key, kind: 'all', label: g.label })}>
                  {g.label}
                </button>
              </td>
              <td className="num">{g.sales.count}</td>
              <td className="num">{g.sales.total}</td>
              <td className="num">
                {g.refunds.count > 0 ? (
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => onDrill({ group, key: g.key, kind: 'refund', label: `${g.label} · ${m('refunds')}` })}
                  >
                    {g.refunds.total}
                  </button>
                ) : (
                  g.refunds.total
                )}
              </td>
              <td className="num">{g.net.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function DrillList({ day, drill, onClose }: { day: string; drill: Drill; onClose: () => void }) {
  const m = useManagerMessages()
  const [data, setData] = useState<CallOutput<'managerDrill'>>()
  const [error, setError] = useState<ShownError>()
  useEffect(() => {
    let live = true
    pos.managerDrill({ day, group: drill.group, key: drill.key, kind: drill.kind, limit: 300 }).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(toShownError(e)),
    )
    return () => {
      live = false
    }
  }, [day, drill])
  return (
    <section className="card" aria-label={m('drillTitle', { what: drill.label })} style={{ maxWidth: 'none' }}>
      <h2>
        {m('drillTitle', { what: drill.label })}{' '}
        <button type="button" onClick={onClose}>
          {m('drillClose')} <kbd>Esc</kbd>
        </button>
      </h2>
      <ErrorNotice error={error} />
      {data && (
        <div className="scroll-table">
          <table className="grid" data-testid="drill-table">
            <thead>
              <tr>
                <th>{m('time')}</th>
                <th>{m('kind')}</th>
                <th>{m('saleId')}</th>
                <th>{m('cashier')}</th>
                <th>{m('member')}</th>
                <th>{m('insurance')}</th>
                <th className="num">{m('total')}</th>
                <th className="num">{m('fund')}</th>
                <th className="num">{m('account')}</th>
                <th className="num">{m('mutualAid')}</th>
                <th className="num">{m('counter')}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={`${e.kind}-${e.saleId}-${e.setlId ?? ''}`}>
                  <td title={cstDateTime(e.at)}>{cstTime(e.at)}</td>
                  <td>{e.kind === 'sale' ? m('sales') : m('refunds')}</td>
                  <td title={e.saleId}>{e.saleId.slice(0, 8)}</td>
                  <td>{e.cashier}</td>
                  <td>{e.memberNameMasked ?? ''}</td>
                  <td>{e.insutype ?? '—'}</td>
                  <td className="num">{e.total}</td>
                  <td className="num">{e.fund}</td>
                  <td className="num">{e.account}</td>
                  <td className="num">{e.mutualAid}</td>
                  <td className="num">{e.counter}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.total > data.events.length && <p className="muted">{m('more', { n: data.total - data.events.length })}</p>}
        </div>
      )}
    </section>
  )
}

/** The day at a glance: figures, charts, groups; every figure opens the sales behind it. */
export function DayPanel({ report, onDrill }: { report: Report; onDrill: (d: Drill) => void }) {
  const m = useManagerMessages()
  const p = usePunctuation()
  const r = report
  if (r.sales.count === 0 && r.refunds.count === 0) return <p className="muted">{m('noData')}</p>
  return (
    <>
      <Kpis r={r} m={m} />
      {r.identityBreaks.length > 0 && (
        <div className="notice notice-error" role="alert">
          {m('identityBreaks', { ids: r.identityBreaks.join(', ') })}
        </div>
      )}
      <div className="manager-grid">
        <section className="card">
          <BarChart
            title={m('byInsurance')}
            bars={r.byInsurance.map((g) => ({ key: g.key, label: g.label, value: g.net.total, note: `${g.sales.count}` }))}
            onPick={(key) => onDrill({ group: 'insurance', key, kind: 'all', label: r.byInsurance.find((g) => g.key === key)!.label })}
          />
        </section>
        <section className="card">
          <BarChart
            title={m('bySource')}
            bars={r.bySource.map((s) => ({ key: s.key, label: m(s.key), value: s.net, note: `${s.count}` }))}
            onPick={(key) => onDrill({ group: 'source', key, kind: 'all', label: m(key as 'fund') })}
          />
        </section>
        <section className="card">
          <BarChart
            title={m('byHour')}
            bars={r.byHour
              .filter((h) => h.count > 0)
              .map((h) => ({ key: String(h.hour), label: `${String(h.hour).padStart(2, '0')}:00`, value: h.total, note: `${h.count}` }))}
          />
        </section>
        <section className="card">
          <h2>{m('refundsApart')}</h2>
          <p>
            <button type="button" className="linklike" onClick={() => onDrill({ group: 'all', kind: 'refund', label: m('refunds') })}>
              {m('refunds')}
              {p.colon}
              {r.refunds.count} · {r.refunds.total}
            </button>
          </p>
          <dl className="facts">
            {(['medical', 'fund', 'account', 'mutualAid', 'hospital', 'personCash', 'goods'] as const).map((k) => (
              <div key={k}>
                <dt>{m(k)}</dt>
                <dd className="num">{r.refunds[k]}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <div className="manager-grid">
        <GroupTable title={m('byInsurance')} groups={r.byInsurance} group="insurance" m={m} onDrill={onDrill} />
        <GroupTable title={m('byCashier')} groups={r.byCashier} group="cashier" m={m} onDrill={onDrill} />
        <GroupTable title={m('byTerminal')} groups={r.byTerminal} group="terminal" m={m} onDrill={onDrill} />
      </div>
    </>
  )
}
