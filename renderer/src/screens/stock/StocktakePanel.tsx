import { useCallback, useEffect, useState, type MutableRefObject } from 'react'
import type { LotView } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useScanner } from '../../components/use-scanner'
import { qtyText } from './LotTable'
import type { StockMessages } from './messages'
import { TraceCodeInput } from './TraceCodeInput'

interface Count {
  typed: string
  codes: string[]
  reason: string
}

/** 盘点: every lot with its book quantity; scan boxes or type what was counted; F10 posts the differences. */
export function StocktakePanel({
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
  const [lots, setLots] = useState<LotView[]>([])
  const [counts, setCounts] = useState<Record<string, Count>>({})
  const [done, setDone] = useState<string>()

  const load = useCallback(() => pos.stockLots({ includeEmpty: true }).then(setLots, (e: unknown) => onError(toShownError(e))), [onError])
  useEffect(() => void load(), [load])

  const update = (lotId: string, patch: Partial<Count>) =>
    setCounts((cur) => ({ ...cur, [lotId]: { ...(cur[lotId] ?? { typed: '', codes: [], reason: '' }), ...patch } }))

  const countCode = (code: string) =>
    pos.lookupTraceCode({ code }).then(
      (lot) =>
        setCounts((cur) => {
          const c = cur[lot.lotId] ?? { typed: '', codes: [], reason: '' }
          return c.codes.includes(code) ? cur : { ...cur, [lot.lotId]: { ...c, codes: [...c.codes, code] } }
        }),
      (err: unknown) => onError(toShownError(err)),
    )
  useScanner((e) => {
    if (e.result.kind === 'traceability') countCode(e.result.code)
  })

  const post = useCallback(() => {
    const touched = Object.entries(counts)
    if (!touched.length) return
    pos
      .postStocktake({
        counts: touched.map(([lotId, c]) => ({ lotId, countedUnits: Number(c.typed) || 0, reason: c.reason })),
        scanned: touched.flatMap(([, c]) => c.codes),
      })
      .then(
        (r) => {
          setDone(m('posted', { n: r.lines.filter((l) => l.differenceUnits !== 0).length }))
          setCounts({})
          void load()
          onDone()
        },
        (e: unknown) => onError(toShownError(e)),
      )
  }, [counts, m, load, onDone, onError])
  useEffect(() => {
    submitRef.current = post
    return () => {
      submitRef.current = null
    }
  }, [submitRef, post])

  return (
    <section className="card" style={{ maxWidth: 'none' }}>
      <p className="muted">{m('countHint')}</p>
      <div className="form">
        <TraceCodeInput label={m('traceInput')} onCode={(code) => void countCode(code)} />
      </div>
      <OkNotice text={done} />
      <table className="grid" data-testid="stocktake">
        <thead>
          <tr>
            <th>{m('item')}</th>
            <th>{m('lotNo')}</th>
            <th>{m('book')}</th>
            <th>{m('scannedBoxes')}</th>
            <th>{m('counted')}</th>
            <th>{m('difference')}</th>
            <th>{m('reason')}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((l) => {
            const c = counts[l.lotId]
            const counted = c ? (Number(c.typed) || 0) + c.codes.length * l.packSize : undefined
            const diff = counted === undefined ? undefined : counted - l.onHandUnits
            return (
              <tr key={l.lotId} data-lot={l.lotNo}>
                <td>
                  {l.name} <small className="muted">{l.storeCode}</small>
                </td>
                <td>{l.lotNo}</td>
                <td>{qtyText(m, l.onHandUnits, l.packSize, l.minUnit)}</td>
                <td>{c?.codes.length ?? 0}</td>
                <td>
                  <input type="number" min={0} style={{ width: '6rem' }} value={c?.typed ?? ''} onChange={(e) => update(l.lotId, { typed: e.target.value })} />
                </td>
                <td style={diff ? { color: 'var(--danger)' } : undefined}>{diff === undefined ? '' : diff}</td>
                <td>
                  <input style={{ width: '10rem' }} value={c?.reason ?? ''} disabled={!diff} onChange={(e) => update(l.lotId, { reason: e.target.value })} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
