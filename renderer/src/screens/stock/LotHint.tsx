import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { Allocation, CounterLotSchema } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { toShownError } from '../../components/ErrorNotice'
import { useStockMessages } from './messages'

type CounterLot = z.infer<typeof CounterLotSchema>

export interface LotHintLine {
  storeCode: string
  qty: string
  by: 'pack' | 'unit'
  traceCodes: string[]
  lotId?: string
}

/**
 * Which lot a cart line's boxes come from, under the line: a box whose code was scanned is its own lot;
 * the rest is suggested first-expiry-first-out. The cashier confirms the suggestion (the sale then takes
 * exactly that lot) or picks another one; an expired lot is refused with the core's words, shown here
 * before the sale is opened. Nothing is shown for an item whose stock is not managed.
 */
export function LotHint({ line, onChoose }: { line: LotHintLine; onChoose?: (lotId: string | undefined) => void }) {
  const m = useStockMessages()
  const [allocations, setAllocations] = useState<Allocation[]>([])
  const [refusal, setRefusal] = useState<string>()
  const [lots, setLots] = useState<CounterLot[]>()
  const [picking, setPicking] = useState(false)
  const { storeCode, qty, by, lotId } = line
  const codes = line.traceCodes.join(',')

  useEffect(() => {
    let current = true
    pos.suggestLots({ storeCode, qty, by, lotId, traceCodes: codes ? codes.split(',') : [] }).then(
      (a) => {
        if (!current) return
        setAllocations(a)
        setRefusal(undefined)
      },
      (e: unknown) => {
        if (!current) return
        setAllocations([])
        setRefusal(toShownError(e).message)
      },
    )
    return () => {
      current = false
    }
  }, [storeCode, qty, by, lotId, codes])

  const pick = () => {
    setPicking(true)
    pos.counterLots({ storeCode }).then(setLots, (e: unknown) => setRefusal(toShownError(e).message))
  }

  const suggested = allocations.filter((a) => !a.byTraceCode)
  if (!allocations.length && !refusal) return null
  return (
    <div
      className="lot-hint"
      style={{ display: 'flex', gap: '0.4rem', flexWrap: 'wrap', alignItems: 'center', fontSize: '0.85rem', marginTop: '0.2rem' }}
      data-testid="lot-hint"
      data-lot={suggested.map((a) => a.lotNo).join(',')}
      data-confirmed={lotId ? 'yes' : 'no'}
    >
      {allocations.map((a) => (
        <span key={`${a.lotId}:${a.byTraceCode}`} className={`tag ${a.byTraceCode ? 'tag-ok' : ''}`}>
          {m(a.byTraceCode ? 'lotByCode' : lotId ? 'lotChosen' : 'lotFefo', { lot: a.lotNo, expiry: a.expiryDate })}
        </span>
      ))}
      {refusal && (
        <span className="tag tag-warn" role="alert" data-testid="lot-refused">
          {refusal}
        </span>
      )}
      {onChoose && !picking && suggested.length === 1 && !lotId && (
        <button type="button" className="link" onClick={() => onChoose(suggested[0].lotId)}>
          {m('lotConfirm')}
        </button>
      )}
      {onChoose && !picking && (suggested.length > 0 || refusal) && (
        <button type="button" className="link" onClick={pick}>
          {m('lotPick')}
        </button>
      )}
      {onChoose && picking && lots && (
        <select
          aria-label={m('lotPick')}
          autoFocus
          value={lotId ?? ''}
          onChange={(e) => {
            setPicking(false)
            onChoose(e.target.value || undefined)
          }}
          onBlur={() => setPicking(false)}
        >
          <option value="">{m('lotAuto')}</option>
          {lots.map((l) => (
            <option key={l.lotId} value={l.lotId} disabled={l.expired}>
              {m(l.expired ? 'lotOptionExpired' : 'lotOption', { lot: l.lotNo, expiry: l.expiryDate, units: l.onHandUnits })}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}
