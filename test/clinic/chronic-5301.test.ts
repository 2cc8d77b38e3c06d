import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { startDesk, type Desk } from './desk-rig'

const tempDir = useTempDir()
let desk: Desk | undefined
afterEach(async () => {
  await desk?.core.close()
  desk = undefined
})

describe('chronic-disease certification from 5301, as real gateways give it', () => {
  it('1101 lists identity categories only; 5301 certifies the disease, shown on identifying, and a 14 visit opens on it', async () => {
    desk = await startDesk(tempDir())
    // The gateway speaks as real ones do: no certification rows in 1101's idetinfo.
    await desk.admin('POST', 'quirks', { idetinfoCategoriesOnly: true })
    const member = await desk.patient('wangFather')
    expect(member.certifications).toEqual([{ code: 'I10.x00', name: '高血压' }])
    const v = await desk.call('clinicStartVisit', { memberRef: member.ref, medType: '14', deptCode: 'NK01', doctorCode: 'D410103000102' })
    expect(v).toMatchObject({ stage: 'registered', medType: '14' })
  }, 60_000)

  it('a patient 5301 certifies nothing for is registered as a plain outpatient, never 14', async () => {
    desk = await startDesk(tempDir())
    await desk.admin('POST', 'quirks', { idetinfoCategoriesOnly: true })
    const member = await desk.patient('chenEmployee')
    expect(member.certifications).toEqual([])
    expect(await desk.refused('clinicStartVisit', { memberRef: member.ref, medType: '14', deptCode: 'NK01', doctorCode: 'D410103000102' })).toBe(
      'NO_CERTIFICATION',
    )
  }, 60_000)
})
