import { useState } from 'react'
import type { CatalogItem } from '../../../../shared/catalog/schemas'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { priceInput } from '../../../../shared/contract/sync/master-inputs'
import { PublishedNotice } from '../settings/PublishedNotice'
import { usePublish } from '../settings/useStoreMode'
import { useCatalogMessages } from './messages'

/**
 * Store mode, a manager: the picked item's price for the whole store from a moment on (a dated price entry in
 * the store's change log); each counter's scan and search take it once it is valid, no job runs then.
 */
export function PriceChangeForm({ item, onApplied }: { item: CatalogItem; onApplied: () => void }) {
  const m = useCatalogMessages()
  const [price, setPrice] = useState(item.price)
  const [from, setFrom] = useState('')
  const [error, setError] = useState<ShownError>()
  const [busy, setBusy] = useState(false)
  const { published, publish } = usePublish(onApplied)

  async function save() {
    setError(undefined)
    setBusy(true)
    try {
      await publish(priceInput(item.storeCode, price, from, new Date()))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="form"
      aria-label={m('priceTitle')}
      data-testid="price-change"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h3>{m('priceTitle')}</h3>
      <label>
        <span>{m('priceNew')}</span>
        <input name="price-new" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value.trim())} />
      </label>
      <label>
        <span>{m('priceFrom')}</span>
        <input name="price-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <ErrorNotice error={error} />
      <PublishedNotice published={published} />
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {m('pricePublish')}
        </button>
      </div>
    </form>
  )
}
