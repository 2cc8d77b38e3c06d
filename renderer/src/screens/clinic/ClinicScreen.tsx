import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import type { ClinicItem, Diagnosis, VisitView } from '../../../../shared/contract/clinic/schemas'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { ActiveContext, FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { useLocale } from '../../i18n'
import { useCodeWords } from '../../i18n/codes'
import { CLASS_LABELS } from '../../../../shared/catalog/schemas'
import type { WorkspaceProps } from '../../shell/workspace'
import './clinic.css'
import { ClinicPayPanel } from './ClinicPayPanel'
import { ApprovalDialog, ReasonDialog, VisitListDialog } from './dialogs'
import { STAGE_LABELS, useClinicMessages } from './messages'
import { PatientStart } from './PatientStart'
import { SearchPicker } from './SearchPicker'

type Setup = CallOutput<'clinicSetup'>
type DialogKind = 'list' | 'refund' | 'cancel' | null

export function ClinicScreen({ settings }: WorkspaceProps) {
  const m = useClinicMessages()
  const w = useCodeWords()
  const locale = useLocale()
  const [setup, setSetup] = useState<Setup>()
  const [member, setMember] = useState<MemberView | null>(null)
  const [visit, setVisit] = useState<VisitView | null>(null)
  const [reg, setReg] = useState({ medType: '11' as '11' | '13' | '14', deptCode: '', doctorCode: '' })
  const [diagnoses, setDiagnoses] = useState<Diagnosis[]>([])
  const [diagMedType, setDiagMedType] = useState<'11' | '13' | '14'>('11')
  const [qty, setQty] = useState('1')
  const [selLine, setSelLine] = useState<number | null>(null)
  const [pay, setPay] = useState<{ acctUsed: boolean; mulaidId: string | null }>({ acctUsed: false, mulaidId: null })
  const [tendered, setTendered] = useState('')
  const [dialog, setDialog] = useState<DialogKind>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const [status, setStatus] = useState<CallOutput<'clinicStatus'>>()
  const codeRef = useRef<HTMLInputElement>(null)
  const diagRef = useRef<HTMLInputElement>(null)
  const feeRef = useRef<HTMLInputElement>(null)
  const tenderRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    pos.clinicSetup({}).then(
      (s) => {
        setSetup(s)
        setReg((r) => ({ ...r, deptCode: s.departments[0]?.code ?? '', doctorCode: s.doctors[0]?.code ?? '' }))
      },
      (e: unknown) => setError(toShownError(e)),
    )
    const poll = () => pos.clinicStatus({}).then(setStatus, () => undefined)
    void poll()
    const t = setInterval(poll, 5000)
    const off = pos.on('clinicVisitChanged', ({ visit: v }) => setVisit((cur) => (cur && cur.id === v.id ? v : cur)))
    return () => {
      clearInterval(t)
      off()
    }
  }, [])

  /** Runs one call with the busy flag and the error shown; answers the visit it returns, if any. */
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      return await fn()
    } catch (e) {
      setError(toShownError(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])

  const open = useCallback((v: VisitView) => {
    setVisit(v)
    setMember(null)
    setDiagnoses(v.diagnoses)
    setDiagMedType(v.medType)
    setPay({ acctUsed: v.acctUsed, mulaidId: v.mulaidId ?? v.patient.quotas[0]?.mulaidId ?? null })
    setSelLine(null)
  }, [])

  const newVisit = useCallback(() => {
    setVisit(null)
    setMember(null)
    setDiagnoses([])
    setError(undefined)
    setNotice(undefined)
    setTendered('')
    setTimeout(() => codeRef.current?.focus(), 0)
  }, [])

  // Coming to this tab puts the cursor where the receptionist scans next.
  const active = useContext(ActiveContext)
  const hasVisit = Boolean(visit)
  useEffect(() => {
    if (active && !hasVisit) setTimeout(() => codeRef.current?.focus(), 0)
  }, [active, hasVisit])

  // Focus follows the work: diagnosis after registering, fees after the diagnosis, cash after pre-settling.
  const stage = visit?.stage
  useEffect(() => {
    if (stage === 'registered') diagRef.current?.focus()
    else if (stage === 'diagnosed') feeRef.current?.focus()
    else if (stage === 'presettled') tenderRef.current?.focus()
  }, [stage])

  const register = () =>
    member &&
    run(async () => {
      const v = await pos.clinicStartVisit({ memberRef: member.ref, ...reg })
      open(v)
      setDiagMedType(reg.medType)
    }).then(
      () => undefined,
      () => undefined,
    )

  const saveDiagnosis = () => visit && run(async () => open(await pos.clinicSetDiagnosis({ visitId: visit.id, medType: diagMedType, diagnoses })))

  const addFee = (item: ClinicItem) =>
    visit &&
    run(async () => {
      setVisit(await pos.clinicAddFee({ visitId: visit.id, source: item.source, code: item.code, qty: qty || '1' }))
      setQty('1')
    })

  const upload = () => visit && run(async () => setVisit(await pos.clinicUploadFees({ visitId: visit.id })))

  const removeFee = () =>
    visit &&
    selLine !== null &&
    run(async () => {
      setVisit(await pos.clinicRemoveFee({ visitId: visit.id, seq: selLine }))
      setSelLine(null)
    })

  const presettle = () =>
    visit &&
    run(async () => {
      const v = await pos.clinicPresettle({ visitId: visit.id, acctUsed: pay.acctUsed, mulaidId: pay.mulaidId })
      setVisit(v)
      setTendered(v.split?.cashDue ?? '')
    })

  const settle = (mobile: boolean) =>
    visit &&
    run(async () => {
      const v = await pos.clinicSettle({ visitId: visit.id, payment: mobile ? { method: 'mobile' } : { method: 'cash', tendered: tendered || '0' } })
      setVisit(v)
      setNotice(m('settled', { change: v.payment?.change ?? '0.00' }))
    })

  const canDiagnose = ['registered', 'diagnosed', 'presettled'].includes(stage ?? '')
  const canFees = stage === 'diagnosed' || stage === 'presettled'
  const cyclePayQuota = () => {
    if (!visit) return
    const ids = [null, ...visit.patient.quotas.map((q) => q.mulaidId)]
    setPay({ ...pay, mulaidId: ids[(ids.indexOf(pay.mulaidId) + 1) % ids.length] })
  }
  // One key map with the counter (docs/keys.md): F1 today's list, F2 identify, F4 take out, F6 own account,
  // F7 relative's quota, F8 pre-settle, F9 mobile, F10 take the money, Esc cancel (asks). B14.
  const keys: FunctionKey[] = useMemo(
    () => [
      { key: 'F1', label: m('list'), action: () => setDialog('list') },
      { key: 'F2', label: m('newVisit'), action: newVisit },
      visit
        ? { key: 'F3', label: m('upload'), action: () => void upload(), disabled: !canFees || !visit.lines.some((l) => l.state === 'pending') || busy }
        : { key: 'F3', label: m('register'), action: () => void register(), disabled: !member || busy },
      stage === 'settled'
        ? { key: 'F4', label: m('refund'), action: () => setDialog('refund'), disabled: busy }
        : { key: 'F4', label: m('removeFee'), action: () => void removeFee(), disabled: !canFees || selLine === null || busy },
      { key: 'F5', label: m('saveDiagnosis'), action: () => void saveDiagnosis(), disabled: !canDiagnose || diagnoses.length === 0 || busy },
      {
        key: 'F6',
        label: m('key_account'),
        action: () => setPay({ ...pay, acctUsed: !pay.acctUsed }),
        disabled: !canFees || visit?.patient.insutype !== '310' || busy,
      },
      { key: 'F7', label: m('key_quota'), action: cyclePayQuota, disabled: !canFees || !visit?.patient.quotas.length || busy },
      { key: 'F8', label: m('presettle'), action: () => void presettle(), disabled: !canFees || !visit?.lines.length || busy },
      { key: 'F9', label: m('mobile'), action: () => void settle(true), disabled: stage !== 'presettled' || busy },
      { key: 'F10', label: m('settle'), action: () => void settle(false), disabled: stage !== 'presettled' || busy },
      {
        key: 'Escape',
        label: m('cancelVisit'),
        action: () => setDialog('cancel'),
        disabled: !['registered', 'diagnosed', 'presettled', 'failed'].includes(stage ?? '') || busy,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [m, member, visit, busy, diagnoses, diagMedType, qty, selLine, pay, tendered, reg, stage],
  )

  const searchDiagnoses = useCallback((q: string) => pos.clinicSearchDiagnoses({ query: q }), [])
  const searchItems = useCallback((q: string) => pos.clinicSearchItems({ query: q }), [])
  const stageLabel = (s: VisitView['stage']) => STAGE_LABELS[locale][s]

  return (
    <div className="workspace">
      <div className="clinic-main">
        <div className="clinic-left">
          {status?.recovering && <div className="notice">{m('recovering')}</div>}
          <OkNotice text={notice} />
          <ErrorNotice error={error} />
          {!visit && setup && (
            <PatientStart
              setup={setup}
              member={member}
              onMember={setMember}
              reg={reg}
              onReg={setReg}
              onRegister={() => void register()}
              codeRef={codeRef}
              run={run}
              training={settings.trainingMode}
            />
          )}
          {visit && (
            <>
              <section className="clinic-panel" aria-label={m('visit')} data-testid="visit">
                <div className="clinic-row">
                  <strong>{visit.patient.nameMasked}</strong>
                  <span>{visit.medTypeName}</span>
                  <span>
                    {visit.department.name} · {visit.doctor.name}
                  </span>
                  <span className="muted small">
                    {m('otpNo')} {visit.iptOtpNo}
                  </span>
                  <span className="clinic-stage" data-testid="visit-stage" data-stage={visit.stage}>
                    {stageLabel(visit.stage)}
                  </span>
                  {visit.training && <span className="tag tag-warn">{m('training')}</span>}
                </div>
                {visit.unresolved > 0 && <p className="muted small">{m('unresolved', { n: visit.unresolved })}</p>}
                {visit.error && (
                  <p className="small" style={{ color: 'var(--danger)' }}>
                    {visit.error}
                  </p>
                )}
              </section>
              <section className="clinic-panel" aria-label={m('diagnosisTitle')}>
                <h3>{m('diagnosisTitle')}</h3>
                {canDiagnose && (
                  <div className="clinic-row">
                    <label>
                      {m('medType')}{' '}
                      <select aria-label={m('medType')} value={diagMedType} onChange={(e) => setDiagMedType(e.target.value as '11' | '13' | '14')}>
                        {setup?.medTypes.map((t) => (
                          <option key={t.code} value={t.code}>
                            {t.code} {t.name}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                )}
                {canDiagnose && (
                  <SearchPicker
                    label={m('diagnosisSearch')}
                    placeholder={m('diagnosisPlaceholder')}
                    search={searchDiagnoses}
                    inputRef={diagRef}
                    keyOf={(d) => d.code}
                    render={(d) => (
                      <>
                        <span>{d.name}</span>
                        <code>{d.code}</code>
                      </>
                    )}
                    onPick={(d) => setDiagnoses((cur) => (cur.some((c) => c.code === d.code) ? cur : [...cur, d].slice(0, 5)))}
                  />
                )}
                <ul className="clinic-chips" aria-label={m('diagnosisTitle')}>
                  {diagnoses.length === 0 && <li className="muted">{m('diagnosisNone')}</li>}
                  {diagnoses.map((d) => (
                    <li key={d.code}>
                      {d.code} {d.name}
                      {canDiagnose && (
                        <button
                          type="button"
                          tabIndex={-1}
                          aria-label={`${m('cancel')} ${d.code}`}
                          onClick={() => setDiagnoses(diagnoses.filter((x) => x.code !== d.code))}
                        >
                          ×
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
              <section className="clinic-panel" aria-label={m('feesTitle')}>
                <h3>{m('feesTitle')}</h3>
                {canFees && (
                  <SearchPicker
                    label={m('feeSearch')}
                    placeholder={m('feePlaceholder')}
                    search={searchItems}
                    inputRef={feeRef}
                    keyOf={(i) => `${i.source}:${i.code}`}
                    render={(i) => (
                      <>
                        <span>
                          {i.name} <small className="muted">{i.spec}</small>
                        </span>
                        <span className="small">
                          {i.source === 'price_list' ? m('priceList') : m('catalog')} {i.classLabel ?? ''} ¥{i.price}/{i.unit}
                        </span>
                      </>
                    )}
                    onPick={(i) => void addFee(i)}
                    extra={<input className="qty" aria-label={m('qty')} value={qty} onChange={(e) => setQty(e.target.value)} />}
                  />
                )}
                <table className="grid" aria-label={m('feesTitle')}>
                  <thead>
                    <tr>
                      <th>{m('colItem')}</th>
                      <th className="num">{m('colQty')}</th>
                      <th className="num">{m('colPrice')}</th>
                      <th className="num">{m('colAmount')}</th>
                      <th>{m('colState')}</th>
                      <th>{m('colPlatform')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {visit.lines.length === 0 && (
                      <tr>
                        <td colSpan={6} className="muted">
                          {visit.stage === 'refunded' || visit.stage === 'cancelled' ? m('noFeesClosed') : m('noFees')}
                        </td>
                      </tr>
                    )}
                    {visit.lines.map((l) => (
                      <tr key={l.seq} className={selLine === l.seq ? 'selected' : undefined} onClick={() => setSelLine(l.seq)} data-line={l.seq}>
                        <td>
                          {l.name} <small className="muted">{l.spec}</small>
                        </td>
                        <td className="num">
                          {l.qty}
                          {l.unit}
                        </td>
                        <td className="num">{l.price}</td>
                        <td className="num">{l.amount}</td>
                        <td>{m(l.state)}</td>
                        <td className="small">
                          {l.platform && (
                            <span className="facts-inline">
                              <span className="tag">
                                {w.classLabel(CLASS_LABELS[l.platform.chrgitmLv as keyof typeof CLASS_LABELS] ?? l.platform.chrgitmLv)}
                              </span>
                              {l.platform.selfpayProp !== '0.00' && <span>{m('selfpay', { p: yuan(l.platform.selfpayProp).times(100).toFixed(0) })}</span>}
                              {l.platform.fullOwnPay !== '0.00' && <span>{m('fullOwn', { n: l.platform.fullOwnPay })}</span>}
                              {l.platform.preSelfPay !== '0.00' && <span>{m('preSelf', { n: l.platform.preSelfPay })}</span>}
                              <span>{m('inScope', { n: l.platform.inScope })}</span>
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <td colSpan={3}>{m('medical')}</td>
                      <td className="num" data-testid="visit-total">
                        {visit.total}
                      </td>
                      <td colSpan={2} />
                    </tr>
                  </tfoot>
                </table>
              </section>
            </>
          )}
        </div>
        <div className="clinic-right">
          {visit && (
            <ClinicPayPanel
              visit={visit}
              canFees={canFees}
              pay={pay}
              onPay={setPay}
              tendered={tendered}
              onTendered={setTendered}
              onSettle={(mobile) => void settle(mobile)}
              busy={busy}
              tenderRef={tenderRef}
            />
          )}
        </div>
      </div>
      {dialog === 'list' && (
        <VisitListDialog
          onClose={() => setDialog(null)}
          onOpen={(id) =>
            void run(async () => {
              open(await pos.clinicGetVisit({ visitId: id }))
              setDialog(null)
            })
          }
        />
      )}
      {dialog === 'refund' && visit && (
        <ApprovalDialog
          busy={busy}
          onClose={() => setDialog(null)}
          onSubmit={(approval, reason) =>
            void run(async () => {
              const v = await pos.clinicRefund({ visitId: visit.id, approval, reason })
              setVisit(v)
              setDialog(null)
              // Say the cash to hand back, as the counter does (B19).
              setNotice(m('refunded', { cash: v.payment?.cashDue ?? v.split?.cashDue ?? '0.00' }))
            })
          }
        />
      )}
      {dialog === 'cancel' && visit && (
        <ReasonDialog
          busy={busy}
          onClose={() => setDialog(null)}
          onSubmit={(reason) =>
            void run(async () => {
              setVisit(await pos.clinicCancelVisit({ visitId: visit.id, reason }))
              setDialog(null)
            })
          }
        />
      )}
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
