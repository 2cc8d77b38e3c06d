import { useState } from 'react'
import type { ConnectionCheck, ConnectionCheckStep, Settings } from '../../../../shared/contract'
import type { GatewayOverrides } from '../../../../shared/nhsa/profiles/schema'
import { SHIPPED_PROFILES } from '../../../../shared/nhsa/profiles/shipped'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { defineMessages, useLocale } from '../../i18n'
import { useStoreModeMessages } from './messages'
import { useStoreMode } from './useStoreMode'

const useM = defineMessages(
  {
    title: '医保网关与连接检查',
    profile: '网关配置（按省平台选择）',
    overrides: '调整（JSON，可留空）',
    overridesHint: '只填与所选配置不同的项，例如 {"infver":"1.0"}；见 docs/platform-profiles.md',
    overridesInvalid: '调整内容不是有效的 JSON 对象',
    saveProfile: '保存网关配置',
    saved: '网关配置已保存',
    trainingNote: '培训模式下连接演示平台，使用国家标准配置；检查的是演示平台。',
    testCertNo: '测试人员身份证号（向省平台索取）',
    run: '开始检查',
    running: '检查中…',
    allRead: '四步全部成功：签到、人员信息、目录查询、签退的应答均已读懂。',
    notAllRead: '有步骤未成功，请按提示核对设置。',
    sent: '发出的报文',
    received: '收到的应答',
    none: '（无）',
    'result.read': '已读懂',
    'result.refused': '平台拒绝',
    'result.not-sent': '未发出',
    'result.no-answer': '无应答',
    'result.unreadable': '无法读取应答',
    'result.skipped': '未执行',
    'infno.9001': '9001 签到',
    'infno.1101': '1101 人员信息获取',
    'infno.1312': '1312 目录信息查询',
    'infno.9002': '9002 签退',
  },
  {
    title: 'Insurance gateway and connection check',
    profile: 'Gateway profile (by province)',
    overrides: 'Adjustments (JSON, optional)',
    overridesHint: 'Only what differs from the chosen profile, e.g. {"infver":"1.0"}; see docs/platform-profiles.md',
    overridesInvalid: 'The adjustments are not a valid JSON object',
    saveProfile: 'Save gateway profile',
    saved: 'Gateway profile saved',
    trainingNote: 'Training mode talks to the demo platform with the national profile; the check runs against it.',
    testCertNo: "Test person's ID number (from the province)",
    run: 'Run the check',
    running: 'Checking…',
    allRead: 'All four steps succeeded: sign-in, person query, catalog query and sign-out answers were read.',
    notAllRead: 'A step did not succeed; check the settings it names.',
    sent: 'Message sent',
    received: 'Answer received',
    none: '(none)',
    'result.read': 'Read',
    'result.refused': 'Refused by the platform',
    'result.not-sent': 'Not sent',
    'result.no-answer': 'No answer',
    'result.unreadable': 'Answer unreadable',
    'result.skipped': 'Not run',
    'infno.9001': '9001 sign-in',
    'infno.1101': '1101 person query',
    'infno.1312': '1312 catalog query',
    'infno.9002': '9002 sign-out',
  },
)

function Step({ step }: { step: ConnectionCheckStep }) {
  const m = useM()
  return (
    <li className={step.result === 'read' ? 'step-ok' : 'step-failed'}>
      <strong>{m(`infno.${step.infno}`)}</strong> — {m(`result.${step.result}`)} <code>{step.path}</code>
      <p>{step.message}</p>
      <details>
        <summary>{m('sent')}</summary>
        <pre>{step.sent || m('none')}</pre>
      </details>
      <details>
        <summary>{m('received')}</summary>
        <pre>{step.received || m('none')}</pre>
      </details>
    </li>
  )
}

/** Under 设置: which gateway profile the province needs, and a check that the counter really speaks to it. */
export function GatewayPanel({ settings }: { settings: Settings }) {
  const m = useM()
  const storeM = useStoreModeMessages()
  const storeMode = useStoreMode()
  const locale = useLocale()
  const [profileId, setProfileId] = useState(settings.gatewayProfile.profileId)
  const [overrides, setOverrides] = useState(Object.keys(settings.gatewayProfile.overrides).length ? JSON.stringify(settings.gatewayProfile.overrides) : '')
  const [certNo, setCertNo] = useState('')
  const [check, setCheck] = useState<ConnectionCheck>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()

  async function saveProfile() {
    setError(undefined)
    setNotice(undefined)
    let parsed: unknown = {}
    try {
      parsed = overrides.trim() ? JSON.parse(overrides) : {}
    } catch {
      return setError({ code: 'INVALID_INPUT', message: m('overridesInvalid') })
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return setError({ code: 'INVALID_INPUT', message: m('overridesInvalid') })
    try {
      // The core checks the adjustments against the profile schema and answers each wrong field.
      // The credential source has its own panel: kept unless these adjustments name one.
      const credentials = settings.gatewayProfile.overrides.credentials
      await pos.updateSettings({ gatewayProfile: { profileId, overrides: { ...(credentials ? { credentials } : {}), ...(parsed as GatewayOverrides) } } })
      setNotice(m('saved'))
    } catch (e) {
      setError(toShownError(e))
    }
  }

  async function run() {
    setBusy(true)
    setError(undefined)
    setCheck(undefined)
    try {
      setCheck(await pos.checkPlatformConnection({ testCertNo: certNo }))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card form" aria-labelledby="gateway-title">
      <h2 id="gateway-title">{m('title')}</h2>
      {settings.trainingMode && <p className="muted">{m('trainingNote')}</p>}
      <label>
        <span>{m('profile')}</span>
        <select name="gatewayProfile" value={profileId} disabled={storeMode} onChange={(e) => setProfileId(e.target.value)}>
          {SHIPPED_PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {locale === 'en' ? p.nameEn : p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{m('overrides')}</span>
        <textarea
          name="gatewayOverrides"
          rows={2}
          spellCheck={false}
          placeholder={m('overridesHint')}
          value={overrides}
          onChange={(e) => setOverrides(e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="button" disabled={storeMode} title={storeMode ? storeM('gatewayReadOnly') : undefined} onClick={() => void saveProfile()}>
          {m('saveProfile')}
        </button>
      </div>
      <label>
        <span>{m('testCertNo')}</span>
        <input name="testCertNo" autoComplete="off" value={certNo} onChange={(e) => setCertNo(e.target.value)} />
      </label>
      <div className="actions">
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void run()}>
          {busy ? m('running') : m('run')}
        </button>
      </div>
      <OkNotice text={notice} />
      <ErrorNotice error={error} />
      {check && (
        <>
          <p className={check.ok ? 'notice notice-ok' : 'notice notice-warn'}>{check.ok ? m('allRead') : m('notAllRead')}</p>
          <ol className="check-steps">
            {check.steps.map((s) => (
              <Step key={s.infno} step={s} />
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
