import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core/core'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { ConnectionCheck } from '../../shared/contract'
import { goLive, ok } from '../support/live-counter'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close()
})

const TEST_PERSON = DEMO.people.chenEmployee

/** A live counter whose manager chose a gateway profile under 设置, against a sandbox gateway with these quirks. */
async function liveCounter(quirks: string, profileId: string): Promise<{ core: Core; sandbox: RunningSandbox }> {
  const sandbox = await startSandbox({ seed: 'demo', quirks })
  open.push(sandbox)
  const core = await createCore({ dataDir: tempDir(), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  open.push(core)
  await goLive(core, sandbox.url, { terminalNo: 1, gatewayProfile: { profileId, overrides: {} } })
  return { core, sandbox }
}

describe.each([
  ['national', 'hainan'],
  ['base-infno', 'guangzhou'],
  ['per-service', 'per-service'],
  ['x-ca-gb2312', 'zhejiang'],
])('the connection check with profile %s against a %s gateway', (profileId, quirks) => {
  it('runs 9001, 1101, 1312, 9002 and shows each message and answer, read, with the person masked', async () => {
    const { core } = await liveCounter(quirks, profileId)
    const check = await ok<ConnectionCheck>(core.dispatch('checkPlatformConnection', { testCertNo: TEST_PERSON.certno }))
    expect(check).toMatchObject({ profileId, training: false, ok: true })
    expect(check.steps.map((s) => [s.infno, s.result])).toEqual([
      ['9001', 'read'],
      ['1101', 'read'],
      ['1312', 'read'],
      ['9002', 'read'],
    ])
    const person = check.steps[1]!
    expect(person.sent).toMatch(/"infno": "1101"/)
    expect(person.received).toMatch(/baseinfo/)
    const all = JSON.stringify(check)
    expect(all).not.toContain(TEST_PERSON.certno)
    expect(all).not.toContain(TEST_PERSON.name)
    expect(all).toContain(TEST_PERSON.certno.slice(-4))
  })
})

it('a profile whose signing the gateway does not speak: 9001 refused naming the setting, the rest not sent', async () => {
  const { core, sandbox } = await liveCounter('zhejiang', 'national')
  const check = await ok<ConnectionCheck>(core.dispatch('checkPlatformConnection', { testCertNo: TEST_PERSON.certno }))
  expect(check.ok).toBe(false)
  expect(check.steps.map((s) => s.result)).toEqual(['refused', 'skipped', 'skipped', 'skipped'])
  expect(check.steps[0]!.message).toMatch(/签名方式（x-tif）/)
  expect(check.steps[0]!.sent).toMatch(/"infno": "9001"/)
  expect(sandbox.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 })
})

it('the manager’s override of a shipped profile is what the check and the counter use', async () => {
  // The national profile, with its signing overridden to x-ca and its body to GB2312: a Zhejiang gateway takes it.
  const { core } = await liveCounter('zhejiang', 'national')
  await ok(core.dispatch('updateSettings', { gatewayProfile: { profileId: 'national', overrides: { signing: { scheme: 'x-ca' }, bodyEncoding: 'gb2312' } } }))
  const check = await ok<ConnectionCheck>(core.dispatch('checkPlatformConnection', { testCertNo: TEST_PERSON.certno }))
  expect(check.steps.map((s) => s.result)).toEqual(['read', 'read', 'read', 'read'])
})

it('refuses a profile that is not shipped, and keeps the one in force', async () => {
  const { core } = await liveCounter('none', 'national')
  const res = await core.dispatch('updateSettings', { gatewayProfile: { profileId: 'atlantis', overrides: {} } })
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect((await ok<{ gatewayProfile: { profileId: string } }>(core.dispatch('getSettings', {}))).gatewayProfile.profileId).toBe('national')
})
