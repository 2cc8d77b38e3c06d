import { useCallback, useEffect, useState } from 'react'
import type { OfflineSaleView } from '../../../../shared/contract/offline/schemas'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { useOfflineMessages } from './offline-messages'
import { OfflineSalePanel } from './OfflinePanel'
import { cstDateTime } from '../../i18n/beijing-time'

/**
 * The counter's offline sales, newest first: where each one stands, and its receipt as it stands now (the
 * offline one, or the corrected one once the platform answered), printable for the customer who comes back.
 */
export function OfflineSales({ keyRef }: { keyRef: { current: ((e: { key: string }) => boolean) | null } }) {
  const m = useOfflineMessages()
  const [sales, setSales] = useState<OfflineSaleView[]>()
  const [active, setActive] = useState(0)
  const [openId, setOpenId] = useState<string>()
  /** The opened sale as fetched with its receipt. */
  const [fetched, setFetched] = useState<OfflineSaleView>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()

  const load = useCallback(() => pos.offlineSales({ open: false, limit: 200 }).then(setSales, (e: unknown) => setError(toShownError(e))), [])
  useEffect(() => {
    void load()
    // Outcomes arrive while the list is open: the rows follow.
    return pos.on('offlineSaleChanged', ({ sale }) => setSales((list) => list?.map((s) => (s.saleId === sale.saleId ? sale : s))))
  }, [load])

  // The list and the change events carry no receipt (laying one out for every answer of a forwarded backlog
  // cost a fifth of the client's time): the opened sale is fetched with it, and again whenever it changes.
  useEffect(() => {
    if (!openId) return
    let live = true
    const fetch = () =>
      pos.offlineSale({ saleId: openId }).then(
        (v) => live && setFetched(v),
        (e: unknown) => live && setError(toShownError(e)),
      )
    void fetch()
    const off = pos.on('offlineSaleChanged', ({ sale }) => {
      if (sale.saleId === openId) void fetch()
    })
    return () => {
      live = false
      off()
      setFetched(undefined)
    }
  }, [openId])
  // Until its receipt arrives, the opened sale is shown from its row.
  const open = openId ? (fetched?.saleId === openId ? fetched : sales?.find((s) => s.saleId === openId)) : undefined

  const print = async (saleId: string) => {
    setError(undefined)
    try {
      const job = await pos.printOfflineReceipt({ saleId })
      setNotice(m(job.kind === 'corrected' ? 'correctedPrinted' : 'receiptReprinted', { id: job.id }))
    } catch (e) {
      setError(toShownError(e))
    }
  }

  const forward = async () => {
    setError(undefined)
    try {
      const s = await pos.forwardNow({})
      setNotice(m('forwarding', { n: s.queue.sales }))
    } catch (e) {
      setError(toShownError(e))
    }
  }

  // The history dialog around this list owns the focus and hands its keys here first.
  useEffect(() => {
    keyRef.current = ({ key }) => {
      const k = key.toLowerCase()
      if (k === 'u') void forward()
      else if (openId && key === 'Escape') setOpenId(undefined)
      else if (open && k === 'p') void print(open.saleId)
      else if (!openId && sales?.length && key === 'ArrowDown') setActive((a) => Math.min(a + 1, sales.length - 1))
      else if (!openId && sales?.length && key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
      else if (!openId && sales?.[active] && key === 'Enter') setOpenId(sales[active].saleId)
      else return false
      return true
    }
    return () => {
      keyRef.current = null
    }
  })

  return (
    <div data-testid="offline-sales">
      <ErrorNotice error={error} />
      <OkNotice text={notice} />
      {open ? (
        <div className="offline-detail">
          <div>
            <OfflineSalePanel view={open} />
            <div className="actions">
              <button type="button" onClick={() => void print(open.saleId)}>
                {m(open.outcome ? 'printCorrected' : 'printAgain')} <kbd>P</kbd>
              </button>
            </div>
          </div>
          {open.receipt && (
            <figure>
              <figcaption>{m(open.receipt.kind === 'corrected' ? 'correctedReceipt' : 'offlineReceipt')}</figcaption>
              <pre className="receipt-preview" data-testid="offline-receipt">
                {open.receipt.lines.join('\n')}
              </pre>
            </figure>
          )}
        </div>
      ) : !sales ? null : sales.length === 0 ? (
        <p className="muted">{m('listEmpty')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{m('col_time')}</th>
              <th>{m('col_member')}</th>
              <th className="num">{m('col_total')}</th>
              <th className="num">{m('col_paid')}</th>
              <th>{m('col_state')}</th>
              <th>{m('col_next')}</th>
            </tr>
          </thead>
          <tbody>
            {sales.map((s, i) => (
              <tr
                key={s.saleId}
                data-sale={s.saleId}
                aria-selected={i === active}
                className={i === active ? 'selected' : undefined}
                onClick={() => setOpenId(s.saleId)}
              >
                <td>{cstDateTime(s.queuedAt)}</td>
                <td>{s.memberNameMasked ?? '—'}</td>
                <td className="num">¥{s.total}</td>
                <td className="num">¥{s.paid}</td>
                <td>{s.state === 'forwarding' ? m('state_forwarding', { n: s.attempts }) : m(`state_${s.state}`)}</td>
                <td>{nextStep(m, s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{open ? m('detailKeys') : m('listKeys')}</p>
    </div>
  )
}

function nextStep(m: ReturnType<typeof useOfflineMessages>, s: OfflineSaleView): string {
  const due = s.outcome?.due ?? '0.00'
  if (s.resolution === 'refund_due') return m('refundDue', { amount: due })
  if (s.resolution === 'receivable') return m('receivable', { amount: due.replace('-', '') })
  if (s.resolution === 'closed') return m('closed')
  return s.mode === 'deposit' ? m('modeDeposit') : m('modeAdvance')
}
