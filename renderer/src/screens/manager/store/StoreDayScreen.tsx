import { useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { StoreDayView } from '../../../../../shared/contract/sync/store-day'
import { pos } from '../../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../../components/ErrorNotice'
import { ActiveContext, FunctionKeyBar, type FunctionKey } from '../../../components/FunctionKeys'
import { cstDateTime, cstToday } from '../format'
import '../manager.css'
import { useStoreMessages } from './messages'
import { StoreFiguresView } from './StoreFigures'
import { StoreReconView } from './StoreRecon'
import { StoreOpenShifts } from './StoreOpenShifts'
import { StoreAlarmsPanel } from './StoreAlarmsPanel'
import { StoreCountersPanel } from './StoreCountersPanel'
import { useCountersMessages } from './counters-messages'

/**
 * The manager's store day in store mode: every counter with how far it reported, the whole institution's
 * figures, the store reconciliation and its differences, the store close and its Z reports. All of it is
 * the store node's, asked through this counter's core; on a standalone counter it says how to pair.
 */
export function StoreDayScreen() {
  const m = useStoreMessages()
  const active = useContext(ActiveContext)
  const [day, setDay] = useState(cstToday())
  const [view, setView] = useState<StoreDayView>()
  const [notPaired, setNotPaired] = useState(false)
  const [running, setRunning] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<ShownError>()
  const [section, setSection] = useState<'day' | 'counters' | 'alarms'>('day')
  const c = useCountersMessages()
  const sectionKeys: FunctionKey[] = useMemo(
    () => [
      { key: 'F1', label: c('secDay'), action: () => setSection('day') },
      { key: 'F2', label: c('secCounters'), action: () => setSection('counters') },
      { key: 'F3', label: c('secAlarms'), action: () => setSection('alarms') },
    ],
    [c],
  )

  const load = useCallback(
    () =>
      pos.storeDay({ day }).then(
        (v) => {
          setView(v)
          setNotPaired(false)
          setError(undefined)
        },
        (e: unknown) => {
          const shown = toShownError(e)
          if (shown.code === 'SYNC_NOT_PAIRED') setNotPaired(true)
          else setError(shown)
        },
      ),
    [day],
  )

  useEffect(() => {
    if (active) void load()
  }, [active, load])

  const step = useCallback(
    async (what: 'reconcile' | 'close') => {
      setRunning(true)
      setError(undefined)
      try {
        if (what === 'reconcile') await pos.reconcileStore({ day })
        else await pos.closeStoreDay({ day, incompleteNote: note.trim() || undefined })
        await load()
      } catch (e) {
        setError(toShownError(e))
      } finally {
        setRunning(false)
      }
    },
    [day, note, load],
  )

  const closed = (view?.closes.length ?? 0) > 0
  const keys: FunctionKey[] = useMemo(
    () => [
      ...sectionKeys,
      { key: 'F5', label: m('refresh'), action: () => void load() },
      { key: 'F6', label: m('reconcile'), action: () => void step('reconcile'), disabled: running || notPaired },
      { key: 'F7', label: closed ? m('supplement') : m('close'), action: () => void step('close'), disabled: running || notPaired },
    ],
    [sectionKeys, m, load, step, running, notPaired, closed],
  )

  if (section === 'counters') return <StoreCountersPanel sectionKeys={sectionKeys} />
  if (section === 'alarms') return <StoreAlarmsPanel sectionKeys={sectionKeys} />

  return (
    <div className="workspace">
      <div className="workspace-body">
        <div className="manager-top">
          <h2>{m('title')}</h2>
          <label>
            <span>{m('day')}</span>
            <input type="date" name="store-day" value={day} max={cstToday()} onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
        </div>
        <ErrorNotice error={error} />
        {notPaired && <p data-testid="store-not-paired">{m('notPaired')}</p>}
        {view && (
          <>
            <h3>{m('counters')}</h3>
            <table className="grid" data-testid="store-terminals">
              <thead>
                <tr>
                  <th>{m('counter')}</th>
                  <th>{m('reported')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {view.terminals.map((t) => (
                  <tr key={t.terminalNo}>
                    <td>{`T${String(t.terminalNo).padStart(2, '0')} ${t.label}`}</td>
                    <td>{t.reportedThrough ? cstDateTime(t.reportedThrough) : m('never')}</td>
                    <td>
                      <span className={t.complete ? 'tag tag-ok' : 'tag tag-warn'}>{m(t.blocked ? 'blocked' : t.complete ? 'complete' : 'waiting')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{m('figures')}</h3>
            <StoreFiguresView report={view.report} />
            <h3>{m('run')}</h3>
            <StoreReconView run={view.latestRun} onChanged={() => void load()} />
            <h3>{m('close')}</h3>
            {view.late > 0 && <p className="tag tag-warn">{m('late', { n: view.late })}</p>}
            <StoreOpenShifts shifts={view.openShifts} />
            <label>
              <span>{m('incompleteNote')}</span>
              <input name="incomplete-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
            </label>
            {view.closes.map((z) => (
              <article key={z.part} className="zreport" data-testid={`store-z-${z.part}`}>
                <h4>
                  {z.part === 0 ? m('zTitle', { day: view.day }) : m('part', { n: z.part })} · {m('closedAt', { at: cstDateTime(z.closedAt), by: z.closedBy })}
                </h4>
                {z.note && <p>{z.note}</p>}
                <StoreFiguresView report={z.report} />
              </article>
            ))}
          </>
        )}
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
