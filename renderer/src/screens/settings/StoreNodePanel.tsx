import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { terminalNoText, type CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { useLocale } from '../../i18n'
import { useStoreNodeMessages as useM } from './store-node-messages'

type SyncStatus = CallOutput<'syncStatus'>

const OWN_WORDS = ['SYNC_STORE_UNREACHABLE', 'SYNC_PAIRING_CODE_INVALID', 'SYNC_STORE_FULL', 'SYNC_ALREADY_PAIRED', 'SYNC_NOT_PAIRED'] as const
type OwnWord = (typeof OWN_WORDS)[number]
const isOwnWord = (code: string): code is OwnWord => (OWN_WORDS as readonly string[]).includes(code)

function ActionForm({ label, onSubmit, children }: { label: string; onSubmit: () => Promise<void>; children: ReactNode }) {
  return (
    <form
      className="form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault()
        void onSubmit()
      }}
    >
      {children}
    </form>
  )
}

/** 设置 → 门店节点: pairing this counter with the store node, and how its changes reach it. */
export function StoreNodePanel() {
  const m = useM()
  const locale = useLocale()
  const [status, setStatus] = useState<SyncStatus>()
  const [draft, setDraft] = useState({ url: '', code: '', reason: '' })
  const [unpairing, setUnpairing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()

  const shown = useCallback(
    (e: unknown): ShownError => {
      const err = toShownError(e)
      return isOwnWord(err.code) ? { code: err.code, message: m(err.code) } : err
    },
    [m],
  )
  const refresh = useCallback(() => pos.syncStatus({}).then(setStatus, (e: unknown) => setError(shown(e))), [shown])
  useEffect(() => {
    void refresh()
  }, [refresh])

  const run = useCallback(
    async (work: () => Promise<string>) => {
      setBusy(true)
      setError(undefined)
      setNotice(undefined)
      try {
        setNotice(await work())
      } catch (e) {
        setError(shown(e))
      } finally {
        setBusy(false)
      }
    },
    [shown],
  )

  const pair = useCallback(
    () =>
      run(async () => {
        const s = await pos.pairWithStoreNode({ url: draft.url, code: draft.code })
        setStatus(s)
        setDraft((d) => ({ ...d, code: '' }))
        return m('pairedOk', { no: s.terminalNo === null ? '' : terminalNoText(s.terminalNo) })
      }),
    [run, draft.url, draft.code, m],
  )
  const unpair = useCallback(
    () =>
      run(async () => {
        setStatus(await pos.unpairStoreNode({ reason: draft.reason }))
        setUnpairing(false)
        setDraft((d) => ({ ...d, reason: '' }))
        return m('unpairedOk')
      }),
    [run, draft.reason, m],
  )

  const paired = status?.paired === true
  const keys: FunctionKey[] = useMemo(
    () => [
      { key: 'F7', label: m('pair'), action: () => void pair(), disabled: busy || paired },
      { key: 'F8', label: m('refresh'), action: () => void refresh(), disabled: busy },
      { key: 'F6', label: m('unpair'), action: () => setUnpairing(true), disabled: busy || !paired },
    ],
    [m, pair, refresh, busy, paired],
  )

  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : m('none'))
  const facts: [string, string][] = status?.paired
    ? [
        [m('state'), m('paired')],
        [m('url'), status.storeUrl ?? ''],
        [m('storeId'), status.storeId ?? ''],
        [m('terminalNo'), status.terminalNo === null ? '' : terminalNoText(status.terminalNo)],
        [m('pairedAt'), when(status.pairedAt)],
        [m('ackedSeq'), m('rows', { n: status.ackedSeq })],
        [m('waiting'), m('rows', { n: status.waiting })],
        [m('lastPushAt'), when(status.lastPushAt)],
        [m('lastError'), status.lastError ?? m('none')],
      ]
    : [[m('state'), m('notPaired')]]

  return (
    <section className="card" aria-labelledby="store-node-title" data-testid="store-node">
      <h2 id="store-node-title">{m('title')}</h2>
      <p className="muted">{m('intro')}</p>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {!paired && (
        <ActionForm label={m('pair')} onSubmit={pair}>
          <label>
            <span>{m('url')}</span>
            <input name="store-node-url" placeholder={m('urlHint')} value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} />
          </label>
          <label>
            <span>{m('code')}</span>
            <input
              name="store-node-code"
              autoComplete="off"
              placeholder={m('codeHint')}
              value={draft.code}
              onChange={(e) => setDraft({ ...draft, code: e.target.value })}
            />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy} aria-busy={busy}>
              {m('pair')} <kbd>F7</kbd>
            </button>
          </div>
        </ActionForm>
      )}
      {paired && unpairing && (
        <ActionForm label={m('unpair')} onSubmit={unpair}>
          <label>
            <span>{m('unpairReason')}</span>
            <input name="store-node-unpair-reason" autoFocus value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} />
          </label>
          <div className="actions">
            <button type="submit" disabled={busy}>
              {m('unpairConfirm')}
            </button>
          </div>
        </ActionForm>
      )}
      <ErrorNotice error={error} />
      <OkNotice text={notice} testId="store-node-ok" />
      <FunctionKeyBar keys={keys} />
    </section>
  )
}
