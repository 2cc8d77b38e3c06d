import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { terminalNoText, type CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { FunctionKeyBar, type FunctionKey } from '../../components/FunctionKeys'
import { defineMessages, useLocale } from '../../i18n'

type SyncStatus = CallOutput<'syncStatus'>

const useM = defineMessages(
  {
    title: '门店节点',
    intro: '同一门店有多台收银机时，与门店服务器配对：由门店服务器分配本机的收银台号，本机的结算记录自动上传。只有一台收银机时不需要。',
    url: '门店服务器地址',
    urlHint: '例如 http://192.168.1.10:8431',
    code: '配对码',
    codeHint: '店长在门店服务器上生成的 10 位一次性配对码',
    pair: '配对',
    refresh: '刷新',
    unpair: '解除配对',
    unpairReason: '解除配对的原因',
    unpairConfirm: '确认解除',
    paired: '已配对',
    notPaired: '未配对（单机收银）',
    state: '状态',
    storeId: '机构编码',
    terminalNo: '收银台号（门店服务器分配）',
    pairedAt: '配对时间',
    ackedSeq: '门店服务器已收到',
    waiting: '等待上传',
    lastPushAt: '最近一次上传',
    lastError: '最近的问题',
    none: '无',
    rows: '{n} 条',
    pairedOk: '已与门店服务器配对，本机收银台号为 {no}',
    unpairedOk: '已解除配对',
    SYNC_STORE_UNREACHABLE: '无法连接门店服务器：请检查地址、网络，以及门店服务器是否已启动',
    SYNC_PAIRING_CODE_INVALID: '配对码不对、已过期或已被使用：请店长在门店服务器上重新生成一个配对码',
    SYNC_STORE_FULL: '本机构在门店服务器上的 99 个收银台号已全部分配，无法再添加收银台',
    SYNC_ALREADY_PAIRED: '本收银台已经配对：如需重新配对，请店长先解除配对',
    SYNC_NOT_PAIRED: '本收银台没有与门店服务器配对',
  },
  {
    title: 'Store node',
    intro:
      'When a store runs several counters, pair each with the store server: it allocates this counter its number and receives its settlements. A single counter needs none of this.',
    url: 'Store server address',
    urlHint: 'e.g. http://192.168.1.10:8431',
    code: 'Pairing code',
    codeHint: 'The 10-character one-time code the manager made on the store server',
    pair: 'Pair',
    refresh: 'Refresh',
    unpair: 'Unpair',
    unpairReason: 'Reason for unpairing',
    unpairConfirm: 'Confirm unpairing',
    paired: 'Paired',
    notPaired: 'Not paired (standalone counter)',
    state: 'State',
    storeId: 'Institution code',
    terminalNo: 'Counter number (allocated by the store server)',
    pairedAt: 'Paired at',
    ackedSeq: 'Held by the store server',
    waiting: 'Waiting to upload',
    lastPushAt: 'Last upload',
    lastError: 'Last problem',
    none: 'none',
    rows: '{n} rows',
    pairedOk: 'Paired with the store server; this counter is number {no}',
    unpairedOk: 'Unpaired',
    SYNC_STORE_UNREACHABLE: 'The store server cannot be reached: check the address, the network, and that the store server is running',
    SYNC_PAIRING_CODE_INVALID: 'The pairing code is wrong, expired or already used: ask the manager for a new one on the store server',
    SYNC_STORE_FULL: 'All 99 counter numbers of this institution are taken on the store server',
    SYNC_ALREADY_PAIRED: 'This counter is already paired: unpair it first to pair again',
    SYNC_NOT_PAIRED: 'This counter is not paired with a store server',
  },
)

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
