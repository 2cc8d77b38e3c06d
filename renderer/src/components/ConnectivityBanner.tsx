import { useEffect, useState } from 'react'
import type { ConnectivityStatus } from '../../../shared/contract/offline/schemas'
import { pos } from '../api/pos'
import { cstTime } from '../i18n/beijing-time'
import { useConnectivityMessages } from './messages'

const time = (iso: string) => cstTime(iso)

/**
 * The line to the platform and what waits behind it, on every screen (domain rule 5). Only "offline" is
 * an alert; the quiet states are a live region, so screens keep their own status messages unambiguous.
 */
export function ConnectivityBanner() {
  const m = useConnectivityMessages()
  const [s, setS] = useState<ConnectivityStatus>()
  useEffect(() => {
    pos.connectivityStatus({}).then(setS, () => undefined)
    return pos.on('connectivity', setS)
  }, [])
  if (!s) return null
  const kind = s.state === 'online' ? 'notice-ok' : s.state === 'degraded' ? 'notice-warn' : 'notice-error'
  const head =
    s.state === 'online'
      ? m('online')
      : s.state === 'degraded'
        ? m('degraded', { reason: s.reason ?? m('unknownReason') })
        : m('offline', { since: time(s.since), mode: m(`mode_${s.mode}`) })
  const waiting = s.queue.queued > 0
  return (
    <div
      className={`notice ${kind} connectivity`}
      role={s.state === 'offline' ? 'alert' : undefined}
      aria-live="polite"
      data-testid="connectivity"
      data-state={s.state}
    >
      <strong>{head}</strong>
      {waiting && <span data-testid="queue-count">{m('queued', { sales: s.queue.sales, uploads: s.queue.uploads })}</span>}
      {waiting && s.queue.forwarding && <span>{m('forwarding')}</span>}
      {waiting && s.queue.nextAttemptAt && <span className="muted">{m('nextTry', { time: time(s.queue.nextAttemptAt) })}</span>}
      {s.toResolve > 0 && <span data-testid="to-resolve">{m('toResolve', { n: s.toResolve })}</span>}
      {s.queue.held > 0 && (
        <strong className="badge badge-warn" data-testid="queue-held">
          {m('held', { n: s.queue.held })}
        </strong>
      )}
      {waiting && (
        <button type="button" className="topbar-button" onClick={() => void pos.forwardNow({}).then(setS, () => undefined)}>
          {m('forwardNow')}
        </button>
      )}
    </div>
  )
}
