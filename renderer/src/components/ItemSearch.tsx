import { useCallback, useEffect, useEffectEvent, useId, useRef, useState, type CSSProperties, type KeyboardEvent, type Ref } from 'react'
import { CLASS_LABELS, type CatalogItem, type ItemKind, type SearchHit } from '../../../shared/catalog/schemas'
import { pos } from '../api/pos'
import { useCodeWords } from '../i18n/codes'
import { OnHandText, useOnHand } from '../screens/stock/on-hand'
import { ErrorNotice, toShownError, type ShownError } from './ErrorNotice'
import { useItemSearchMessages } from './messages'

export interface ItemSearchProps {
  /** Enter (or a click) on a row. */
  onPick: (item: CatalogItem) => void
  /** Rows asked for per keystroke (default 20, at most 200). */
  limit?: number
  autoFocus?: boolean
  /** Empty the box after a pick, ready for the next item (default true). */
  clearOnPick?: boolean
  /** To focus the box from outside (a function key of the screen). */
  inputRef?: Ref<HTMLInputElement>
  /** Shown when the store catalog is empty, instead of "nothing found". */
  catalogEmpty?: boolean
  /** Rows shown before scrolling (default 8). */
  rows?: number
}

/** "0.10" -> "10", "0.0525" -> "5.25": the ratio as a percentage, by moving the decimal point, no float. */
export function ratioPercent(ratio: string): string {
  const [whole, frac = ''] = ratio.split('.')
  const digits = (whole + frac.padEnd(2, '0')).replace(/^0+(?=\d)/, '')
  const int = digits.slice(0, digits.length - (frac.length > 2 ? frac.length - 2 : 0)) || '0'
  const rest = frac.length > 2 ? frac.slice(2).replace(/0+$/, '') : ''
  return rest ? `${int}.${rest}` : int
}

// Keyed by the national class codes (chrgitm_lv 01–03), whose labels are data, not words.
const CLASS_STYLE: Record<string, CSSProperties> = {
  [CLASS_LABELS['01']]: { background: '#e7f5ee', color: '#0b6e4f' },
  [CLASS_LABELS['02']]: { background: '#e8f0fe', color: '#1a56b3' },
  [CLASS_LABELS['03']]: { background: '#fff3e0', color: '#b35c00' },
}
const chip: CSSProperties = { fontSize: '0.8rem', padding: '0 0.35rem', borderRadius: '0.2rem', background: '#e3e8ee', color: '#37474f', whiteSpace: 'nowrap' }

/** The facts a cashier needs on every row: class (and self-pay ratio), price cap, prescription, kind. */
export function ItemFacts({ item }: { item: CatalogItem }) {
  const m = useItemSearchMessages()
  const w = useCodeWords()
  const kind: ItemKind = item.kind
  return (
    <span style={{ display: 'inline-flex', gap: '0.3rem', flexWrap: 'wrap' }} data-facts>
      {item.classLabel ? (
        <span style={{ ...chip, ...CLASS_STYLE[item.classLabel], fontWeight: 700 }} data-class={item.classLabel}>
          {w.classLabel(item.classLabel)}
          {item.classLabel === CLASS_LABELS['02'] && item.selfpayProp ? ` ${m('selfpay')}${ratioPercent(item.selfpayProp)}%` : ''}
        </span>
      ) : (
        <span style={chip} data-class="none">
          {item.kind !== 'goods' && item.nationalCode && !item.nationalMatched ? m('unmatched') : m('notInsured')}
        </span>
      )}
      {item.priceCap && (
        <span style={{ ...chip, background: '#fdecea', color: '#b3261e' }} data-cap={item.priceCap}>
          {m('cap')} ¥{item.priceCap}
        </span>
      )}
      {item.rxFlag && (
        <span style={{ ...chip, background: '#b3261e', color: '#fff', fontWeight: 700 }} data-rx>
          {m('rx')}
        </span>
      )}
      <span style={chip} data-kind={kind}>
        {m(kind)}
      </span>
    </span>
  )
}

interface Answer {
  query: string
  hits: SearchHit[]
}

/**
 * Search box and results for the counter and the catalog screen. Every keystroke asks the core at
 * once (no debounce: a search answers in a few ms); typing never waits for an answer, and an answer
 * to an older text is dropped. Enter pressed while the answer for the current text is on its way
 * (a scanner types a barcode and Enter faster than any answer) picks its first row when it arrives.
 */
export function ItemSearch({ onPick, limit = 20, autoFocus, clearOnPick = true, inputRef, catalogEmpty, rows = 8 }: ItemSearchProps) {
  const m = useItemSearchMessages()
  const listId = useId()
  const [text, setText] = useState('')
  const [answer, setAnswer] = useState<Answer>({ query: '', hits: [] })
  const [selected, setSelected] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const latest = useRef(0)
  const pickWhenAnswered = useRef<number | null>(null)
  const listRef = useRef<HTMLUListElement>(null)

  const clear = useCallback(() => {
    latest.current++
    pickWhenAnswered.current = null
    setText('')
    setAnswer({ query: '', hits: [] })
    setSelected(0)
    setBusy(false)
    setError(undefined)
  }, [])

  const pick = useCallback(
    (item: CatalogItem | undefined) => {
      if (!item) return
      onPick(item)
      if (clearOnPick) clear()
    },
    [onPick, clearOnPick, clear],
  )

  function ask(query: string) {
    const seq = ++latest.current
    pickWhenAnswered.current = null
    if (query.trim() === '') {
      setAnswer({ query, hits: [] })
      setBusy(false)
      return
    }
    setBusy(true)
    pos.searchCatalog({ query, limit }).then(
      (res) => {
        if (seq !== latest.current) return
        setBusy(false)
        setError(undefined)
        setAnswer({ query, hits: res.hits })
        setSelected(0)
        if (pickWhenAnswered.current === seq) {
          pickWhenAnswered.current = null
          pick(res.hits[0])
        }
      },
      (e: unknown) => {
        if (seq !== latest.current) return
        setBusy(false)
        setError(toShownError(e))
      },
    )
  }

  // A list that went live (an import) changes prices and classes: ask again for what is shown.
  const refresh = useEffectEvent(() => {
    if (text.trim()) ask(text)
  })
  useEffect(() => pos.on('catalogChanged', () => refresh()), [])

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [selected])

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const count = answer.hits.length
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault()
        if (count) setSelected((s) => (s + 1) % count)
        break
      case 'ArrowUp':
        e.preventDefault()
        if (count) setSelected((s) => (s - 1 + count) % count)
        break
      case 'Enter':
        e.preventDefault()
        if (busy) pickWhenAnswered.current = latest.current
        else pick(answer.hits[selected])
        break
      case 'Escape':
        if (text !== '' || answer.hits.length) {
          e.preventDefault()
          e.stopPropagation()
          clear()
        }
        break
    }
  }

  const shown = answer.hits
  const onHand = useOnHand(shown.map((h) => h.storeCode))
  const nothing = !busy && text.trim() !== '' && answer.query === text && shown.length === 0 && !error
  return (
    <div className="item-search" data-busy={busy || undefined} style={{ display: 'flex', flexDirection: 'column', gap: '0.4rem', minWidth: 0 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label={m('label')}
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-activedescendant={shown.length ? `${listId}-${selected}` : undefined}
          aria-busy={busy}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          placeholder={m('placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            ask(e.target.value)
          }}
          onKeyDown={onKeyDown}
          style={{ flex: 1, fontSize: '1.1rem', padding: '0.45rem 0.6rem', border: '1px solid #d9dee5', borderRadius: '0.25rem', minWidth: 0 }}
        />
        <span role="status" aria-live="polite" style={{ minWidth: '5rem', color: '#5b6675', fontSize: '0.9rem' }}>
          {busy ? m('busy') : ''}
        </span>
      </div>
      <ErrorNotice error={error} />
      {nothing && <div style={{ color: '#5b6675' }}>{catalogEmpty ? m('noCatalog') : m('none', { q: text })}</div>}
      <ul
        id={listId}
        ref={listRef}
        role="listbox"
        aria-label={m('label')}
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          maxHeight: `${rows * 3.1}rem`,
          overflowY: 'auto',
          border: shown.length ? '1px solid #d9dee5' : 'none',
          borderRadius: '0.25rem',
          opacity: busy ? 0.75 : 1,
        }}
      >
        {shown.map((item, i) => (
          <li
            key={item.storeCode}
            id={`${listId}-${i}`}
            data-index={i}
            data-store-code={item.storeCode}
            role="option"
            aria-selected={i === selected}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(item)}
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(0, 1fr) auto',
              gap: '0.15rem 0.75rem',
              padding: '0.3rem 0.6rem',
              cursor: 'pointer',
              background: i === selected ? '#e7f5ee' : i % 2 ? '#fafbfc' : '#fff',
              borderLeft: i === selected ? '3px solid #0b6e4f' : '3px solid transparent',
            }}
          >
            <span style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              <span translate="no">{item.name}</span>{' '}
              <small style={{ color: '#5b6675', fontWeight: 400 }}>{[item.spec, item.unit].filter(Boolean).join(' / ')}</small>
            </span>
            <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 700, textAlign: 'right' }}>¥{item.price}</span>
            <span style={{ display: 'flex', gap: '0.6rem', alignItems: 'center', color: '#5b6675', fontSize: '0.85rem', minWidth: 0 }}>
              <ItemFacts item={item} />
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {item.storeCode}
                {item.barcode ? ` · ${item.barcode}` : ''}
                {item.maker ? ` · ${item.maker}` : ''}
              </span>
            </span>
            <small style={{ color: '#5b6675', textAlign: 'right', whiteSpace: 'nowrap' }}>
              <OnHandText storeCode={item.storeCode} imported={item.stock} onHand={onHand} />
            </small>
          </li>
        ))}
      </ul>
      {shown.length > 0 && <small style={{ color: '#5b6675' }}>{m('hint')}</small>}
    </div>
  )
}
