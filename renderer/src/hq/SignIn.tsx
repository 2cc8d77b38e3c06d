import { useState, type FormEvent } from 'react'
import { hqUserSchema, type HqUser } from '../../../shared/contract/hq/page'
import { z } from 'zod'
import { hqCall } from './api'
import { HqError } from './HqError'
import { useHqMessages } from './messages'
import { useHqCall } from './use-hq-call'

const signedInSchema = z.object({ user: hqUserSchema })

export function SignIn({ onSignedIn }: { onSignedIn: (user: HqUser) => void }) {
  const m = useHqMessages()
  const [userId, setUserId] = useState('')
  const [password, setPassword] = useState('')
  const { busy, error, run } = useHqCall()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await run(() => hqCall('sign-in', { user_id: userId.trim(), password }, signedInSchema))
    setPassword('')
    if (r) onSignedIn(r.user)
  }
  return (
    <main className="login">
      <form className="card login-card form" onSubmit={(e) => void submit(e)} aria-label={m('signInTitle')}>
        <h2>{m('signInTitle')}</h2>
        <label>
          {m('userId')}
          <input autoFocus autoComplete="username" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </label>
        <label>
          {m('password')}
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <HqError error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || !userId || !password}>
            {m('signIn')}
          </button>
        </div>
      </form>
    </main>
  )
}
