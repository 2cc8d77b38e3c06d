import { useCallback, useEffect, useState } from 'react'
import type { LotView, MovementView } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { toShownError, type ShownError } from '../../components/ErrorNotice'
import { LotTable } from './LotTable'
import type { StockMessages } from './messages'

/** Stock on hand by lot, optionally for one item. */
export function LotsPanel({ m, version, onError }: { m: StockMessages; version: number; onError: (e: ShownError) => void }) {
  const [filter, setFilter] = useState('')
  const [lots, setLots] = useState<LotView[]>([])
  const load = useCallback(() => {
    pos.stockLots({ storeCode: filter.trim() || undefined, includeEmpty: Boolean(filter.trim()) }).then(setLots, (e: unknown) => onError(toShownError(e)))
  }, [filter, onError])
  useEffect(load, [load, version])
  return (
    <section className="card" style={{ maxWidth: 'none' }}>
      <label>
        {m('filter')} <input autoFocus value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: '12rem' }} />
      </label>
      <LotTable m={m} lots={lots} testId="lots" />
    </section>
  )
}

/** One item's movement ledger, newest first. */
export function LedgerPanel({ m, version, onError }: { m: StockMessages; version: number; onError: (e: ShownError) => void }) {
  const [storeCode, setStoreCode] = useState('')
  const [rows, setRows] = useState<MovementView[]>([])
  const load = useCallback(() => {
    if (!storeCode.trim()) return
    pos.stockLedger({ storeCode: storeCode.trim(), limit: 200 }).then(setRows, (e: unknown) => onError(toShownError(e)))
  }, [storeCode, onError])
  useEffect(load, [load, version])
  return (
    <section className="card" style={{ maxWidth: 'none' }}>
      <label>
        {m('ledgerFor')} <input autoFocus value={storeCode} onChange={(e) => setStoreCode(e.target.value)} style={{ width: '12rem' }} />
      </label>
      <table className="grid" data-testid="ledger">
        <thead>
          <tr>
            <th>{m('at')}</th>
            <th>{m('kind')}</th>
            <th>{m('lotNo')}</th>
            <th>{m('qty')}</th>
            <th>{m('reason')}</th>
            <th>{m('actor')}</th>
          </tr>
        </thead>
        <tbody>
          {(storeCode.trim() ? rows : []).map((r) => (
            <tr key={r.id}>
              <td>{new Date(r.at).toLocaleString()}</td>
              <td>{m(`kind_${r.kind}`)}</td>
              <td>{r.lotNo}</td>
              <td>{r.qtyUnits > 0 ? `+${r.qtyUnits}` : r.qtyUnits}</td>
              <td>{r.reason}</td>
              <td>
                {r.actor} <small className="muted">{r.terminalId}</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
