import { useState } from 'react'
import type { CallOutput, Settings } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { defineMessages, useT } from '../../i18n'

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

type Draft = Pick<Settings, 'fixmedinsCode' | 'fixmedinsName' | 'admdvs' | 'terminalId' | 'platformUrl' | 'platformPaasid' | 'platformCaPem'> & {
  idleLockMinutes: string
  trainingMode: boolean
  secret: string
}

const useM = defineMessages(
  {
    platformUrl: '医保平台地址',
    platformPaasid: '接入账号（paasid）',
    secret: '接入密钥',
    ca: '省平台 CA 证书（PEM，可留空）',
    caHint: '省平台使用自建 CA 时，粘贴其 -----BEGIN CERTIFICATE----- 证书',
    secretHint: '只写不读：留空表示不修改；保存后加密存放',
    idle: '无操作自动锁屏（分钟）',
    training: '培训模式（连接演示平台）',
    trainingWarn: '关闭培训模式后将连接真实医保平台，产生真实结算。',
  },
  {
    platformUrl: 'Platform address',
    platformPaasid: 'Gateway account (paasid)',
    secret: 'Gateway secret',
    ca: 'Province CA certificate (PEM, optional)',
    caHint: 'When the province gateway uses its own CA, paste its -----BEGIN CERTIFICATE----- here',
    secretHint: 'Write-only: leave empty to keep it; stored encrypted',
    idle: 'Lock after idle minutes',
    training: 'Training mode (demo platform)',
    trainingWarn: 'Without training mode the counter settles for real on the live platform.',
  },
)

export function SettingsForm({ settings, onDone }: { settings: Settings; onDone: (saved?: Settings) => void }) {
  const t = useT()
  const m = useM()
  const [draft, setDraft] = useState<Draft>({
    fixmedinsCode: settings.fixmedinsCode,
    fixmedinsName: settings.fixmedinsName,
    admdvs: settings.admdvs,
    terminalId: settings.terminalId,
    platformUrl: settings.platformUrl,
    platformPaasid: settings.platformPaasid,
    platformCaPem: settings.platformCaPem,
    idleLockMinutes: String(settings.idleLockMinutes),
    trainingMode: settings.trainingMode,
    secret: '',
  })
  const [error, setError] = useState<ShownError>()
  const [saving, setSaving] = useState(false)

  async function save() {
    setSaving(true)
    setError(undefined)
    try {
      const { secret, idleLockMinutes, ...rest } = draft
      if (secret) await pos.setPlatformSecret({ secret })
      onDone(await pos.updateSettings({ ...rest, idleLockMinutes: Number(idleLockMinutes) }))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setSaving(false)
    }
  }

  const field = (key: 'fixmedinsCode' | 'fixmedinsName' | 'admdvs' | 'terminalId' | 'platformUrl' | 'platformPaasid' | 'idleLockMinutes', label: string) => (
    <label key={key}>
      <span>{label}</span>
      <input name={key} value={draft[key]} autoFocus={key === 'fixmedinsName'} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
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
      {field('idleLockMinutes', m('idle'))}
      <label>
        <span>{m('training')}</span>
        <input name="trainingMode" type="checkbox" checked={draft.trainingMode} onChange={(e) => setDraft({ ...draft, trainingMode: e.target.checked })} />
      </label>
      {!draft.trainingMode && <p className="notice notice-warn">{m('trainingWarn')}</p>}
      {field('platformUrl', m('platformUrl'))}
      {field('platformPaasid', m('platformPaasid'))}
      <label>
        <span>{m('ca')}</span>
        <textarea name="platformCaPem" rows={3} spellCheck={false} placeholder={m('caHint')} value={draft.platformCaPem} onChange={(e) => setDraft({ ...draft, platformCaPem: e.target.value })} />
      </label>
      <label>
        <span>{m('secret')}</span>
        <input name="platformSecret" type="password" autoComplete="off" placeholder={m('secretHint')} value={draft.secret} onChange={(e) => setDraft({ ...draft, secret: e.target.value })} />
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
