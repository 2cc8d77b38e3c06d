import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()

it("keeps the platform's secret sealed: never in the database file in clear, never answered back", async () => {
  const dataDir = tempDir()
  const core = await createCore({ dataDir, shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), log: () => {} })
  await signIn(core, 'cashier')
  expect(await core.dispatch('setPlatformSecret', { secret: 'gateway-secret-4242' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } })
  await signIn(core, 'manager')
  expect(await core.dispatch('setPlatformSecret', { secret: 'gateway-secret-4242' })).toEqual({ ok: true, value: { stored: true, sealedWith: 'file-key' } })
  await core.close()

  expect(readFileSync(join(dataDir, 'gongji.db')).includes('gateway-secret-4242')).toBe(false)
  expect(statSync(join(dataDir, 'secret.key')).mode & 0o077).toBe(0)
  const again = await createCore({ dataDir, shell: 'web', version: '0.0.0' }, { training: trainingPlatform(), log: () => {} })
  const settings = await again.dispatch('getSettings', {})
  expect(JSON.stringify(settings)).not.toContain('gateway-secret')
  await again.close()
})
