import { useCallback, useEffect, useState } from 'react'
import type { z } from 'zod'
import type { StockAlertsSchema, StockSettings } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { LotTable, qtyText } from './LotTable'
import type { StockMessages } from './messages'

type Alerts = z.infer<typeof StockAlertsSchema>

/** What the manager must act on, and the two store settings that decide it. */
export function AlertsPanel({ m, version, onError }: { m: StockMessages; version: number; onError: (e: ShownError) => void }) {
  const [alerts, setAlerts] = useState<Alerts>()
  const [settings, setSettings] = useState<StockSettings>()
  const [saved, setSaved] = useState<string>()

  const load = useCallback(() => {
    Promise.all([pos.stockAlerts({}), pos.stockSettings({})]).then(
      ([a, s]) => {
        setAlerts(a)
        setSettings(s)
      },
      (e: unknown) => onError(toShownError(e)),
    )
  }, [onError])
  useEffect(load, [load, version])

  const save = () => {
    if (!settings) return
    pos.updateStockSettings(settings).then(
      () => {
        setSaved(m('saved'))
        load()
      },
      (e: unknown) => onError(toShownError(e)),
    )
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: '1rem' }}>
      {settings && (
        <section className="card" style={{ maxWidth: 'none', display: 'flex', gap: '1.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
          <label>
            {m('nearDays')}{' '}
            <input
              type="number"
              min={1}
              max={730}
              value={settings.nearExpiryDays}
              style={{ width: '5rem' }}
              onChange={(e) => setSettings({ ...settings, nearExpiryDays: Number(e.target.value) || 1 })}
            />
          </label>
          <label>
            <input type="checkbox" checked={settings.allowNegative} onChange={(e) => setSettings({ ...settings, allowNegative: e.target.checked })} />{' '}
            {m('allowNegative')}
          </label>
          <button type="button" onClick={save}>
            {m('saveSettings')}
          </button>
          <OkNotice text={saved} />
        </section>
      )}
      {alerts && (
        <>
          <section className="card" style={{ maxWidth: 'none' }}>
            <h2>{m('nearExpiry', { days: alerts.nearExpiryDays })}</h2>
            <LotTable m={m} lots={alerts.nearExpiry} testId="near-expiry" />
          </section>
          <section className="card" style={{ maxWidth: 'none' }}>
            <h2>{m('expired')}</h2>
            <LotTable m={m} lots={alerts.expired} testId="expired" />
          </section>
          <section className="card" style={{ maxWidth: 'none' }}>
            <h2>{m('belowReorder')}</h2>
            {alerts.belowReorder.length ? (
              <table className="grid" data-testid="below-reorder">
                <thead>
                  <tr>
                    <th>{m('item')}</th>
                    <th>{m('onHand')}</th>
                    <th>{m('reorder')}</th>
                  </tr>
                </thead>
                <tbody>
                  {alerts.belowReorder.map((r) => (
                    <tr key={r.storeCode}>
                      <td>
                        {r.name} <small className="muted">{r.storeCode}</small>
                      </td>
                      <td>{qtyText(m, r.onHandUnits, r.packSize, r.minUnit)}</td>
                      <td>{qtyText(m, r.reorderUnits, r.packSize, r.minUnit)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">{m('none')}</p>
            )}
          </section>
          {alerts.negative.length > 0 && (
            <section className="card" style={{ maxWidth: 'none' }}>
              <h2>{m('negative')}</h2>
              <LotTable m={m} lots={alerts.negative} testId="negative" />
            </section>
          )}
        </>
      )}
    </div>
  )
}
