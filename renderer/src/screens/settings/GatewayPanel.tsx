import { useState } from 'react'
import type { ConnectionCheck, ConnectionCheckStep, Settings } from '../../../../shared/contract'
import type { GatewayOverrides } from '../../../../shared/nhsa/profiles/schema'
import { SHIPPED_PROFILES } from '../../../../shared/nhsa/profiles/shipped'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useLocale } from '../../i18n'
import { useGatewayMessages as useM } from './gateway-messages'
import { useStoreModeMessages } from './messages'
import { PublishedNotice } from './PublishedNotice'
import { useMasterDataMode, usePublish } from './useStoreMode'

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
  const mode = useMasterDataMode()
  const readOnly = mode === 'read-only'
  const { published, publish } = usePublish()
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
      const gatewayProfile = { profileId, overrides: { ...(credentials ? { credentials } : {}), ...(parsed as GatewayOverrides) } }
      // Store mode: the profile is the store's, published for every counter.
      if (mode === 'publish') await publish({ kind: 'settings', patch: { gatewayProfile } })
      else {
        await pos.updateSettings({ gatewayProfile })
        setNotice(m('saved'))
      }
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
        <select name="gatewayProfile" value={profileId} disabled={readOnly} onChange={(e) => setProfileId(e.target.value)}>
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
        <button type="button" disabled={readOnly} title={readOnly ? storeM('gatewayReadOnly') : undefined} onClick={() => void saveProfile()}>
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
      {mode === 'publish' && (
        <p className="muted" data-testid="master-publish">
          {storeM('gatewayPublish')}
        </p>
      )}
      <OkNotice text={notice} />
      <PublishedNotice published={published} />
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
