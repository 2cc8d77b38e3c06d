import { useCallback, useEffect, useState } from 'react'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError, OkNotice } from '../../components/ErrorNotice'
import { PublishedNotice } from '../settings/PublishedNotice'
import { useMasterDataMode, usePublish } from '../settings/useStoreMode'
import { useOfflineSettingsMessages } from './messages'

/**
 * Domain rule 5: deposit mode unless a manager opts into advance mode, with its three limits. In store mode
 * they are the store's: a manager's save publishes them to the store node for every counter.
 */
export function OfflineSettingsForm() {
  const m = useOfflineSettingsMessages()
  const mode = useMasterDataMode()
  const [draft, setDraft] = useState<{ mode: 'deposit' | 'advance'; perSale: string; outstanding: string; maxAgeHours: string }>()
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const load = useCallback(
    () =>
      pos.offlineSettings({}).then(
        (s) => setDraft({ ...s, maxAgeHours: String(s.maxAgeHours) }),
        (e: unknown) => setError(toShownError(e)),
      ),
    [],
  )
  const { published, publish } = usePublish(() => void load())
  useEffect(() => {
    void load()
  }, [load])
  if (!draft) return <ErrorNotice error={error} />
  async function save() {
    if (!draft) return
    setError(undefined)
    setNotice(undefined)
    try {
      const limits = { mode: draft.mode, perSale: draft.perSale, outstanding: draft.outstanding, maxAgeHours: Number(draft.maxAgeHours) }
      if (mode === 'publish') return void (await publish({ kind: 'offline_limits', limits }))
      const s = await pos.setOfflineSettings(limits)
      setDraft({ ...s, maxAgeHours: String(s.maxAgeHours) })
      setNotice(m('saved', { mode: s.mode === 'advance' ? m('advance') : m('deposit') }))
    } catch (e) {
      setError(toShownError(e))
    }
  }
  return (
    <form
      className="card form"
      aria-label={m('title')}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2>{m('title')}</h2>
      {mode !== 'local' && (
        <p className="notice" data-testid={mode === 'publish' ? 'master-publish' : 'master-read-only'}>
          {m(mode === 'publish' ? 'storePublish' : 'storeReadOnly')}
        </p>
      )}
      <fieldset disabled={mode === 'read-only'}>
        <legend>{m('mode')}</legend>
        {(['deposit', 'advance'] as const).map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="offline-mode" value={mode} checked={draft.mode === mode} onChange={() => setDraft({ ...draft, mode })} />
            <span>{m(mode)}</span>
          </label>
        ))}
      </fieldset>
      <label>
        <span>{m('perSale')}</span>
        <input name="per-sale" inputMode="decimal" value={draft.perSale} onChange={(e) => setDraft({ ...draft, perSale: e.target.value.trim() })} />
      </label>
      <label>
        <span>{m('outstanding')}</span>
        <input name="outstanding" inputMode="decimal" value={draft.outstanding} onChange={(e) => setDraft({ ...draft, outstanding: e.target.value.trim() })} />
      </label>
      <label>
        <span>{m('maxAge')}</span>
        <input name="max-age" inputMode="numeric" value={draft.maxAgeHours} onChange={(e) => setDraft({ ...draft, maxAgeHours: e.target.value.trim() })} />
      </label>
      <ErrorNotice error={error} />
      <OkNotice text={notice} />
      <PublishedNotice published={published} />
      <div className="actions">
        <button type="submit" disabled={mode === 'read-only'}>
          {m('save')}
        </button>
      </div>
    </form>
  )
}
