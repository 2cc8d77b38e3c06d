import { useState } from 'react'
import { LineQtySchema, MAX_LINE_QTY } from '../../../../shared/contract/sale/schemas'
import { Dialog } from '../../components/Dialog'
import { useCounterMessages } from './messages'

export interface Prescription {
  rxno?: string
  external: boolean
  pharmacist: string
}

/**
 * 处方登记. The Rx number and the checking pharmacist are both required, and said so in the screen's own
 * words next to the field that is missing (never the browser's English bubble, which also moved the
 * focus so the next scan landed in the wrong box; B12).
 */
export function PrescriptionDialog({ value, onDone }: { value?: Prescription; onDone: (p?: Prescription) => void }) {
  const m = useCounterMessages()
  const [rxno, setRxno] = useState(value?.rxno ?? '')
  const [external, setExternal] = useState(value?.external ?? false)
  const [pharmacist, setPharmacist] = useState(value?.pharmacist ?? '')
  const [missing, setMissing] = useState<'rxno' | 'pharmacist'>()
  const submit = () => {
    const gap = !rxno.trim() ? 'rxno' : !pharmacist.trim() ? 'pharmacist' : undefined
    setMissing(gap)
    if (gap) return document.querySelector<HTMLInputElement>(`.dialog input[name="${gap}"]`)?.focus()
    onDone({ rxno: rxno.trim(), external, pharmacist: pharmacist.trim() })
  }
  return (
    <Dialog title={m('prescriptionTitle')} onClose={() => onDone(value)} onSubmit={submit}>
      <label>
        <span>{m('rxno')}</span>
        <input name="rxno" autoFocus autoComplete="off" maxLength={30} value={rxno} aria-invalid={missing === 'rxno'} onChange={(e) => setRxno(e.target.value)} />
      </label>
      <label>
        <span>{m('rxExternal')}</span>
        <input name="rx-external" type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} />
      </label>
      <label>
        <span>{m('pharmacist')}</span>
        <input name="pharmacist" autoComplete="off" maxLength={30} value={pharmacist} aria-invalid={missing === 'pharmacist'} onChange={(e) => setPharmacist(e.target.value)} />
      </label>
      {missing && (
        <div className="notice notice-error" role="alert" data-error-code="PRESCRIPTION_INCOMPLETE">
          {m(missing === 'rxno' ? 'rxnoMissing' : 'pharmacistMissing')}
        </div>
      )}
      <div className="actions">
        <button type="submit">
          {m('confirm')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => onDone(value)}>
          {m('cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}

export function QtyDialog({ qty, onDone }: { qty: string; onDone: (qty?: string) => void }) {
  const m = useCounterMessages()
  const [value, setValue] = useState(qty)
  const valid = LineQtySchema.safeParse(value).success
  // More whole digits than the largest quantity has: most likely a barcode scanned into this field.
  const tooMany = (/^\d+/.exec(value)?.[0].length ?? 0) > String(MAX_LINE_QTY).length
  return (
    <Dialog title={m('qtyTitle')} onClose={() => onDone()} onSubmit={() => valid && onDone(value)}>
      <label>
        <span>{m('colQty')}</span>
        <input name="qty" autoFocus inputMode="decimal" value={value} aria-invalid={!valid} onChange={(e) => setValue(e.target.value.trim())} onFocus={(e) => e.target.select()} />
      </label>
      {tooMany && (
        <div className="notice notice-error" role="alert" data-testid="qty-too-large">
          {m('qtyTooLarge', { max: MAX_LINE_QTY })}
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={!valid}>
          {m('confirm')} <kbd>Enter</kbd>
        </button>
      </div>
    </Dialog>
  )
}

/** F2: the QR code (scanned into the field) or an ID card number typed in. */
export function MemberDialog({ busy, onDone }: { busy: boolean; onDone: (input?: { qrCode: string } | { idCardNo: string }) => void }) {
  const m = useCounterMessages()
  const [value, setValue] = useState('')
  return (
    <Dialog
      title={m('idCardTitle')}
      busy={busy}
      onClose={() => onDone()}
      onSubmit={() => {
        const v = value.trim()
        if (v) onDone(/^\d{17}[\dXx]$/.test(v) ? { idCardNo: v } : { qrCode: v })
      }}
    >
      <p>{m('idCardHint')}</p>
      <label>
        <span>{m('memberTitle')}</span>
        <input name="member-code" autoFocus autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      {busy && <p aria-busy="true">{m('identifying')}</p>}
    </Dialog>
  )
}

/** A manager types their id and PIN at the counter to approve a refund. */
export function ApprovalFields({
  value,
  onChange,
  focusReason,
}: {
  value: { userId: string; pin: string; reason: string }
  onChange: (v: { userId: string; pin: string; reason: string }) => void
  /** The whole refund's dialog has no other field: the reason takes the focus, never the page (B9). */
  focusReason?: boolean
}) {
  const m = useCounterMessages()
  return (
    <>
      <label>
        <span>{m('reason')}</span>
        <input name="reason" autoFocus={focusReason} value={value.reason} onChange={(e) => onChange({ ...value, reason: e.target.value })} />
      </label>
      <label>
        <span>{m('approvalUser')}</span>
        <input name="approval-user" autoComplete="off" value={value.userId} onChange={(e) => onChange({ ...value, userId: e.target.value.trim() })} />
      </label>
      <label>
        <span>{m('approvalPin')}</span>
        <input name="approval-pin" type="password" inputMode="numeric" autoComplete="off" value={value.pin} onChange={(e) => onChange({ ...value, pin: e.target.value })} />
      </label>
    </>
  )
}
