import type { Core } from '../../electron/core/core'
import { DEMO_USERS } from '../../electron/core/session/session-service'

/** Signs a demo user in through the contract, as the login screen does. */
export async function signIn(core: Core, role: 'cashier' | 'receptionist' | 'manager' = 'manager') {
  const user = DEMO_USERS.find((u) => u.role === role)!
  const res = await core.dispatch('login', { userId: user.id, pin: user.pin })
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return user
}
