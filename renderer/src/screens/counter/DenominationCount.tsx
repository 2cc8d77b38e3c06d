import { DENOMINATIONS_FEN, type CashCount } from '../../../../shared/contract/shift/schemas'
import { fromFen } from '../../../../shared/money/money'
import { useShiftMessages } from './shift-messages'

/** Counts typed per note and coin, by fen; absent is zero. */
export type Counts = Partial<Record<number, string>>

/** The cash count a form sends: by denomination when counted so, else the amount typed. */
export function cashCount(byDenomination: boolean, amount: string, counts: Counts): CashCount {
  if (!byDenomination) return { amount: amount || '0' }
  const denominations = DENOMINATIONS_FEN.map((fen) => ({ fen, count: Number(counts[fen] || 0) })).filter((d) => d.count > 0)
  return denominations.length ? { denominations } : { amount: '0' }
}

/** A note and coin count (张/枚 per 面额) with its sum, for the float and the blind count. */
export function DenominationCount({ counts, onChange }: { counts: Counts; onChange: (c: Counts) => void }) {
  const s = useShiftMessages()
  const label = (fen: number) => (fen >= 100 ? s('yuan', { n: fen / 100 }) : fen >= 10 ? s('jiao', { n: fen / 10 }) : s('fen', { n: fen }))
  const sumFen = DENOMINATIONS_FEN.reduce((a, fen) => a + fen * (Number(counts[fen] || 0) || 0), 0)
  return (
    <fieldset className="denominations">
      {DENOMINATIONS_FEN.map((fen, i) => (
        <label key={fen}>
          <span>{label(fen)}</span>
          <input
            name={`denom-${fen}`}
            autoFocus={i === 0}
            inputMode="numeric"
            autoComplete="off"
            value={counts[fen] ?? ''}
            onChange={(e) => onChange({ ...counts, [fen]: e.target.value.replace(/\D/g, '') })}
          />
        </label>
      ))}
      <p data-testid="denomination-sum">{s('denomSum', { sum: fromFen(sumFen).toFixed(2) })}</p>
    </fieldset>
  )
}
