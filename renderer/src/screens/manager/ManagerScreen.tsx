import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { ActiveContext, FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import type { WorkspaceProps } from '../../shell/workspace'
import { AuditPanel } from './AuditPanel'
import { ClosePanel } from './ClosePanel'
import { DayPanel, DrillList, type Drill } from './DayPanel'
import { cstDateTime, cstToday, download } from './format'
import './manager.css'
import { useManagerMessages } from './messages'
import { MonthPanel } from './MonthPanel'
import { PendingPanel } from './PendingPanel'
import { ReconPanel } from './ReconPanel'
import { ShiftsPanel } from './ShiftsPanel'
import { useMasterDataMode } from '../settings/useStoreMode'

type Section = 'day' | 'recon' | 'close' | 'month' | 'pending' | 'audit'
const SECTIONS: { id: Section; key: string; label: 'secDay' | 'secRecon' | 'secClose' | 'secMonth' | 'secPending' | 'secAudit' }[] = [
  { id: 'day', key: 'F1', label: 'secDay' },
  { id: 'recon', key: 'F2', label: 'secRecon' },
  { id: 'close', key: 'F3', label: 'secClose' },
  { id: 'month', key: 'F4', label: 'secMonth' },
  { id: 'pending', key: 'F6', label: 'secPending' },
  { id: 'audit', key: 'F7', label: 'secAudit' },
]

/** The manager's day: figures, reconciliation, close, month statement, pending items and the audit trail. */
export function ManagerScreen({ settings }: WorkspaceProps) {
  const m = useManagerMessages()
  const active = useContext(ActiveContext)
  const [section, setSection] = useState<Section>('day')
  const [day, setDay] = useState(cstToday())
  const [month, setMonth] = useState(cstToday().slice(0, 7))
  const [report, setReport] = useState<CallOutput<'managerDay'>>()
  const [history, setHistory] = useState<CallOutput<'reconciliationOf'>>()
  const [pending, setPending] = useState<CallOutput<'pendingItems'>>()
  const [z, setZ] = useState<CallOutput<'zReport'>>()
  const closeRef = useRef<(() => void) | null>(null)
  const [statement, setStatement] = useState<CallOutput<'monthStatement'>>()
  const wholeStore = useMasterDataMode() === 'publish'
  const [drill, setDrill] = useState<Drill>()
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const [auditTick, setAuditTick] = useState(0)

  const load = useCallback(
    () =>
      Promise.all([pos.managerDay({ day }), pos.reconciliationOf({ day }), pos.pendingItems({})])
        .then(async ([r, h, p]) => {
          const closed = r.closed ? await pos.zReport({ day }) : undefined
          setError(undefined)
          setReport(r)
          setHistory(h)
          setPending(p)
          setZ(closed)
        })
        .catch((e: unknown) => setError(toShownError(e))),
    [day],
  )

  useEffect(() => {
    if (active) void load()
  }, [active, load, settings.trainingMode])
  useEffect(() => pos.on('managerDayChanged', (e) => e.day === day && void load()), [day, load])

  const reconcile = useCallback(async () => {
    setRunning(true)
    setError(undefined)
    try {
      await pos.reconcileDay({ day })
      await load()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setRunning(false)
    }
  }, [day, load])

  const loadMonth = useCallback(async () => {
    setError(undefined)
    try {
      // In store mode the month is the whole store's (every counter, from the store node), as the platform's 3203 is.
      setStatement(await (wholeStore ? pos.storeMonthStatement({ month }) : pos.monthStatement({ month })))
    } catch (e) {
      setError(toShownError(e))
    }
  }, [month, wholeStore])

  const exportAs = useCallback(
    async (format: 'xlsx' | 'csv') => {
      setError(undefined)
      try {
        const scope = section === 'month' ? 'month' : 'day'
        const f = await pos.exportReport({ scope, period: scope === 'month' ? month : day, format })
        download(f.fileName, f.mime, f.base64)
        setNotice(m('exported', { file: f.fileName, kb: Math.max(1, Math.round(f.bytes / 1024)), path: f.path }))
      } catch (e) {
        setError(toShownError(e))
      }
    },
    [section, month, day, m],
  )

  const keys: FunctionKey[] = useMemo(() => {
    const go = (s: Section) => () => {
      setSection(s)
      setNotice(undefined)
    }
    const primary =
      section === 'recon'
        ? { key: 'F5', label: m('reconRun'), action: () => void reconcile(), disabled: running || Boolean(report?.closed) }
        : section === 'month'
          ? { key: 'F5', label: m('monthLoad'), action: () => void loadMonth() }
          : section === 'audit'
            ? { key: 'F5', label: m('auditVerify'), action: () => setAuditTick((t) => t + 1) }
            : section === 'close' && !z
              ? // 日结 is the close section's action, on its key like every other section's (B13).
                { key: 'F5', label: m('closeDay'), action: () => closeRef.current?.() }
              : { key: 'F5', label: m('refresh'), action: () => void load() }
    return [
      ...SECTIONS.slice(0, 4).map((s) => ({ key: s.key, label: m(s.label), action: go(s.id) })),
      primary,
      ...SECTIONS.slice(4).map((s) => ({ key: s.key, label: m(s.label), action: go(s.id) })),
      { key: 'F8', label: m('exportXlsx'), action: () => void exportAs('xlsx') },
      { key: 'F9', label: m('print'), action: () => window.print(), disabled: !(section === 'close' && z) },
      { key: 'F10', label: m('exportCsv'), action: () => void exportAs('csv') },
      ...(drill ? [{ key: 'Escape', label: m('drillClose'), action: () => setDrill(undefined) }] : []),
    ]
  }, [m, section, reconcile, running, report?.closed, loadMonth, load, exportAs, z, drill])

  return (
    <div className="workspace">
      <div className="workspace-body">
        <div className="manager-top">
          <nav className="manager-sections" aria-label={m('secDay')}>
            {SECTIONS.map((s) => (
              <button key={s.id} type="button" aria-current={section === s.id} onClick={() => setSection(s.id)}>
                {m(s.label)} <kbd>{s.key}</kbd>
              </button>
            ))}
          </nav>
          {section === 'month' ? (
            <label>
              <span>{m('month')}</span>
              <input type="month" name="month" value={month} max={cstToday().slice(0, 7)} onChange={(e) => e.target.value && setMonth(e.target.value)} />
            </label>
          ) : (
            <label>
              <span>{m('day')}</span>
              <input
                type="date"
                name="day"
                value={day}
                max={cstToday()}
                onChange={(e) => {
                  if (!e.target.value) return
                  setDay(e.target.value)
                  setDrill(undefined)
                }}
              />
            </label>
          )}
          {report?.training && <span className="tag tag-warn">{m('training')}</span>}
          {section !== 'month' && report && (
            <span className={report.closed ? 'tag tag-ok' : 'tag'} data-testid="day-state">
              {report.closed ? m('closedAt', { at: cstDateTime(report.closed.closedAt), by: report.closed.closedBy }) : m('open')}
            </span>
          )}
        </div>
        <ErrorNotice error={error} />
        <OkNotice text={notice} />
        {section === 'day' && report && (
          <>
            {drill && <DrillList day={day} drill={drill} onClose={() => setDrill(undefined)} />}
            <DayPanel report={report} onDrill={setDrill} />
          </>
        )}
        {section === 'recon' && <ReconPanel history={history} running={running} error={undefined} onChanged={() => void load()} />}
        {section === 'close' && (
          <>
            <ClosePanel key={day} day={day} pending={pending} history={history} z={z} closeRef={closeRef} onClosed={() => void load()} />
            <ShiftsPanel key={`shifts-${day}-${z ? 'closed' : 'open'}`} day={day} />
          </>
        )}
        {section === 'month' && <MonthPanel statement={statement} wholeStore={wholeStore} />}
        {section === 'pending' && <PendingPanel pending={pending} onChanged={() => void load()} />}
        {section === 'audit' && <AuditPanel active={active && section === 'audit'} tick={auditTick} />}
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
