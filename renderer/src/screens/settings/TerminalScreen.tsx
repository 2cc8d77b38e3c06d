import { useState } from 'react'
import type { CallOutput, Settings } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useT } from '../../i18n'

type AppInfo = CallOutput<'appInfo'>

export function TerminalInfo({ info, settings }: { info: AppInfo; settings: Settings }) {
  const t = useT()
  const rows: [string, string][] = [
    [t('terminal.fixmedinsCode'), settings.fixmedinsCode],
    [t('terminal.fixmedinsName'), settings.fixmedinsName],
    [t('terminal.admdvs'), settings.admdvs],
    [t('terminal.terminalId'), settings.terminalId],
    [t('terminal.trainingMode'), settings.trainingMode ? t('common.yes') : t('common.no')],
    [t('terminal.shell'), t(info.shell === 'electron' ? 'shell.electron' : 'shell.web')],
    [t('terminal.version'), info.version],
    [t('terminal.schema'), String(info.schemaVersion)],
    [t('terminal.dataDir'), info.dataDir],
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

type Draft = Pick<Settings, 'fixmedinsCode' | 'fixmedinsName' | 'admdvs' | 'terminalId'>

export function SettingsForm({ settings, onDone }: { settings: Settings; onDone: (saved?: Settings) => void }) {
  const t = useT()
  const [draft, setDraft] = useState<Draft>({
    fixmedinsCode: settings.fixmedinsCode,
    fixmedinsName: settings.fixmedinsName,
    admdvs: settings.admdvs,
    terminalId: settings.terminalId,
  })
  const [error, setError] = useState<ShownError>()
  const [saving, setSaving] = useState(false)

  async function save() {
    setSaving(true)
    setError(undefined)
    try {
      onDone(await pos.updateSettings(draft))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setSaving(false)
    }
  }

  const field = (key: keyof Draft, label: string) => (
    <label key={key}>
      <span>{label}</span>
      <input
        name={key}
        value={draft[key]}
        autoFocus={key === 'fixmedinsName'}
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
      {field('fixmedinsName', t('terminal.fixmedinsName'))}
      {field('fixmedinsCode', t('terminal.fixmedinsCode'))}
      {field('admdvs', t('terminal.admdvs'))}
      {field('terminalId', t('terminal.terminalId'))}
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
