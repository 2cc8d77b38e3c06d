import { useEffect, useState } from 'react'
import type { StockCharts } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { toShownError, type ShownError } from '../../components/ErrorNotice'
import { BarChart } from '../manager/BarChart'
import '../manager/manager.css'
import type { StockMessages } from './messages'

/** Stock value by class and what expires week by week: bars the manager takes in at a glance. */
export function ChartsPanel({ m, version, onError }: { m: StockMessages; version: number; onError: (e: ShownError) => void }) {
  const [charts, setCharts] = useState<StockCharts>()
  useEffect(() => {
    pos.stockCharts({}).then(setCharts, (e: unknown) => onError(toShownError(e)))
  }, [version, onError])
  if (!charts) return null
  return (
    <section
      className="card"
      style={{ maxWidth: 'none', display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(22rem, 1fr))', gap: '1.5rem' }}
      data-testid="stock-charts"
    >
      <BarChart
        title={m('chartValueByClass', { total: charts.total })}
        bars={charts.valueByClass.map((c) => ({ key: c.label, label: c.label, value: c.value, note: m('chartLots', { n: c.lots }) }))}
      />
      <BarChart
        title={m('chartExpiring')}
        bars={charts.expiringByWeek.map((w) => ({
          key: w.week,
          label: w.week === 'expired' ? m('chartExpired') : m('chartWeekOf', { day: w.week }),
          value: w.value,
          note: m('chartLots', { n: w.lots }),
        }))}
      />
    </section>
  )
}
