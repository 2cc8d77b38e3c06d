import type { StoreFigures, StoreReport } from '../../../../../shared/contract/sync/store-day'
import { useStoreMessages } from './messages'

const COLUMNS = ['sales', 'refunds', 'insuredCount', 'medical', 'fund', 'account', 'mutualAid', 'goods', 'cash', 'mobile'] as const

/** The store's figures with a section per counter, cashier and (once shifts are synced) shift. */
export function StoreFiguresView({ report }: { report: StoreReport }) {
  const m = useStoreMessages()
  const row = (key: string, label: string, f: StoreFigures) => (
    <tr key={key}>
      <th>{label}</th>
      {COLUMNS.map((c) => (
        <td key={c} className="num">
          {f[c]}
        </td>
      ))}
    </tr>
  )
  const counter = (no: number) => (no === 0 ? m('storeNode') : `T${String(no).padStart(2, '0')}`)
  return (
    <table className="grid" data-testid="store-figures">
      <thead>
        <tr>
          <th />
          {COLUMNS.map((c) => (
            <th key={c}>{m(c)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row('all', m('figures'), report.figures)}
        <tr>
          <th colSpan={COLUMNS.length + 1}>{m('byCounter')}</th>
        </tr>
        {report.byCounter.map((c) => row(`c${c.terminalNo}`, `${counter(c.terminalNo)} ${c.terminalNo === 0 ? '' : c.label}`, c.figures))}
        <tr>
          <th colSpan={COLUMNS.length + 1}>{m('byCashier')}</th>
        </tr>
        {report.byCashier.map((c) => row(`k${c.terminalNo}${c.cashier}`, `${counter(c.terminalNo)} · ${c.cashier}`, c.figures))}
        {report.byShift.length > 0 && (
          <tr>
            <th colSpan={COLUMNS.length + 1}>{m('byShift')}</th>
          </tr>
        )}
        {report.byShift.map((s) => row(`s${s.terminalNo}${s.shiftId}`, `${counter(s.terminalNo)} · ${s.shiftId.slice(0, 8)}`, s.figures))}
      </tbody>
    </table>
  )
}
