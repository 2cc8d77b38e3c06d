import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { OneTimeCode, RegisteredCounter, StoreRegistry } from '../../../../../shared/contract/sync/registry'
import { pos } from '../../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../../components/FunctionKeys'
import { usePunctuation } from '../../../i18n/punctuation'
import { cstDateTime } from '../format'
import { useCountersMessages } from './counters-messages'

const no2 = (n: number) => String(n).padStart(2, '0')

/**
 * 门店收银台: the store's counters as the store node registered them, a one-time code for a new counter
 * (shown once, large, and forgotten when closed), and a blocked counter's re-pairing or a lost one's
 * retirement under a manager's PIN. `sectionKeys` are the workspace's F1–F3.
 */
export function StoreCountersPanel({ sectionKeys }: { sectionKeys: FunctionKey[] }) {
  const m = useCountersMessages()
  const p = usePunctuation()
  const [registry, setRegistry] = useState<StoreRegistry>()
  const [notPaired, setNotPaired] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [label, setLabel] = useState('')
  const [code, setCode] = useState<OneTimeCode>()
  const [chosen, setChosen] = useState<number>()
  const [approval, setApproval] = useState({ userId: '', pin: '' })
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const labelRef = useRef<HTMLInputElement>(null)

  const load = useCallback(
    () =>
      pos.storeCounters({}).then(
        (r) => {
          setRegistry(r)
          setNotPaired(false)
        },
        (e: unknown) => {
          const shown = toShownError(e)
          if (shown.code === 'SYNC_NOT_PAIRED') setNotPaired(true)
          else setError(shown)
        },
      ),
    [],
  )
  useEffect(() => {
    void load()
  }, [load])

  const run = useCallback(
    async (what: () => Promise<unknown>) => {
      setBusy(true)
      setError(undefined)
      try {
        await what()
        await load()
      } catch (e) {
        setError(toShownError(e))
      } finally {
        setBusy(false)
      }
    },
    [load],
  )
  const add = useCallback(() => {
    if (!label.trim()) return labelRef.current?.focus()
    void run(async () => {
      setCode(await pos.newStoreCounterCode({ label: label.trim() }))
      setLabel('')
    })
  }, [label, run])
  const repair = useCallback(() => {
    if (chosen === undefined) return
    void run(async () => {
      setCode(await pos.repairStoreCounter({ terminalNo: chosen, approval }))
      setApproval({ userId: '', pin: '' })
    })
  }, [chosen, approval, run])
  const retire = useCallback(() => {
    if (chosen === undefined) return
    void run(async () => {
      await pos.retireStoreCounter({ terminalNo: chosen, reason, approval })
      setApproval({ userId: '', pin: '' })
      setReason('')
    })
  }, [chosen, reason, approval, run])

  const targetState = registry?.counters.find((c) => c.terminalNo === chosen && c.state !== 'retired' && !c.self)?.state
  const keys: FunctionKey[] = useMemo(
    () => [
      ...sectionKeys,
      { key: 'F5', label: m('refresh'), action: () => void load() },
      { key: 'F6', label: m('add'), action: add, disabled: busy || notPaired },
      { key: 'F7', label: m('repair'), action: repair, disabled: busy || targetState !== 'blocked' },
      { key: 'F8', label: m('retire'), action: retire, disabled: busy || !targetState || reason.trim().length < 2 },
      ...(code ? [{ key: 'Escape', label: m('hide'), action: () => setCode(undefined) }] : []),
    ],
    [sectionKeys, m, load, add, repair, retire, busy, notPaired, targetState, reason, code],
  )

  const stateOf = (c: RegisteredCounter) => (
    <>
      <span className={c.state === 'active' ? 'tag tag-ok' : 'tag tag-warn'}>{m(c.state)}</span>
      {c.state === 'blocked' && <div>{`${m('blockedWhy')}${p.paren(c.blockedReason ?? '')}`}</div>}
      {c.retiredReason && <div>{c.replacedByNo ? m('replacedBy', { no: no2(c.replacedByNo) }) : c.retiredReason}</div>}
      {c.repairPending && <div>{m('repairPending')}</div>}
    </>
  )

  return (
    <div className="workspace">
      <div className="workspace-body">
        <div className="manager-top">
          <h2>{m('countersTitle')}</h2>
        </div>
        <ErrorNotice error={error} />
        {notPaired && <p data-testid="store-not-paired">{m('notPaired')}</p>}
        {code && (
          <div className="tag tag-ok" data-testid="one-time-code" role="status">
            <p>{code.replacesNo ? m('repairCodeFor', { no: no2(code.replacesNo), label: code.label }) : m('codeFor', { label: code.label })}</p>
            <p style={{ fontSize: '2.4rem', letterSpacing: '0.3rem', fontFamily: 'monospace' }} data-testid="one-time-code-value">
              {code.code}
            </p>
            <p>{m('expires', { at: cstDateTime(code.expiresAt) })}</p>
          </div>
        )}
        {registry && (
          <table className="grid" data-testid="store-registry">
            <thead>
              <tr>
                <th>{m('no')}</th>
                <th>{m('label')}</th>
                <th>{m('pairedAt')}</th>
                <th>{m('lastPush')}</th>
                <th>{m('reported')}</th>
                <th>{m('waitingRows')}</th>
                <th>{m('state')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>00</td>
                <td colSpan={6}>{m('storeServer')}</td>
              </tr>
              {registry.counters.map((c) => (
                <tr key={c.terminalNo} data-testid={`counter-${no2(c.terminalNo)}`}>
                  <td>{no2(c.terminalNo)}</td>
                  <td>{c.self ? `${c.label}${p.paren(m('self'))}` : c.label}</td>
                  <td>{cstDateTime(c.pairedAt)}</td>
                  <td>{c.lastPushAt ? cstDateTime(c.lastPushAt) : m('never')}</td>
                  <td>{c.reportedThrough ? cstDateTime(c.reportedThrough) : m('never')}</td>
                  <td className="num">{c.waiting ?? m('unknown')}</td>
                  <td>{stateOf(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {registry && registry.openCodes.length > 0 && (
          <p>{`${m('openCodes')}${p.colon}${registry.openCodes.map((o) => `${o.label}${p.paren(m('expires', { at: cstDateTime(o.expiresAt) }))}`).join(p.listSeparator)}`}</p>
        )}
        <h3>{m('addTitle')}</h3>
        <p>{m('addHint')}</p>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault()
            add()
          }}
        >
          <label>
            <span>{m('addLabel')}</span>
            <input ref={labelRef} name="counter-label" value={label} maxLength={40} onChange={(e) => setLabel(e.target.value)} />
          </label>
        </form>
        <h3>{`${m('repair')} / ${m('retire')}`}</h3>
        <p>{m('retireHint')}</p>
        <div className="form">
          <label>
            <span>{m('choose')}</span>
            <select name="counter-chosen" value={chosen ?? ''} onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : undefined)}>
              <option value="" />
              {(registry?.counters ?? [])
                .filter((c) => c.state !== 'retired' && !c.self)
                .map((c) => (
                  <option key={c.terminalNo} value={c.terminalNo}>{`${no2(c.terminalNo)} ${c.label}${p.paren(m(c.state))}`}</option>
                ))}
            </select>
          </label>
          <label>
            <span>{m('approverId')}</span>
            <input name="approver-id" value={approval.userId} onChange={(e) => setApproval({ ...approval, userId: e.target.value })} />
          </label>
          <label>
            <span>{m('approverPin')}</span>
            <input name="approver-pin" type="password" value={approval.pin} onChange={(e) => setApproval({ ...approval, pin: e.target.value })} />
          </label>
          <label>
            <span>{m('reason')}</span>
            <input name="retire-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </label>
        </div>
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
