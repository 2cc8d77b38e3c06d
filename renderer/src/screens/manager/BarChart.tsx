import { fenOf } from './format'

export interface Bar {
  key: string
  label: string
  /** Exact text shown beside the bar. */
  value: string
  /** Shown after the value (a count). */
  note?: string
}

/**
 * A horizontal bar chart drawn in plain SVG (no chart library): one row per bar, label, bar, exact
 * figure. With `onPick` each label is a button that opens the sales behind the figure.
 */
export function BarChart({ bars, title, onPick }: { bars: Bar[]; title: string; onPick?: (key: string) => void }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(fenOf(b.value))))
  return (
    <figure className="bar-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {bars.map((b) => {
        const fen = fenOf(b.value)
        const pct = (Math.abs(fen) / max) * 100
        return (
          <div className="bar-row" key={b.key}>
            {onPick ? (
              <button type="button" className="linklike bar-label" onClick={() => onPick(b.key)}>
                {b.label}
              </button>
            ) : (
              <span className="bar-label">{b.label}</span>
            )}
            <svg className="bar-svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect x="0" y="1" width={fen === 0 ? 0 : Math.max(pct, 0.5)} height="8" className={fen < 0 ? 'bar neg' : 'bar'} />
            </svg>
            <span className="num">
              {b.value}
              {b.note && <small className="muted"> {b.note}</small>}
            </span>
          </div>
        )
      })}
    </figure>
  )
}
