import { join } from 'node:path'
import { expect, test } from 'vitest'
import { createCore } from '../../electron/core/core'
import type { RunningTrainingPlatform, TrainingPlatform } from '../../electron/core/platform/training-port'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { CallOutput } from '../../shared/contract'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()

/** The simulator's training platform, with a record of what the core asked of it. */
function observed(platform: TrainingPlatform) {
  const seen = { started: [] as string[], codes: [] as string[], closed: 0 }
  const port: TrainingPlatform = {
    catalog: () => platform.catalog(),
    policies: () => platform.policies(),
    async start(dataDir) {
      seen.started.push(dataDir)
      const running = await platform.start(dataDir)
      const watched: RunningTrainingPlatform = {
        url: running.url,
        paasid: running.paasid,
        secret: running.secret,
        practiceCode(person, now) {
          seen.codes.push(person)
          return running.practiceCode(person, now)
        },
        close: () => {
          seen.closed += 1
          return running.close()
        },
      }
      return watched
    },
  }
  return { port, seen }
}

test('training mode runs on the platform the shell hands in: started in the data directory, asked for practice codes, closed with the core', async () => {
  const dataDir = join(tempDir(), 'data')
  const { port, seen } = observed(trainingPlatform())
  const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: port, log: () => {} })
  try {
    await signIn(core, 'cashier')
    const res = await core.dispatch('trainingMembers', {})
    if (!res.ok) throw new Error(res.error.message)
    const codes = res.value as CallOutput<'trainingMembers'>
    expect(seen.started).toEqual([join(dataDir, 'training-platform')])
    expect(seen.codes).toEqual(codes.map((c) => c.key))
    // A code the port issued is one its platform honours, and the name on screen is masked.
    const wang = codes.find((c) => c.key === 'wangFather')!
    expect(wang.nameMasked).toBe('王*国')
    const member = await core.dispatch('identifyMember', { qrCode: wang.qrCode })
    expect(member.ok).toBe(true)
  } finally {
    await core.close()
  }
  expect(seen.closed).toBe(1)
})

test('the simulator refuses a practice code for someone who is not among its demo people', async () => {
  const running = await trainingPlatform().start(tempDir())
  try {
    expect(() => running.practiceCode('nobody', new Date())).toThrow(/no demo person nobody/)
    expect(running.practiceCode('chenEmployee', new Date()).name).toBe('陈静')
  } finally {
    await running.close()
  }
})
