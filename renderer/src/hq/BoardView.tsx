import { useCallback, useEffect, useState } from 'react'
import { hqPageBoardSchema, isSilent, type HqPageBoard } from '../../../shared/contract/hq/page'
import { FunctionKeyBar, type FunctionKey } from '../components/FunctionKeys'
import { cstDateTime, cstToday } from '../i18n/beijing-time'
import { hqCall } from './api'
import { HqError } from './HqError'
import { useHqMessages } from './messages'
import { RegionSelect } from './RegionSelect'
import { useHqCall } from './use-hq-call'

const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10)

/** 门店日结看板: per store, for a day, whether it reconciled and closed, its last report, and who has gone silent. */
export function BoardView({ appKeys }: { appKeys: FunctionKey[] }) {
  const m = useHqMessages()
  const [day, setDay] = useState(() => cstToday())
  const [region, setRegion] = useState('')
  const [data, setData] = useState<HqPageBoard>()
  const [regions, setRegions] = useState<string[]>([])
  const { error, failed, settled } = useHqCall()

  const load = useCallback(
    () =>
      hqCall('board', { day, ...(region ? { region } : {}) }, hqPageBoardSchema).then((r) => {
        settled()
        setData(r)
        // The choice of regions comes from every store the user may see, not only those the filter left.
        if (!region) setRegions(r.board.stores.map((s) => s.admdvs))
      }, failed),
    [day, region, settled, failed],
  )
  useEffect(() => {
    void load()
  }, [load])

  const keys: FunctionKey[] = [
    ...appKeys,
    { key: 'F5', label: m('refresh'), action: () => void load() },
    { key: 'F6', label: m('prevDay'), action: () => setDay((d) => shiftDay(d, -1)) },
    { key: 'F7', label: m('nextDay'), action: () => setDay((d) => shiftDay(d, 1)) },
  ]
  const asOf = data ? new Date(data.asOf) : new Date()
  const stores = data?.board.stores ?? []
  const silent = stores.filter((s) => isSilent(s, asOf))
  return (
    <section className="workspace" aria-label={m('tabBoard')}>
      <FunctionKeyBar keys={keys} />
      <div className="workspace-body hq-body">
        <form className="hq-filters" onSubmit={(e) => (e.preventDefault(), void load())}>
          <label>
            {m('day')}
            <input type="date" value={day} required onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
          <RegionSelect value={region} onChange={setRegion} admdvs={regions} />
        </form>
        <HqError error={error} />
        {data && (
          <p className="hq-summary" data-testid="board-summary">
            {m('boardSummary', {
              stores: stores.length,
              notReconciled: data.board.notReconciled.length,
              notClosed: data.board.notClosed.length,
              silent: silent.length,
            })}
          </p>
        )}
        <div className="hq-scroll">
          <table className="grid" aria-label={m('tabBoard')}>
            <thead>
              <tr>
                <th>{m('store')}</th>
                <th>{m('admdvs')}</th>
                <th>{m('watermark')}</th>
                <th>{m('complete')}</th>
                <th>{m('reconciliation')}</th>
                <th>{m('closed')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stores.map((s) => (
                <tr key={s.storeId} data-store-id={s.storeId} data-closed={s.closed} data-reconciliation={s.reconciliation}>
                  <td>
                    {s.name} <span className="muted small">{s.storeId}</span>
                  </td>
                  <td>{s.admdvs}</td>
                  <td>{s.reportedThrough ? cstDateTime(s.reportedThrough) : m('never')}</td>
                  <td>{s.complete ? m('completeYes') : <span className="tag tag-warn">{m('completeNo')}</span>}</td>
                  <td>
                    <span className={s.reconciliation === 'agreed' || s.reconciliation === 'explained' ? 'tag tag-ok' : 'tag tag-warn'}>
                      {m(`recon_${s.reconciliation}`)}
                    </span>
                  </td>
                  <td>
                    {s.closed ? (
                      <span className="tag tag-ok">{m('closedYes', { parts: s.zParts })}</span>
                    ) : (
                      <span className="tag tag-warn">{m('closedNo')}</span>
                    )}
                  </td>
                  <td>
                    {isSilent(s, asOf) && <span className="tag tag-warn">{m('silent')}</span>}{' '}
                    {s.blocked && <span className="tag tag-warn">{m('blocked')}</span>}
                  </td>
                </tr>
              ))}
              {data && stores.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    {m('noStores')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
