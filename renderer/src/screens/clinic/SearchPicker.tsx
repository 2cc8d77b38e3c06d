import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * A search box with a pick list: typing searches (debounced), ↑↓ moves, Enter picks, Esc clears.
 * The clinic uses it for diagnoses and for fee items.
 */
export function SearchPicker<T>({
  label,
  placeholder,
  search,
  onPick,
  render,
  keyOf,
  inputRef,
  extra,
}: {
  label: string
  placeholder: string
  search: (q: string) => Promise<T[]>
  onPick: (item: T) => void
  render: (item: T) => ReactNode
  keyOf: (item: T) => string
  inputRef?: React.RefObject<HTMLInputElement | null>
  extra?: ReactNode
}) {
  const [q, setQ] = useState('')
  const [hits, setHits] = useState<T[]>([])
  const [sel, setSel] = useState(0)
  const seq = useRef(0)
  useEffect(() => {
    if (!q.trim()) return
    const mine = ++seq.current
    const t = setTimeout(() => {
      search(q).then(
        (found) => {
          if (mine === seq.current) {
            setHits(found)
            setSel(0)
          }
        },
        () => setHits([]),
      )
    }, 120)
    return () => clearTimeout(t)
  }, [q, search])

  // An emptied box shows nothing, whatever a late answer held.
  const shown = q.trim() ? hits : []
  return (
    <div className="clinic-picker">
      <label className="scanbox-label">
        <span>{label}</span>
        <input
          ref={inputRef}
          value={q}
          placeholder={placeholder}
          aria-label={label}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              setSel((s) => Math.min(s + 1, shown.length - 1))
            } else if (e.key === 'ArrowUp') {
              e.preventDefault()
              setSel((s) => Math.max(s - 1, 0))
            } else if (e.key === 'Enter') {
              e.preventDefault()
              const hit = shown[sel]
              if (hit) {
                onPick(hit)
                setQ('')
                setHits([])
              }
            } else if (e.key === 'Escape' && q) {
              // Esc clears the search only; with nothing typed it is the screen's (cancel the visit).
              e.preventDefault()
              e.stopPropagation()
              setQ('')
              setHits([])
            }
          }}
        />
        {extra}
      </label>
      {shown.length > 0 && (
        <ul className="clinic-hits" role="listbox" aria-label={label}>
          {shown.map((h, i) => (
            <li
              key={keyOf(h)}
              role="option"
              aria-selected={i === sel}
              className={i === sel ? 'selected' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                onPick(h)
                setQ('')
                setHits([])
              }}
            >
              {render(h)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
