import { useState } from 'react'
import type { Session } from '../../../shared/contract'
import { pos } from '../api/pos'
import { ErrorNotice, toShownError, type ShownError } from '../components/ErrorNotice'
import { useShellMessages } from './messages'

/** Sign-in, and unlocking a locked screen (same user id prefilled and fixed). */
export function LoginScreen({ session, onSession }: { session: Session; onSession: (s: Session) => void }) {
  const m = useShellMessages()
  const locked = session.locked && session.user
  const [userId, setUserId] = useState(locked ? session.user!.id : '')
  const [pin, setPin] = useState('')
  const [error, setError] = useState<ShownError>()
  const [busy, setBusy] = useState(false)

  async function submit(id = userId, code = pin) {
    setBusy(true)
    setError(undefined)
    try {
      onSession(await pos.login({ userId: id, pin: code }))
    } catch (e) {
      setError(toShownError(e))
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
        {locked && <p>{m('lockedHint', { name: session.user!.name })}</p>}
        <label>
          <span>{m('userId')}</span>
          <input name="userId" value={userId} readOnly={Boolean(locked)} autoFocus={!locked} autoComplete="username" onChange={(e) => setUserId(e.target.value.trim())} />
        </label>
        <label>
          <span>{m('pin')}</span>
          <input name="pin" type="password" inputMode="numeric" autoFocus={Boolean(locked)} autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || !userId || !pin} aria-busy={busy}>
            {locked ? m('unlock') : m('login')} <kbd>Enter</kbd>
          </button>
          {locked && (
            <button type="button" onClick={() => void pos.logout({}).then(onSession)}>
              {m('switchUser')}
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
                  {u.name}（{m(`role_${u.role}`)}）<small>{u.id} / {u.pin}</small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
