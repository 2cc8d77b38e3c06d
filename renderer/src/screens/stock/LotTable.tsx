import type { LotView } from '../../../../shared/contract/stock/schemas'
import type { StockMessages } from './messages'

/** "3 盒 4 粒" for a quantity in smallest units. */
export function qtyText(m: StockMessages, units: number, packSize: number, minUnit: string): string {
  if (packSize === 1) return m('units', { n: units, unit: minUnit || '' }).trim()
  const boxes = Math.trunc(units / packSize)
  const loose = units % packSize || 0
  return loose ? m('boxesUnits', { boxes, units: loose, unit: minUnit || '' }) : m('boxesOnly', { boxes })
}

/** Lots as the manager reads them: soonest expiry first, expired and negative rows marked. */
export function LotTable({ m, lots, testId }: { m: StockMessages; lots: LotView[]; testId: string }) {
  if (!lots.length) return <p className="muted">{m('none')}</p>
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>{m('item')}</th>
          <th>{m('lotNo')}</th>
          <th>{m('expiryDate')}</th>
          <th>{m('days')}</th>
          <th>{m('onHand')}</th>
          <th>{m('supplier')}</th>
          <th>{m('bchno')}</th>
        </tr>
      </thead>
      <tbody>
        {lots.map((l) => (
          <tr key={l.lotId} data-lot={l.lotNo} style={l.expired || l.onHandUnits < 0 ? { color: 'var(--danger)' } : undefined}>
            <td>
              {l.name} <small className="muted">{l.storeCode}</small>
            </td>
            <td>{l.lotNo}</td>
            <td>{l.expiryDate}</td>
            <td>{l.daysToExpiry}</td>
            <td data-units={l.onHandUnits}>{qtyText(m, l.onHandUnits, l.packSize, l.minUnit)}</td>
            <td>{l.supplier}</td>
            <td>
              <small>{l.bchno}</small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
