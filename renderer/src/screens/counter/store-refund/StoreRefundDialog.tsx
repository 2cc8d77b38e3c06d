import { useState } from 'react'
import { useCallRunner } from '../../../components/use-call-runner'
import type { CallInput, CallOutput } from '../../../../../shared/contract'
import { terminalNoText } from '../../../../../shared/contract'
import { pos } from '../../../api/pos'
import { Dialog } from '../../../components/Dialog'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { cstTime, cstToday } from '../../../i18n/beijing-time'
import { ApprovalFields } from '../dialogs'
import { useStoreRefundMessages } from './messages'

type Found = CallOutput<'findStoreSales'>[number]
type By = 'code' | 'setl' | 'member'

/** The receipt's QR carries the sale id, alone or at the end of a link: the last path part is the code. */
function receiptCode(text: string): string {
  const t = text.trim()
  return t.includes('/') ? (t.split('/').filter(Boolean).pop() ?? t) : t
}

function queryOf(by: By, f: { text: string; day: string; psnNo: string }): CallInput<'findStoreSales'> {
  if (by === 'code') return { saleId: receiptCode(f.text) }
  if (by === 'setl') return { setlId: f.text.trim() }
  return { day: f.day, psnNo: f.psnNo.trim() }
}

/**
 * Refund at any counter (store mode): the cashier finds a sale another counter of the store made, through the
 * store server, and refunds it here with a manager's PIN. The core leases it at the store server, sends the
 * 2103 under this counter's own number, prints the refund slip here and tells the selling counter.
 */
export function StoreRefundDialog({ onClose, onNotice }: { onClose: () => void; onNotice: (text: string) => void }) {
  const m = useStoreRefundMessages()
  const [by, setBy] = useState<By>('code')
  const [form, setForm] = useState({ text: '', day: cstToday(), psnNo: '' })
  const [found, setFound] = useState<Found[]>()
  const [active, setActive] = useState(0)
  const [chosen, setChosen] = useState<Found>()
  const [approval, setApproval] = useState({ userId: '', pin: '', reason: '' })
  const runner = useCallRunner<true>()
  const { error } = runner
  const busy = runner.busy !== undefined
  const step = <T,>(work: () => Promise<T>) => runner.run(true, work)

  const find = () =>
    step(async () => {
      const sales = await pos.findStoreSales(queryOf(by, form))
      setFound(sales)
      setActive(0)
      // One sale found by its own code or settlement: straight to its refund.
      if (sales.length === 1 && by !== 'member' && !sales[0].refunded) setChosen(sales[0])
    })

  const refund = (sale: Found) =>
    step(async () => {
      const done = await pos.refundStoreSale({ saleId: sale.saleId, approval: { userId: approval.userId, pin: approval.pin }, reason: approval.reason })
      onNotice(m('refundedNotice', { no: terminalNoText(sale.terminalNo), cash: done.payment?.cashDue ?? '0.00' }))
      onClose()
    })

  if (chosen) {
    return (
      <Dialog title={m('title')} busy={busy} onClose={() => setChosen(undefined)} onSubmit={() => void refund(chosen)}>
        <p data-testid="store-sale-chosen">
          {m('soldAt', { no: terminalNoText(chosen.terminalNo), label: chosen.terminalLabel })} · {cstTime(chosen.createdAt)} ·{' '}
          <span translate="no">{chosen.memberNameMasked ?? '—'}</span> · ¥{chosen.total}
        </p>
        <p className="muted small">{m('leaseHint')}</p>
        <ApprovalFields value={approval} onChange={setApproval} focusReason />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {m('confirm')} <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={() => setChosen(undefined)}>
            {m('cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </Dialog>
    )
  }

  const rows = found ?? []
  return (
    <Dialog title={m('title')} busy={busy} onClose={onClose} onSubmit={() => void find()}>
      <p className="muted small">{m('hint')}</p>
      <label>
        <span>{m('by')}</span>
        <select name="store-find-by" value={by} onChange={(e) => setBy(e.target.value as By)}>
          <option value="code">{m('by_code')}</option>
          <option value="setl">{m('by_setl')}</option>
          <option value="member">{m('by_member')}</option>
        </select>
      </label>
      {by === 'member' ? (
        <>
          <label>
            <span>{m('day')}</span>
            <input name="store-find-day" type="date" value={form.day} onChange={(e) => setForm({ ...form, day: e.target.value })} />
          </label>
          <label>
            <span>{m('psnNo')}</span>
            <input name="store-find-psn" autoFocus autoComplete="off" value={form.psnNo} onChange={(e) => setForm({ ...form, psnNo: e.target.value })} />
          </label>
        </>
      ) : (
        <label>
          <span>{m(by === 'code' ? 'code' : 'setl')}</span>
          <input name="store-find-text" autoFocus autoComplete="off" value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        </label>
      )}
      <ErrorNotice error={error} />
      {found && rows.length === 0 && <p className="muted">{m('none')}</p>}
      {rows.length > 0 && (
        <div
          tabIndex={0}
          data-testid="store-sale-list"
          onKeyDown={(e) => {
            // The list's own Enter takes the row; in the search field Enter finds again.
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, rows.length - 1))
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
            else if (e.key === 'Enter' && rows[active] && !rows[active].refunded) {
              e.preventDefault()
              e.stopPropagation()
              setChosen(rows[active])
            }
          }}
        >
          <table className="grid" data-testid="store-sales">
            <tbody>
              {rows.map((s, i) => (
                <tr
                  key={s.saleId}
                  aria-selected={i === active}
                  className={i === active ? 'selected' : undefined}
                  onClick={() => (s.refunded ? setActive(i) : setChosen(s))}
                >
                  <td>{m('soldAt', { no: terminalNoText(s.terminalNo), label: s.terminalLabel })}</td>
                  <td>{cstTime(s.createdAt)}</td>
                  <td translate="no">{s.memberNameMasked ?? '—'}</td>
                  <td className="num">¥{s.total}</td>
                  <td>
                    {s.refunded && <small className="tag">{m('refundedAnywhere')}</small>}
                    {!s.insured && <small className="tag">{m('notInsured')}</small>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{m('pick')}</p>
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {m('find')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onClose}>
          {m('cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}
