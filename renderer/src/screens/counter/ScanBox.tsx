import { forwardRef, useEffect, useRef, useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import { pos } from '../../api/pos'
import { OnHandText, useOnHand } from '../stock/on-hand'
import { ItemFacts } from './ItemFacts'
import { useCounterMessages } from './messages'

/**
 * Searches wait for this pause in typing. A scanner types a code's characters a few milliseconds apart:
 * searching each prefix cost the core ~40 searches a sale, took the browser's six connections from the
 * scan's own lookup, and drew hit lists nobody saw (docs/bench-notes/screen-path.md). A cashier's
 * keystrokes are 100 ms or more apart, so their search starts as soon as they stop.
 */
const SEARCH_PAUSE_MS = 60

/** Text that is certainly a scan, not a search: long digit runs and member QR tokens go straight to Enter. */
const looksScanned = (text: string) => /^\d{8,}$/.test(text) || /^[A-Za-z0-9_-]{24,}$/.test(text)

interface Props {
  disabled: boolean
  /** Enter on text that was not a picked search hit (a scan, a code, an ID number). */
  onSubmit: (text: string, hits: CatalogItem[]) => void
  onPick: (item: CatalogItem) => void
}

/**
 * The one input of the counter: a scanner types into it and presses Enter; a cashier types a name or
 * pinyin initials and picks from the hits. Searches run as the cashier types; a stale answer is dropped.
 */
export const ScanBox = forwardRef<HTMLInputElement, Props>(function ScanBox({ disabled, onSubmit, onPick }, ref) {
  const m = useCounterMessages()
  const [text, setText] = useState('')
  const [hits, setHits] = useState<CatalogItem[]>([])
  // Which text the hits answer: Enter right after fast typing must not pick a hit for an older prefix.
  const [hitsFor, setHitsFor] = useState('')
  const [active, setActive] = useState(0)
  const [searching, setSearching] = useState(false)
  const asked = useRef(0)
  const onHand = useOnHand(hits.map((h) => h.storeCode))

  useEffect(() => {
    const q = text.trim()
    const id = ++asked.current
    if (q.length < 2 || looksScanned(q)) {
      queueMicrotask(() => {
        if (id !== asked.current) return
        setHits([])
        setSearching(false)
      })
      return
    }
    queueMicrotask(() => id === asked.current && setSearching(true))
    const search = () =>
      pos.searchCatalog({ query: q, limit: 12 }).then(
        (r) => {
          if (id !== asked.current) return
          setHits(r.hits)
          setHitsFor(q)
          setActive(0)
          setSearching(false)
        },
        () => id === asked.current && setSearching(false),
      )
    const timer = window.setTimeout(search, SEARCH_PAUSE_MS)
    return () => window.clearTimeout(timer)
  }, [text])

  const clear = () => {
    setText('')
    setHits([])
  }

  return (
    <div className="scanbox">
      <label className="scanbox-label">
        <span>{m('scanLabel')}</span>
        <input
          ref={ref}
          name="scan"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          placeholder={m('scanPlaceholder')}
          value={text}
          aria-busy={searching}
          aria-controls="scan-hits"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && hits.length) {
              e.preventDefault()
              setActive((a) => Math.min(a + 1, hits.length - 1))
            } else if (e.key === 'ArrowUp' && hits.length) {
              e.preventDefault()
              setActive((a) => Math.max(a - 1, 0))
            } else if (e.key === 'Escape' && text) {
              e.preventDefault()
              e.stopPropagation()
              clear()
            } else if (e.key === 'Enter') {
              e.preventDefault()
              const q = text.trim()
              if (!q) return
              if (hits.length && hitsFor === q && !looksScanned(q)) onPick(hits[active])
              else onSubmit(q, hitsFor === q ? hits : [])
              clear()
            }
          }}
        />
      </label>
      {text.trim().length >= 2 && !looksScanned(text.trim()) && (
        <div className="scan-hits" id="scan-hits" role="listbox" aria-label={m('pickHint')}>
          {searching && hits.length === 0 && <p className="muted">{m('searching')}</p>}
          {!searching && hits.length === 0 && <p className="muted">{m('noHits', { q: text.trim() })}</p>}
          {hits.map((h, i) => (
            <div
              key={h.storeCode}
              role="option"
              aria-selected={i === active}
              className="scan-hit"
              onMouseDown={(e) => {
                e.preventDefault()
                onPick(h)
                clear()
              }}
            >
              <span className="hit-name">
                {h.name} <small>{h.spec}</small>
              </span>
              <ItemFacts item={h} />
              <small className="muted">
                <OnHandText storeCode={h.storeCode} imported={h.stock} onHand={onHand} />
              </small>
              <span className="num">¥{h.price}</span>
            </div>
          ))}
          {hits.length > 0 && <p className="muted small">{m('pickHint')}</p>}
        </div>
      )}
    </div>
  )
})
