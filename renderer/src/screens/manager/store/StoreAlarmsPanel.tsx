import { useCallback, useEffect, useMemo, useState } from 'react'
import type { StoreAlarm } from '../../../../../shared/contract/sync/registry'
import { pos } from '../../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../../components/FunctionKeys'
import { cstDateTime } from '../format'
import { useCountersMessages } from './counters-messages'

const WORDED = ['SYNC_BODY_CONFLICT', 'TERMINAL_REPAIR_ISSUED', 'TERMINAL_RETIRED'] as const
type Worded = (typeof WORDED)[number]
const worded = (code: string): code is Worded => (WORDED as readonly string[]).includes(code)

/** 门店告警: the store node's alarms for this institution in a manager's words, acknowledged one by one. */
export function StoreAlarmsPanel({ sectionKeys }: { sectionKeys: FunctionKey[] }) {
  const m = useCountersMessages()
  const [alarms, setAlarms] = useState<StoreAlarm[]>()
  const [includeAcked, setIncludeAcked] = useState(false)
  const [error, setError] = useState<ShownError>()

  const load = useCallback(
    () =>
      pos.storeAlarms({ includeAcked }).then(
        (a) => {
          setAlarms(a)
          setError(undefined)
        },
        (e: unknown) => setError(toShownError(e)),
      ),
    [includeAcked],
  )
  useEffect(() => {
    void load()
  }, [load])

  const ack = useCallback(
    (id: number) =>
      pos.ackStoreAlarm({ alarmId: id }).then(
        () => load(),
        (e: unknown) => setError(toShownError(e)),
      ),
    [load],
  )
  const firstOpen = alarms?.find((a) => !a.ackedAt)
  const keys: FunctionKey[] = useMemo(
    () => [
      ...sectionKeys,
      { key: 'F5', label: m('refresh'), action: () => void load() },
      { key: 'F6', label: m('ack'), action: () => firstOpen && void ack(firstOpen.id), disabled: !firstOpen },
      { key: 'F7', label: includeAcked ? m('hideAcked') : m('showAcked'), action: () => setIncludeAcked((v) => !v) },
    ],
    [sectionKeys, m, load, ack, firstOpen, includeAcked],
  )

  return (
    <div className="workspace">
      <div className="workspace-body">
        <div className="manager-top">
          <h2>{m('alarmsTitle')}</h2>
        </div>
        <ErrorNotice error={error} />
        {alarms && alarms.length === 0 && <p>{m('noAlarms')}</p>}
        {alarms && alarms.length > 0 && (
          <table className="grid" data-testid="store-alarms">
            <thead>
              <tr>
                <th>{m('at')}</th>
                <th>{m('counter')}</th>
                <th>{m('what')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {alarms.map((a) => (
                <tr key={a.id}>
                  <td>{cstDateTime(a.at)}</td>
                  <td>{a.terminalNo ? `${String(a.terminalNo).padStart(2, '0')} ${a.label ?? ''}` : m('storeServer')}</td>
                  <td>
                    <div>{worded(a.code) ? m(`alarm_${a.code}`) : a.code}</div>
                    <small>{a.message}</small>
                  </td>
                  <td>
                    {a.ackedAt ? (
                      m('acked', { who: a.ackedBy ?? '', at: cstDateTime(a.ackedAt) })
                    ) : (
                      <button type="button" onClick={() => void ack(a.id)}>
                        {m('ack')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <FunctionKeyBar keys={keys} />
    </div>
  )
}
