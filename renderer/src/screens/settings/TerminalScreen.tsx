import { useState } from 'react'
import { terminalNoInUse, terminalNoText, type CallOutput, type Settings } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useT } from '../../i18n'
import { useKeyProtectionMessages as useProtection, useTerminalMessages as useM } from './terminal-messages'
import { isStoreSetting, splitSettings } from '../../../../shared/contract/sync/master-inputs'
import { useOperatorMessages, useStoreModeMessages } from './messages'
import { useMasterDataMode, type usePublish } from './useStoreMode'

type AppInfo = CallOutput<'appInfo'>

export function TerminalInfo({ info, settings }: { info: AppInfo; settings: Settings }) {
  const t = useT()
  const protection = useProtection()
  const m = useM()
  const inUse = terminalNoInUse(settings)
  const rows: [string, string][] = [
    [t('terminal.fixmedinsCode'), settings.fixmedinsCode],
    [t('terminal.fixmedinsName'), settings.fixmedinsName],
    [t('terminal.admdvs'), settings.admdvs],
    [t('terminal.terminalId'), settings.terminalId],
    [m('terminalNo'), inUse.assigned ? terminalNoText(inUse.no) : m('terminalNoUnset', { no: terminalNoText(inUse.no) })],
    [m('sole'), settings.soleInsuranceTerminal ? t('common.yes') : t('common.no')],
    [m('requireShift'), settings.requireOpenShift ? t('common.yes') : t('common.no')],
    [t('terminal.trainingMode'), settings.trainingMode ? t('common.yes') : t('common.no')],
    [t('terminal.shell'), t(info.shell === 'electron' ? 'shell.electron' : 'shell.web')],
    [t('terminal.version'), info.version],
    [t('terminal.schema'), String(info.schemaVersion)],
    [t('terminal.dataDir'), info.dataDir],
    [protection('label'), protection(info.secretProtection)],
  ]
  return (
    <section className="card" aria-labelledby="terminal-title">
      <h2 id="terminal-title">{t('terminal.title')}</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

type Draft = Pick<
  Settings,
  | 'fixmedinsCode'
  | 'fixmedinsName'
  | 'admdvs'
  | 'terminalId'
  | 'platformUrl'
  | 'platformPaasid'
  | 'platformOperatorCode'
  | 'platformOperatorName'
  | 'platformCaPem'
  | 'soleInsuranceTerminal'
  | 'requireOpenShift'
> & {
  idleLockMinutes: string
  /** Empty: no number (training only). */
  terminalNo: string
  trainingMode: boolean
  secret: string
}

export interface SettingsFormProps {
  settings: Settings
  onDone: (saved?: Settings) => void
  /** Store mode, a manager: the store's settings and the secret go to the store node (the screen follows the change). */
  publish: ReturnType<typeof usePublish>['publish']
}

export function SettingsForm({ settings, onDone, publish }: SettingsFormProps) {
  const t = useT()
  const m = useM()
  const storeM = useStoreModeMessages()
  const mode = useMasterDataMode()
  // The store's settings (shared/contract/sync/master-data.ts STORE_SETTINGS_KEYS): only shown to someone who may not publish.
  const storeKept = (key: string) => mode === 'read-only' && isStoreSetting(key)
  const om = useOperatorMessages()
  const [draft, setDraft] = useState<Draft>({
    fixmedinsCode: settings.fixmedinsCode,
    fixmedinsName: settings.fixmedinsName,
    admdvs: settings.admdvs,
    terminalId: settings.terminalId,
    platformUrl: settings.platformUrl,
    platformPaasid: settings.platformPaasid,
    platformOperatorCode: settings.platformOperatorCode,
    platformOperatorName: settings.platformOperatorName,
    platformCaPem: settings.platformCaPem,
    idleLockMinutes: String(settings.idleLockMinutes),
    trainingMode: settings.trainingMode,
    terminalNo: settings.terminalNo === null ? '' : terminalNoText(settings.terminalNo),
    soleInsuranceTerminal: settings.soleInsuranceTerminal,
    requireOpenShift: settings.requireOpenShift,
    secret: '',
  })
  const [error, setError] = useState<ShownError>()
  const [saving, setSaving] = useState(false)

  async function save() {
    setSaving(true)
    setError(undefined)
    try {
      const { secret, idleLockMinutes, terminalNo, ...rest } = draft
      const typed = terminalNo.trim()
      if (typed !== '' && !/^\d{1,2}$/.test(typed)) {
        setError({ code: 'INVALID_INPUT', message: m('terminalNoInvalid') })
        return
      }
      const patch = { ...rest, terminalNo: typed === '' ? null : Number(typed), idleLockMinutes: Number(idleLockMinutes) }
      if (mode !== 'publish') {
        if (secret) await pos.setPlatformSecret({ secret })
        return onDone(await pos.updateSettings(patch))
      }
      // Store mode: the store's part goes to the store node and comes back by this counter's pull; the counter's own part is saved here.
      const { store, local } = splitSettings(settings, patch)
      if (secret) await publish({ kind: 'secret', secret })
      if (store) await publish({ kind: 'settings', patch: store })
      onDone(await pos.updateSettings(local))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setSaving(false)
    }
  }

  const field = (
    key:
      | 'fixmedinsCode'
      | 'fixmedinsName'
      | 'admdvs'
      | 'terminalId'
      | 'terminalNo'
      | 'platformUrl'
      | 'platformPaasid'
      | 'platformOperatorCode'
      | 'platformOperatorName'
      | 'idleLockMinutes',
    label: string,
  ) => (
    <label key={key}>
      <span>{label}</span>
      <input
        name={key}
        value={draft[key]}
        autoFocus={key === 'fixmedinsName'}
        disabled={storeKept(key)}
        title={storeKept(key) ? storeM('settingsReadOnly') : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  )

  return (
    <form
      className="card form"
      aria-labelledby="settings-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone()
      }}
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      {mode === 'read-only' && (
        <p className="notice" data-testid="master-read-only">
          {storeM('settingsReadOnly')}
        </p>
      )}
      {mode === 'publish' && (
        <p className="notice" data-testid="master-publish">
          {storeM('settingsPublish')}
        </p>
      )}
      {field('fixmedinsName', t('terminal.fixmedinsName'))}
      {field('fixmedinsCode', t('terminal.fixmedinsCode'))}
      {field('admdvs', t('terminal.admdvs'))}
      {field('terminalId', t('terminal.terminalId'))}
      {field('terminalNo', m('terminalNo'))}
      <p className="muted">{m('terminalNoHint')}</p>
      {field('idleLockMinutes', m('idle'))}
      <label>
        <span>{m('training')}</span>
        <input name="trainingMode" type="checkbox" checked={draft.trainingMode} onChange={(e) => setDraft({ ...draft, trainingMode: e.target.checked })} />
      </label>
      {!draft.trainingMode && <p className="notice notice-warn">{m('trainingWarn')}</p>}
      <label>
        <span>{m('sole')}</span>
        <input
          name="soleInsuranceTerminal"
          type="checkbox"
          checked={draft.soleInsuranceTerminal}
          onChange={(e) => setDraft({ ...draft, soleInsuranceTerminal: e.target.checked })}
        />
      </label>
      <p className="muted">{m('soleHint')}</p>
      <label>
        <span>{m('requireShift')}</span>
        <input
          name="requireOpenShift"
          type="checkbox"
          disabled={storeKept('requireOpenShift')}
          checked={draft.requireOpenShift}
          onChange={(e) => setDraft({ ...draft, requireOpenShift: e.target.checked })}
        />
      </label>
      {field('platformUrl', m('platformUrl'))}
      {field('platformPaasid', m('platformPaasid'))}
      {field('platformOperatorCode', om('defaultCode'))}
      {field('platformOperatorName', om('defaultName'))}
      <p className="muted">{om('defaultHint')}</p>
      <label>
        <span>{m('ca')}</span>
        <textarea
          name="platformCaPem"
          rows={3}
          disabled={storeKept('platformCaPem')}
          spellCheck={false}
          placeholder={m('caHint')}
          value={draft.platformCaPem}
          onChange={(e) => setDraft({ ...draft, platformCaPem: e.target.value })}
        />
      </label>
      <label>
        <span>{m('secret')}</span>
        <input
          name="platformSecret"
          type="password"
          disabled={mode === 'read-only'}
          autoComplete="off"
          placeholder={m('secretHint')}
          value={draft.secret}
          onChange={(e) => setDraft({ ...draft, secret: e.target.value })}
        />
      </label>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" disabled={saving} aria-busy={saving}>
          {t('settings.save')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => onDone()}>
          {t('settings.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  )
}
