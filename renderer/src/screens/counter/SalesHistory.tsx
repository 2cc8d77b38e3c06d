import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { pos } from '../../api/pos'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { ApprovalFields } from './dialogs'
import { useCounterMessages } from './messages'
import { useMobilePayMessages, walletRefundNotice } from './mobile-pay-messages'
import { OfflineSales } from './OfflineSales'
import { SalePaper } from './SalePaper'
import { cstTime } from '../../i18n/beijing-time'

type Summary = CallOutput<'listSales'>[number]

/**
 * The cashier types what comes back (退货数量); the core takes what the customer keeps. A line with
 * nothing typed keeps everything; boxes' trace codes go with the kept boxes first.
 */
export function keptLines(sale: SaleView, returned: Record<number, string>) {
  return sale.lines.flatMap((l) => {
    const back = returned[l.seq] ? yuan(returned[l.seq]) : yuan(0)
    const kept = yuan(l.qty).minus(back)
    if (kept.lte(0)) return []
    return [{ seq: l.seq, qty: kept.toString(), traceCodes: l.traceCodes.slice(0, kept.isInteger() ? kept.toNumber() : 1) }]
  })
}

/** Today's sales at this counter: look one up, refund it whole, or take part of it back. */
export function SalesHistory({
  onClose,
  onReplacement,
  onNotice,
}: {
  onClose: () => void
  /** A partial return's new sale of the kept goods, and the cash the refund gave back, to be netted. */
  onReplacement: (sale: SaleView, refundedCash: string) => void
  onNotice: (text: string) => void
}) {
  const m = useCounterMessages()
  const mm = useMobilePayMessages()
  const [sales, setSales] = useState<Summary[]>([])
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState<SaleView>()
  const [mode, setMode] = useState<'refund' | 'return'>()
  const [approval, setApproval] = useState({ userId: '', pin: '', reason: '' })
  const [returned, setReturned] = useState<Record<number, string>>({})
  const [qr, setQr] = useState('')
  const [error, setError] = useState<ShownError>()
  const [busy, setBusy] = useState(false)
  const [offline, setOffline] = useState(false)
  const offlineKeys = useRef<((e: { key: string }) => boolean) | null>(null)

  const load = useCallback(() => pos.listSales({ limit: 100 }).then(setSales, (e: unknown) => setError(toShownError(e))), [])
  useEffect(() => {
    void load()
  }, [load])

  const show = (id: string) => pos.getSale({ saleId: id }).then(setOpen, (e: unknown) => setError(toShownError(e)))
  // The paper a refunded sale's customer takes is its 退货单; any other sale's, its receipt.
  const reprint = (sale: SaleView) =>
    pos.reprintSale({ saleId: sale.id, slip: sale.state === 'refunded' ? 'refund' : 'sale' }).then(
      (job) => {
        onNotice(m('reprinted', { id: job.id }))
        return show(sale.id)
      },
      (e: unknown) => setError(toShownError(e)),
    )

  async function submit() {
    if (!open || !mode) return
    setBusy(true)
    setError(undefined)
    try {
      const approvalInput = { userId: approval.userId, pin: approval.pin }
      if (mode === 'refund') {
        const done = await pos.refundSale({ saleId: open.id, approval: approvalInput, reason: approval.reason })
        // Paid by code: it went back to the customer's wallet, not over the counter.
        const byCode = (await pos.listMobilePayments({ saleId: open.id })).find((p) => p.state === 'paid')
        onNotice(byCode ? walletRefundNotice(byCode, mm) : m('refunded', { cash: done.payment?.cashDue ?? '0.00' }))
        setOpen(done)
      } else {
        const bad = open.lines.find((l) => returned[l.seq] && (!/^\d+(\.\d{1,3})?$/.test(returned[l.seq]) || yuan(returned[l.seq]).gt(l.qty)))
        if (bad) return setError({ code: 'RETURN_TOO_MUCH', message: m('returnTooMuch', { name: bad.name, qty: bad.qty }) })
        const memberRef = qr.trim() ? (await pos.identifyMember({ qrCode: qr.trim() })).ref : undefined
        const { refunded, replacement } = await pos.returnItems({
          saleId: open.id,
          approval: approvalInput,
          reason: approval.reason,
          keep: keptLines(open, returned),
          memberRef,
        })
        onNotice(m('returnedNotice'))
        onReplacement(replacement, refunded.payment?.cashDue ?? '0.00')
        return
      }
      setMode(undefined)
      await load()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }

  if (open && mode) {
    return (
      <Dialog title={mode === 'refund' ? m('refund') : m('partialReturn')} busy={busy} onClose={() => setMode(undefined)} onSubmit={() => void submit()}>
        {mode === 'return' && (
          <fieldset>
            <legend>{m('returnQtyTitle')}</legend>
            {open.lines.map((l, i) => (
              <label key={l.seq}>
                <span>
                  <span translate="no">{l.name}</span>
                  {m('returnLineQty', { qty: l.qty })}
                </span>
                <input
                  name={`return-${l.seq}`}
                  autoFocus={i === 0}
                  inputMode="decimal"
                  value={returned[l.seq] ?? ''}
                  onChange={(e) => setReturned({ ...returned, [l.seq]: e.target.value.trim() })}
                />
              </label>
            ))}
            {open.member && (
              <label>
                <span>{m('rescan')}</span>
                <input name="rescan-member" autoComplete="off" value={qr} onChange={(e) => setQr(e.target.value)} />
              </label>
            )}
          </fieldset>
        )}
        <ApprovalFields value={approval} onChange={setApproval} focusReason={mode === 'refund'} />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {m('confirm')} <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={() => setMode(undefined)}>
            {m('cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </Dialog>
    )
  }

  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => {
        if (offline && offlineKeys.current?.(e)) {
          e.preventDefault()
          e.stopPropagation()
        } else if (!open && (e.key === 'l' || e.key === 'L')) setOffline(!offline)
        else if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          if (open) setOpen(undefined)
          else onClose()
        } else if (!open && e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, sales.length - 1))
        else if (!open && e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
        else if (!open && e.key === 'Enter' && sales[active]) void show(sales[active].id)
        else if (open && open.receiptJobId !== null && (e.key === 'd' || e.key === 'D')) {
          e.preventDefault()
          reprint(open)
        } else if (open && open.state === 'settled' && (e.key === 'r' || e.key === 'R' || e.key === 'p' || e.key === 'P')) {
          // The key chooses the dialog; it must not also be typed into the dialog's first field (B9).
          e.preventDefault()
          setMode(e.key === 'r' || e.key === 'R' ? 'refund' : 'return')
        }
      }}
    >
      <section className="card dialog history" role="dialog" aria-modal="true" aria-label={m('historyTitle')} tabIndex={-1} ref={(el) => el?.focus()}>
        <h2>{offline ? m('offlineTitle') : m('historyTitle')}</h2>
        <ErrorNotice error={error} />
        {offline ? (
          <OfflineSales keyRef={offlineKeys} />
        ) : !open ? (
          sales.length === 0 ? (
            <p className="muted">{m('historyEmpty')}</p>
          ) : (
            <table className="grid">
              <tbody>
                {sales.map((s, i) => (
                  <tr key={s.id} aria-selected={i === active} className={i === active ? 'selected' : undefined} onClick={() => void show(s.id)}>
                    <td>{cstTime(s.createdAt)}</td>
                    <td>{s.id.slice(0, 8)}</td>
                    <td translate="no">{s.memberNameMasked ?? '—'}</td>
                    <td className="num">¥{s.total}</td>
                    <td>
                      {m(`state_${s.state}`)} {s.training && <small className="tag">{m('training')}</small>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : (
          <div>
            <p>
              {open.id.slice(0, 8)} · {m(`state_${open.state}`)} · ¥{open.total}{' '}
              {open.settlementId && <small>{m('settlementIdNote', { id: open.settlementId })}</small>}
            </p>
            {open.receiptJobId === null ? (
              <ul>
                {open.lines.map((l) => (
                  <li key={l.seq}>
                    <span translate="no">{l.name}</span> × {l.qty} = ¥{l.amount}
                  </li>
                ))}
              </ul>
            ) : (
              <SalePaper jobId={open.receiptJobId} />
            )}
            <div className="actions">
              {open.receiptJobId !== null && (
                <button type="button" onClick={() => reprint(open)}>
                  {m(open.state === 'refunded' ? 'reprintRefundSlip' : 'reprintReceipt')} <kbd>D</kbd>
                </button>
              )}
              {open.state === 'settled' && (
                <>
                  <button type="button" onClick={() => setMode('refund')}>
                    {m('refund')} <kbd>R</kbd>
                  </button>
                  <button type="button" onClick={() => setMode('return')}>
                    {m('partialReturn')} <kbd>P</kbd>
                  </button>
                </>
              )}
            </div>
          </div>
        )}
        <p className="muted small">
          ↑↓ Enter · <kbd>L</kbd> {offline ? m('historyTitle') : m('offlineTitle')} · Esc {m('key_back')}
        </p>
      </section>
    </div>
  )
}
