import { useState } from 'react'
import { LineQtySchema, MAX_LINE_QTY, type PrescriptionInput } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { Dialog } from '../../components/Dialog'
import type { Discount } from '../../../../shared/contract/sale/discount'
import { discountText, parseDiscount, type SplitUnit } from './cart'
import { useCounterMessages } from './messages'

export type Prescription = PrescriptionInput

/** The fields a cashier must fill, in the order the form asks for them. */
const REQUIRED = ['rxno', 'hospital', 'doctor', 'pharmacist'] as const
type Required = (typeof REQUIRED)[number]

/**
 * 处方登记 as a real counter keeps it: the Rx number, where it came from (hospital, doctor, or an external
 * e-prescription), the diagnosis, and the pharmacist who checked it (a name, or their staff id). What is
 * missing is said in the screen's own words next to its field (never the browser's English bubble, which
 * also moved the focus so the next scan landed in the wrong box; B12).
 */
export function PrescriptionDialog({ value, onDone }: { value?: Prescription; onDone: (p?: Prescription) => void }) {
  const m = useCounterMessages()
  const [form, setForm] = useState({
    rxno: value?.rxno ?? '',
    hospital: value?.hospital ?? '',
    doctor: value?.doctor ?? '',
    diagnosis: value?.diagnosis ?? '',
    pharmacist: value?.pharmacist ?? '',
  })
  const [external, setExternal] = useState(value?.external ?? false)
  const [missing, setMissing] = useState<Required>()
  const submit = () => {
    const gap = REQUIRED.find((k) => !form[k].trim())
    setMissing(gap)
    if (gap) return document.querySelector<HTMLInputElement>(`.dialog input[name="${gap}"]`)?.focus()
    const t = (k: keyof typeof form) => form[k].trim()
    onDone({ rxno: t('rxno'), external, hospital: t('hospital'), doctor: t('doctor'), diagnosis: t('diagnosis') || undefined, pharmacist: t('pharmacist') })
  }
  const field = (name: keyof typeof form, label: string, maxLength: number, autoFocus = false) => (
    <label>
      <span>{label}</span>
      <input
        name={name}
        autoFocus={autoFocus}
        autoComplete="off"
        maxLength={maxLength}
        value={form[name]}
        aria-invalid={missing === name}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  )
  return (
    <Dialog title={m('prescriptionTitle')} onClose={() => onDone(value)} onSubmit={submit}>
      {field('rxno', m('rxno'), 30, true)}
      <label>
        <span>{m('rxExternal')}</span>
        <input name="rx-external" type="checkbox" checked={external} onChange={(e) => setExternal(e.target.checked)} />
      </label>
      {field('hospital', m('rxHospital'), 60)}
      {field('doctor', m('rxDoctor'), 30)}
      {field('diagnosis', m('rxDiagnosis'), 100)}
      {field('pharmacist', m('pharmacist'), 30)}
      <p className="muted small">{m('pharmacistHint')}</p>
      {missing && (
        <div className="notice notice-error" role="alert" data-error-code="PRESCRIPTION_INCOMPLETE">
          {m(`${missing}Missing`)}
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

/**
 * The quantity of a line, and for an item whose box size the stock knows, whether it is sold by the box or
 * by the smallest unit (拆零: whole units only, priced from the box price). Switching converts what is typed.
 */
export function QtyDialog({
  qty,
  split,
  pack,
  boxUnit,
  discount,
  insured,
  saleDiscount,
  onDone,
}: {
  qty: string
  /** Set when the line is sold by the unit now. */
  split?: SplitUnit
  /** The item's box, when it can be split. */
  pack?: SplitUnit
  boxUnit: string
  /** The line's discount now (折扣 / 改价). */
  discount?: Discount
  /** An insured line keeps the catalog price the platform is sent: no discount field. */
  insured: boolean
  /** 整单优惠: the whole sale's discount on its goods outside insurance. */
  saleDiscount?: Discount
  onDone: (qty?: string, split?: SplitUnit, discount?: Discount, saleDiscount?: Discount) => void
}) {
  const m = useCounterMessages()
  const [value, setValue] = useState(qty)
  const [byUnit, setByUnit] = useState(Boolean(split))
  const [off, setOff] = useState(discountText(discount))
  const asked = insured ? undefined : parseDiscount(off)
  const [whole, setWhole] = useState(discountText(saleDiscount))
  const wholeAsked = parseDiscount(whole)
  const valid = LineQtySchema.safeParse(value).success && (!byUnit || /^\d+$/.test(value)) && asked !== 'invalid' && wholeAsked !== 'invalid'
  const choose = (unit: boolean) => {
    if (!pack || unit === byUnit) return
    const q = yuan(LineQtySchema.safeParse(value).success ? value : '1')
    // 2 boxes become 48 capsules; 48 capsules become 2 boxes (a part box keeps its fraction for the cashier to fix).
    setValue(unit ? q.times(pack.packSize).toString() : q.dividedBy(pack.packSize).toDecimalPlaces(4).toString())
    setByUnit(unit)
  }
  // More whole digits than the largest quantity has: most likely a barcode scanned into this field.
  const tooMany = (/^\d+/.exec(value)?.[0].length ?? 0) > String(MAX_LINE_QTY).length
  return (
    <Dialog title={m('qtyTitle')} onClose={() => onDone()} onSubmit={() => valid && onDone(value, byUnit ? (pack ?? split) : undefined, asked, wholeAsked)}>
      {pack && (
        <fieldset className="qty-by" data-testid="qty-by">
          <legend>{m('qtyBy')}</legend>
          <label>
            <input type="radio" name="qty-by" value="pack" checked={!byUnit} onChange={() => choose(false)} />{' '}
            {m('qtyByPack', { unit: boxUnit || m('boxUnitDefault') })}
          </label>
          <label>
            <input type="radio" name="qty-by" value="unit" checked={byUnit} onChange={() => choose(true)} />{' '}
            {m('qtyByUnit', { unit: pack.minUnit, n: pack.packSize, box: boxUnit || m('boxUnitDefault') })}
          </label>
        </fieldset>
      )}
      <label>
        <span>{byUnit && pack ? m('qtyIn', { label: m('colQty'), unit: pack.minUnit }) : m('colQty')}</span>
        <input
          name="qty"
          autoFocus
          inputMode="decimal"
          value={value}
          aria-invalid={!valid}
          onChange={(e) => setValue(e.target.value.trim())}
          onFocus={(e) => e.target.select()}
        />
      </label>
      {tooMany && (
        <div className="notice notice-error" role="alert" data-testid="qty-too-large">
          {m('qtyTooLarge', { max: MAX_LINE_QTY })}
        </div>
      )}
      {insured ? (
        <p className="hint" data-testid="discount-insured">
          {m('discountInsured')}
        </p>
      ) : (
        <label>
          <span>{m('discountLabel')}</span>
          <input
            name="discount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={m('discountPlaceholder')}
            value={off}
            aria-invalid={asked === 'invalid'}
            onChange={(e) => setOff(e.target.value)}
          />
        </label>
      )}
      <label>
        <span>{m('saleDiscountLabel')}</span>
        <input
          name="sale-discount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={m('discountPlaceholder')}
          value={whole}
          aria-invalid={wholeAsked === 'invalid'}
          onChange={(e) => setWhole(e.target.value)}
        />
      </label>
      {(asked === 'invalid' || wholeAsked === 'invalid') && (
        <div className="notice notice-error" role="alert" data-testid="discount-invalid">
          {m('discountInvalid')}
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

/** A sale's discounts above the store's threshold: a manager types their id and PIN; nothing is written before. */
export function DiscountApprovalDialog({
  message,
  busy,
  onDone,
}: {
  message: string
  busy: boolean
  onDone: (approval?: { userId: string; pin: string }) => void
}) {
  const m = useCounterMessages()
  const [userId, setUserId] = useState('')
  const [pin, setPin] = useState('')
  return (
    <Dialog title={m('discountApprovalTitle')} busy={busy} onClose={() => onDone()} onSubmit={() => userId && pin && onDone({ userId, pin })}>
      <p data-testid="discount-approval-why">{message}</p>
      <label>
        <span>{m('approvalUser')}</span>
        <input name="approval-user" autoFocus autoComplete="off" value={userId} onChange={(e) => setUserId(e.target.value.trim())} />
      </label>
      <label>
        <span>{m('approvalPin')}</span>
        <input name="approval-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" disabled={!userId || !pin || busy}>
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
        <input
          name="approval-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={value.pin}
          onChange={(e) => onChange({ ...value, pin: e.target.value })}
        />
      </label>
    </>
  )
}
