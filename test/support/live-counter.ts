import type { Core } from '../../electron/core/core'
import { DEMO } from '../../electron/sandbox'
import type { Settings } from '../../shared/contract'
import { signIn } from './core-session'

/** The live manager a store creates before leaving training mode (the practice users stay training-only). */
export const LIVE_MANAGER = { userId: 'wang01', pin: '135790' }

/** A call's value, or a thrown error naming its code: for set-up steps that must succeed. */
export async function ok<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

/**
 * Takes a fresh core live for the demo pharmacy against a platform at `platformUrl`, as its manager would under
 * 设置: a real manager, the gateway secret, the institution, then training mode off; signed in as that manager.
 */
export async function goLive(core: Core, platformUrl: string, settings: Partial<Settings>): Promise<void> {
  const pharmacy = DEMO.institutions.pharmacy
  await signIn(core, 'manager')
  await ok(core.dispatch('saveUser', { id: LIVE_MANAGER.userId, name: '王店长', role: 'manager', active: true, pin: LIVE_MANAGER.pin }))
  await ok(core.dispatch('setPlatformSecret', { secret: DEMO.secret }))
  await ok(
    core.dispatch('updateSettings', {
      fixmedinsCode: pharmacy.fixmedins_code,
      fixmedinsName: pharmacy.fixmedins_name,
      admdvs: pharmacy.admdvs,
      platformUrl,
      platformPaasid: DEMO.paasid,
      ...settings,
    }),
  )
  await ok(core.dispatch('updateSettings', { trainingMode: false }))
  await ok(core.dispatch('login', LIVE_MANAGER))
}
