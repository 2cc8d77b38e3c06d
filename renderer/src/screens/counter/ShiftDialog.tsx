import { useEffect, useState } from 'react'
import type { Shift, XReport } from '../../../../shared/contract/shift/schemas'
import { pos } from '../../api/pos'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { cstDateTime } from '../../i18n/beijing-time'
import { useShiftMessages } from './shift-messages'
import { cashCount, DenominationCount, type Counts } from './DenominationCount'

type Step =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'open'; x: XReport } | { kind: 'count'; x: XReport } | { kind: 'closed'; x: XReport; next: Shift | null }

async function currentStep(): Promise<Step> {
  const current = await pos.currentShift({})
  return current ? { kind: 'open', x: await pos.shiftXReport({}) } : { kind: 'none' }
}

/**
 * 交班 (F3 with an empty cart): open with a float, record cash in and out, the X report (shown and printed),
 * and the blind count: while the cashier counts, the expected cash is not on screen.
 */
export function ShiftDialog({ onClose }: { onClose: () => void }) {
  const s = useShiftMessages()
  const [step, setStep] = useState<Step>({ kind: 'loading' })
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [float, setFloat] = useState('')
  const [move, setMove] = useState({ kind: 'out' as 'in' | 'out', amount: '', reason: '' })
  const [count, setCount] = useState({ counted: '', note: '', handoverTo: '' })
  const [byDenomination, setByDenomination] = useState(false)
  const [counts, setCounts] = useState<Counts>({})

  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    try {
      await work()
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }
  const load = () => act(async () => setStep(await currentStep()))
  useEffect(() => {
    currentStep().then(setStep, (e: unknown) => setError(toShownError(e)))
  }, [])

  const submit = () => {
    if (step.kind === 'none') void act(async () => (await pos.openShift({ float: cashCount(byDenomination, float, counts) }), await load()))
    else if (step.kind === 'count')
      void act(async () => {
        const r = await pos.closeShift({
          counted: cashCount(byDenomination, count.counted, counts),
          ...(count.note.trim() ? { note: count.note } : {}),
          ...(count.handoverTo.trim() ? { handoverTo: count.handoverTo.trim() } : {}),
        })
        setStep({ kind: 'closed', x: r.closed, next: r.next })
      })
    else if (step.kind === 'closed') onClose()
  }

  const figures = (x: XReport) => (
    <table className="grid shift-x" aria-label={s('title')} data-testid="shift-x">
      <tbody>
        <tr>
          <th>{s('sales', { count: x.sales.count, total: x.sales.total })}</th>
          <td className="num">{x.sales.total}</td>
        </tr>
        <tr>
          <th>{s('refunds', { count: x.refunds.count, total: x.refunds.total })}</th>
          <td className="num">{x.refunds.total}</td>
        </tr>
        <tr>
          <th>{s('cash')}</th>
          <td className="num">{x.net.cash}</td>
        </tr>
        <tr>
          <th>{s('mobile')}</th>
          <td className="num">{x.net.mobile}</td>
        </tr>
        <tr>
          <th>{s('fund')}</th>
          <td className="num">{x.net.fund}</td>
        </tr>
        <tr>
          <th>{s('account')}</th>
          <td className="num">{x.net.account}</td>
        </tr>
        <tr>
          <th>{s('moveKind')}</th>
          <td className="num">
            {x.cashIn} / {x.cashOut}
          </td>
        </tr>
        <tr>
          <th>{s('expected')}</th>
          <td className="num" data-testid="shift-expected">
            {x.expectedCash}
          </td>
        </tr>
      </tbody>
    </table>
  )
  const denominationToggle = (
    <label className="check">
      <input type="checkbox" name="by-denomination" checked={byDenomination} onChange={(e) => setByDenomination(e.target.checked)} />
      <span>{s('byDenomination')}</span>
    </label>
  )
  const line = (sh: Shift) => s('shiftLine', { no: sh.no, cashier: sh.cashier, at: cstDateTime(sh.openedAt), opening: sh.opening })

  return (
    <Dialog title={s('title')} onClose={onClose} onSubmit={submit} busy={busy}>
      <ErrorNotice error={error} />
      <OkNotice text={notice} />
      {step.kind === 'none' && (
        <>
          <p>{s('none')}</p>
          {denominationToggle}
          {byDenomination ? (
            <DenominationCount counts={counts} onChange={setCounts} />
          ) : (
            <label>
              <span>{s('float')}</span>
              <input name="shift-float" autoFocus inputMode="decimal" autoComplete="off" value={float} onChange={(e) => setFloat(e.target.value)} />
            </label>
          )}
          <button type="submit">{s('open')}</button>
        </>
      )}
      {step.kind === 'open' && (
        <>
          <p data-testid="shift-line">{line(step.x.shift)}</p>
          {figures(step.x)}
          {step.x.unsettled > 0 && <p className="muted">{s('unsettled', { n: step.x.unsettled })}</p>}
          <fieldset className="shift-move">
            <label>
              <span>{s('moveKind')}</span>
              <select name="move-kind" value={move.kind} onChange={(e) => setMove({ ...move, kind: e.target.value as 'in' | 'out' })}>
                <option value="in">{s('cashIn')}</option>
                <option value="out">{s('cashOut')}</option>
              </select>
            </label>
            <label>
              <span>{s('moveAmount')}</span>
              <input
                name="move-amount"
                autoFocus
                inputMode="decimal"
                autoComplete="off"
                value={move.amount}
                onChange={(e) => setMove({ ...move, amount: e.target.value })}
              />
            </label>
            <label>
              <span>{s('moveReason')}</span>
              <input name="move-reason" autoComplete="off" value={move.reason} onChange={(e) => setMove({ ...move, reason: e.target.value })} />
            </label>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  const x = await pos.shiftCashMove(move)
                  setMove({ kind: move.kind, amount: '', reason: '' })
                  setStep({ kind: 'open', x })
                })
              }
            >
              {s('move')}
            </button>
          </fieldset>
          <p className="actions">
            <button type="button" disabled={busy} onClick={() => void act(async () => (await pos.printShiftReport({}), setNotice(s('printed'))))}>
              {s('printX')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setCounts({})
                setStep({ kind: 'count', x: step.x })
              }}
            >
              {s('startClose')}
            </button>
          </p>
        </>
      )}
      {step.kind === 'count' && (
        <>
          <p data-testid="shift-line">{line(step.x.shift)}</p>
          <p className="muted">{s('blindHint')}</p>
          {denominationToggle}
          {byDenomination ? (
            <DenominationCount counts={counts} onChange={setCounts} />
          ) : (
            <label>
              <span>{s('counted')}</span>
              <input
                name="shift-counted"
                autoFocus
                inputMode="decimal"
                autoComplete="off"
                value={count.counted}
                onChange={(e) => setCount({ ...count, counted: e.target.value })}
              />
            </label>
          )}
          <label>
            <span>{s('note')}</span>
            <input name="shift-note" autoComplete="off" value={count.note} onChange={(e) => setCount({ ...count, note: e.target.value })} />
          </label>
          <label>
            <span>{s('handoverTo')}</span>
            <input name="shift-handover" autoComplete="off" value={count.handoverTo} onChange={(e) => setCount({ ...count, handoverTo: e.target.value })} />
          </label>
          <button type="submit">{s('close')}</button>
        </>
      )}
      {step.kind === 'closed' && (
        <>
          <h3>{s('closedTitle', { no: step.x.shift.no })}</h3>
          {figures(step.x)}
          <p>
            {s('counted')}: <strong data-testid="shift-counted">{step.x.shift.counted}</strong> · {s('difference')}:{' '}
            <strong data-testid="shift-difference">{step.x.shift.difference}</strong>
          </p>
          {step.next && <p data-testid="shift-next">{s('nextOpened', { no: step.next.no, cashier: step.next.cashier, opening: step.next.opening })}</p>}
          <button type="submit" autoFocus>
            OK
          </button>
        </>
      )}
    </Dialog>
  )
}
