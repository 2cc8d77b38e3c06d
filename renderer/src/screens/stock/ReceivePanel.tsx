import { useCallback, useEffect, useState, type MutableRefObject } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import type { CallInput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { ItemSearch } from '../../components/ItemSearch'
import { useScanner } from '../../components/use-scanner'
import type { StockMessages } from './messages'
import { TraceCodeInput } from './TraceCodeInput'

type Line = CallInput<'receiveStock'>['lines'][number] & { name: string }

const blank = { lotNo: '', manuDate: '', expiryDate: '', boxes: '1', units: '0', packSize: '', minUnit: '', costPerBox: '' }

/** 采购入库: pick an item, type or scan its lot and dates, scan its boxes, add the line; F10 posts the delivery. */
export function ReceivePanel({
  m,
  submitRef,
  onError,
  onDone,
}: {
  m: StockMessages
  submitRef: MutableRefObject<(() => void) | null>
  onError: (e: ShownError) => void
  onDone: () => void
}) {
  const [supplier, setSupplier] = useState('')
  const [invoiceNo, setInvoiceNo] = useState('')
  const [item, setItem] = useState<CatalogItem>()
  const [draft, setDraft] = useState(blank)
  const [codes, setCodes] = useState<string[]>([])
  const [lines, setLines] = useState<Line[]>([])
  const [done, setDone] = useState<string>()

  const addCode = (code: string) => setCodes((cur) => (cur.includes(code) ? cur : [...cur, code]))
  useScanner((e) => {
    if (e.result.kind === 'traceability') {
      addCode(e.result.code)
    } else if (e.result.kind === 'gs1') {
      const { lot, expiry } = e.result
      setDraft((d) => ({ ...d, lotNo: lot ?? d.lotNo, expiryDate: expiry ?? d.expiryDate }))
    }
  })

  const addLine = () => {
    if (!item) return
    const line: Line = {
      name: item.name,
      storeCode: item.storeCode,
      lotNo: draft.lotNo.trim(),
      manuDate: draft.manuDate,
      expiryDate: draft.expiryDate,
      boxes: Number(draft.boxes) || 0,
      units: Number(draft.units) || 0,
      packSize: draft.packSize ? Number(draft.packSize) : undefined,
      minUnit: draft.minUnit.trim() || undefined,
      costPerBox: draft.costPerBox.trim(),
      traceCodes: codes,
    }
    setLines((cur) => [...cur, line])
    setDraft(blank)
    setCodes([])
    setItem(undefined)
  }

  const post = useCallback(() => {
    if (!lines.length) return
    pos.receiveStock({ supplier, invoiceNo, lines: lines.map(({ name: _name, ...l }) => l) }).then(
      (r) => {
        setDone(m('received', { n: r.lots.length }))
        setLines([])
        onDone()
      },
      (e: unknown) => onError(toShownError(e)),
    )
  }, [lines, supplier, invoiceNo, m, onDone, onError])
  useEffect(() => {
    submitRef.current = post
    return () => {
      submitRef.current = null
    }
  }, [submitRef, post])

  const field = (key: keyof typeof blank, label: string, type = 'text') => (
    <label style={{ gridTemplateColumns: '6.5rem minmax(0, 1fr)' }}>
      {label}
      <input style={{ minWidth: 0 }} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} data-field={key} />
    </label>
  )

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem', alignItems: 'start' }}>
      <section className="card form" style={{ maxWidth: 'none' }}>
        <label>
          {m('supplier')}
          <input value={supplier} onChange={(e) => setSupplier(e.target.value)} data-field="supplier" />
        </label>
        <label>
          {m('invoiceNo')}
          <input value={invoiceNo} onChange={(e) => setInvoiceNo(e.target.value)} />
        </label>
        <ItemSearch onPick={setItem} clearOnPick={false} rows={4} />
        {item && (
          <strong data-picked={item.storeCode}>
            {item.name} {item.spec} <small className="muted">{item.storeCode}</small>
          </strong>
        )}
        {/* Two columns of fields, so the whole line fits a 1366x768 screen. */}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0.5rem 1rem' }}>
          {field('lotNo', m('lotNo'))}
          {field('costPerBox', m('cost'))}
          {field('manuDate', m('manuDate'), 'date')}
          {field('expiryDate', m('expiryDate'), 'date')}
          {field('boxes', m('boxes'), 'number')}
          {field('units', m('loose'), 'number')}
          {field('packSize', m('packSize'), 'number')}
          {field('minUnit', m('minUnit'))}
        </div>
        <TraceCodeInput label={m('traceInput')} onCode={addCode} />
        <p className="muted" data-codes={codes.length}>
          {m('codes', { n: codes.length })} — {m('scanHint')}
        </p>
        <button type="button" onClick={addLine} disabled={!item}>
          {m('addLine')}
        </button>
      </section>
      <section className="card" style={{ maxWidth: 'none' }}>
        <h2>{m('lines', { n: lines.length })}</h2>
        <OkNotice text={done} />
        <table className="grid" data-testid="receipt-lines">
          <thead>
            <tr>
              <th>{m('item')}</th>
              <th>{m('lotNo')}</th>
              <th>{m('expiryDate')}</th>
              <th>{m('boxes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i}>
                <td>{l.name}</td>
                <td>{l.lotNo}</td>
                <td>{l.expiryDate}</td>
                <td>
                  {l.boxes} + {l.units}
                  {l.traceCodes?.length ? ` (${l.traceCodes.length})` : ''}
                </td>
                <td>
                  <button type="button" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                    {m('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
