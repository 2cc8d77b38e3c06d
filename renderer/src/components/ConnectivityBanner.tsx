import { useEffect, useState } from 'react'
import type { ConnectivityStatus } from '../../../shared/contract/offline/schemas'
import { pos } from '../api/pos'
import { defineMessages } from '../i18n'
import { cstTime } from '../i18n/beijing-time'

const useMessages = defineMessages(
  {
    online: '医保平台：在线',
    degraded: '医保平台：连接不稳定（{reason}），正在确认…',
    offline: '医保平台：无法连接（自 {since}）。可以继续收款：医保销售按离线{mode}保存，恢复后自动上传',
    mode_deposit: '押金模式（顾客付全款，结算后退还医保部分）',
    mode_advance: '垫付模式（顾客付预估现金部分）',
    queued: '待上传 {sales} 笔销售、{uploads} 条追溯码',
    nextTry: '下次重试 {time}',
    forwarding: '正在上传…',
    toResolve: '{n} 笔离线销售待处理（退款或应收）',
    held: '{n} 笔离线销售报文编号冲突，暂停上传：请店长查看「待处理」并核对各收银台号',
    forwardNow: '立即上传',
    unknownReason: '无应答',
  },
  {
    online: 'Insurance platform: online',
    degraded: 'Insurance platform: unstable ({reason}), checking…',
    offline: 'Insurance platform: unreachable (since {since}). Keep selling: insured sales are saved offline in {mode} and uploaded when it is back',
    mode_deposit: 'deposit mode (customer pays in full; the insured part is refunded after settlement)',
    mode_advance: 'advance mode (customer pays the estimated cash part)',
    queued: '{sales} sales and {uploads} traceability uploads waiting',
    nextTry: 'next try {time}',
    forwarding: 'uploading…',
    toResolve: '{n} offline sales to settle (refunds or receivables)',
    held: '{n} offline sales held: message id clash. Manager: see Pending and check every counter number',
    forwardNow: 'Upload now',
    unknownReason: 'no answer',
  },
)

const time = (iso: string) => cstTime(iso)

/**
 * The line to the platform and what waits behind it, on every screen (domain rule 5). Only "offline" is
 * an alert; the quiet states are a live region, so screens keep their own status messages unambiguous.
 */
export function ConnectivityBanner() {
  const m = useMessages()
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
