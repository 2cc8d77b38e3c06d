import { useState } from 'react'
import type { Session } from '../../../shared/contract'
import { pos } from '../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../components/ErrorNotice'
import { usePunctuation } from '../i18n/punctuation'
import { useShellMessages } from './messages'

/**
 * Sign-in, and unlocking a locked screen: its own user (id prefilled and fixed), or a manager who signs in
 * over it. Nobody else may, and there is no sign-out from here: the absent cashier's sale stays held.
 */
export function LoginScreen({ session, onSession }: { session: Session; onSession: (s: Session) => void }) {
  const m = useShellMessages()
  const p = usePunctuation()
  const locked = session.locked ? (session.user ?? undefined) : undefined
  const [takeover, setTakeover] = useState(false)
  const [userId, setUserId] = useState(locked ? locked.id : '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<ShownError>()
  const [busy, setBusy] = useState(false)
  const idFixed = Boolean(locked) && !takeover

  function switchMode(toTakeover: boolean) {
    setTakeover(toTakeover)
    setUserId(toTakeover || !locked ? '' : locked.id)
    setPin('')
    setError(undefined)
  }

  async function submit(id = userId, code = pin) {
    setBusy(true)
    setError(undefined)
    try {
      onSession(await pos.login({ userId: id, pin: code }))
    } catch (e) {
      const shown = toShownError(e)
      setError(shown.code === 'SESSION_HELD' && locked ? { code: shown.code, message: m('heldByOther', { name: locked.name }) } : shown)
      setPin('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login">
      <form
        className="card form login-card"
        aria-labelledby="login-title"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <h2 id="login-title">{locked ? m('lockedTitle') : m('loginTitle')}</h2>
        {locked && <p>{takeover ? m('takeoverHint', { name: locked.name }) : m('lockedHint', { name: locked.name })}</p>}
        <label>
          <span>{takeover ? m('managerId') : m('userId')}</span>
          <input
            name="userId"
            value={userId}
            readOnly={idFixed}
            autoFocus={!idFixed}
            autoComplete="username"
            onChange={(e) => setUserId(e.target.value.trim())}
          />
        </label>
        <label>
          <span>{m('pin')}</span>
          <input
            name="pin"
            type="password"
            inputMode="numeric"
            autoFocus={idFixed}
            autoComplete="current-password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || !userId || !pin} aria-busy={busy}>
            {locked ? m('unlock') : m('login')} <kbd>Enter</kbd>
          </button>
          {locked && (
            <button type="button" disabled={busy} onClick={() => switchMode(!takeover)}>
              {takeover ? m('backToUnlock') : m('managerUnlock')}
            </button>
          )}
        </div>
      </form>
      {!locked && session.demoUsers.length > 0 && (
        <section className="card demo-users" aria-labelledby="demo-title">
          <h2 id="demo-title">{m('demoUsers')}</h2>
          <p>{m('demoHint')}</p>
          <ul>
            {session.demoUsers.map((u) => (
              <li key={u.id}>
                <button type="button" disabled={busy} onClick={() => void submit(u.id, u.pin)}>
                  {u.name}
                  {p.paren(m(`role_${u.role}`))}
                  <small>
                    {u.id} / {u.pin}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
