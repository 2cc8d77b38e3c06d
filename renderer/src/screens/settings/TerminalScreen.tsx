import { useState } from 'react'
import { terminalNoInUse, terminalNoText, type CallOutput, type Settings } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { defineMessages, useT } from '../../i18n'
import { STORE_SETTINGS_KEYS } from '../../../../shared/contract/sync/master-data'
import { useOperatorMessages, useStoreModeMessages } from './messages'
import { useStoreMode } from './useStoreMode'

type AppInfo = CallOutput<'appInfo'>

const useProtection = defineMessages(
  {
    label: '接入密钥的保护',
    'os-keychain': '由操作系统的钥匙串加密，只有本机的这个系统账户能解开',
    'file-key': '由数据目录中的密钥文件加密：本机没有可用的系统钥匙串，能读取整个数据目录的人也能解开',
  },
  {
    label: 'Gateway secret protection',
    'os-keychain': "Encrypted by the operating system's keychain; only this account on this PC can open it",
    'file-key': 'Encrypted with a key file in the data folder: no system keychain is available here, so whoever can read the whole data folder can open it',
  },
)

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
    terminalNo: '收银台号（01-99）',
    terminalNoHint: '本机构每台收银机各用一个不同的号，报文编号由它区分；正式模式必须设置',
    terminalNoUnset: '未设置（报文暂用 {no}）',
    terminalNoInvalid: '收银台号应为 01-99 的数字',
    sole: '本机是本机构唯一的医保收银机',
    requireShift: '必须先开班才能收银（交班）',
    soleHint: '只有勾选后，对账时才能撤销平台有、本机没有的结算；有其他收银机时切勿勾选（会撤销别的收银台的正常结算）。更改会记入审计。',
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
    terminalNo: 'Counter number (01-99)',
    terminalNoHint: 'A different number for every counter of the institution: it keeps their message ids apart. Required to go live',
    terminalNoUnset: 'Not set (message ids use {no} for now)',
    terminalNoInvalid: 'The counter number is a number from 01 to 99',
    sole: "This PC is the institution's only medical-insurance counter",
    requireShift: 'Sell only with a shift open',
    soleHint:
      'Only then can reconciliation revoke a settlement the platform has and this PC does not. Never tick it when other counters exist: it would revoke their sales. Changes are audited.',
  },
)

/** The fields the store keeps in store mode (shared/contract/sync/master-data.ts STORE_SETTINGS_KEYS): shown, not edited here. */
const STORE_FIELDS: ReadonlySet<string> = new Set<string>(STORE_SETTINGS_KEYS)

export function SettingsForm({ settings, onDone }: { settings: Settings; onDone: (saved?: Settings) => void }) {
  const t = useT()
  const m = useM()
  const storeM = useStoreModeMessages()
  const storeMode = useStoreMode()
  const storeKept = (key: string) => storeMode && STORE_FIELDS.has(key)
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
      if (secret) await pos.setPlatformSecret({ secret })
      onDone(await pos.updateSettings({ ...rest, terminalNo: typed === '' ? null : Number(typed), idleLockMinutes: Number(idleLockMinutes) }))
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
      {storeMode && (
        <p className="notice" data-testid="master-read-only">
          {storeM('settingsReadOnly')}
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
          disabled={storeMode}
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
