import { useState } from 'react'
import type { CredentialSourceCheck, Settings } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { ErrorNotice, OkNotice, toShownError, type ShownError } from '../../components/ErrorNotice'
import { useCredentialSourceMessages } from './messages'

/**
 * Under 设置: who reads the customer's credential (the profile's `credentials` setting), with a test that says
 * in words what happened. Saved as an adjustment of the chosen gateway profile, beside the manager's others.
 */
export function CredentialSourcePanel({ settings }: { settings: Settings }) {
  const m = useCredentialSourceMessages()
  const saved = settings.gatewayProfile.overrides.credentials
  const [via, setVia] = useState<'gateway' | 'plugin'>(saved?.via ?? 'gateway')
  const [url, setUrl] = useState(saved?.via === 'plugin' ? saved.url : '')
  const [check, setCheck] = useState<CredentialSourceCheck>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError>()
  const [notice, setNotice] = useState<string>()
  const source = () => (via === 'plugin' ? { via, url: url.trim() } : { via })

  async function save() {
    setError(undefined)
    setNotice(undefined)
    try {
      const { profileId, overrides } = settings.gatewayProfile
      await pos.updateSettings({ gatewayProfile: { profileId, overrides: { ...overrides, credentials: source() } } })
      setNotice(m('saved'))
    } catch (e) {
      setError(toShownError(e))
    }
  }

  async function test() {
    setBusy(true)
    setError(undefined)
    setCheck(undefined)
    try {
      setCheck(await pos.checkCredentialSource({ source: source() }))
    } catch (e) {
      setError(toShownError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card form" aria-labelledby="credential-source-title">
      <h2 id="credential-source-title">{m('title')}</h2>
      <p className="muted">{m('intro')}</p>
      {settings.trainingMode && <p className="muted">{m('trainingNote')}</p>}
      {(['gateway', 'plugin'] as const).map((v) => (
        <label key={v}>
          <span>{m(v)}</span>
          <input type="radio" name="credentialSource" value={v} checked={via === v} onChange={() => setVia(v)} />
        </label>
      ))}
      {via === 'plugin' && (
        <label>
          <span>{m('url')}</span>
          <input name="credentialPluginUrl" autoComplete="off" placeholder={m('urlHint')} value={url} onChange={(e) => setUrl(e.target.value)} />
        </label>
      )}
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          {m('save')}
        </button>
        <button type="button" name="testCredentialSource" disabled={busy} aria-busy={busy} onClick={() => void test()}>
          {busy ? m('testing') : m('test')}
        </button>
      </div>
      <OkNotice text={notice} />
      <ErrorNotice error={error} />
      {check && (
        <div role="status" className={check.result === 'answered' ? 'notice notice-ok' : 'notice notice-warn'}>
          <p>{check.result === 'answered' ? m(check.via === 'plugin' ? 'answered_plugin' : 'answered_gateway') : m(check.result)}</p>
          {check.detail && <p className="muted">{m('detail', { detail: check.detail })}</p>}
        </div>
      )}
    </section>
  )
}
