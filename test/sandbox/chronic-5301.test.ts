import { describe, expect, it } from 'vitest'
import { readOutput } from '../../shared/nhsa/answer/readers'
import { certificationsInForce } from '../../shared/nhsa/transactions/person'
import { ok, P, refused, sandbox, signedIn } from './helpers'

/**
 * 5301 人员慢特病备案查询 in its real shape: input data{psn_no}; output feedetail rows of opsp_dise_code,
 * opsp_dise_name, begndate, enddate (binzhe12123/Medical SYB/XXCX/MB5301.cs; openhis Output_5301 models the node
 * as one object).
 */
describe('5301 chronic-disease certifications', () => {
  it('the sandbox answers the certified diseases in the real shape, and refuses an unknown person', async () => {
    const s = await sandbox()
    const c = await signedIn(s, 'clinic')
    const out = ok<{ feedetail: unknown[] }>(await c.call('5301', { data: { psn_no: P.wangFather.psn_no } }, { insuplc_admdvs: P.wangFather.insuplc_admdvs }))
    expect(out.feedetail).toEqual([
      { opsp_dise_code: 'I10.x00', opsp_dise_name: '高血压', begndate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), enddate: null },
    ])
    expect(readOutput('5301', out)).toMatchObject({ value: { feedetail: [{ opsp_dise_code: 'I10.x00' }] }, missing: [], oddities: [] })
    refused(await c.call('5301', { data: { psn_no: '99999999999999999999' } }, { insuplc_admdvs: '410100' }), /不存在/)
  })

  it('reads a gateway that sends one object, empty end dates, string rows or no output, and keeps only what is in force', () => {
    const one = readOutput('5301', { feedetail: { opsp_dise_code: 'M01600', opsp_dise_name: '高血压病', begndate: '2024-01-01', enddate: '' } })
    expect(one.value?.feedetail).toEqual([{ opsp_dise_code: 'M01600', opsp_dise_name: '高血压病', begndate: '2024-01-01', enddate: null }])
    const mixed = readOutput('5301', {
      feedetail: [
        { opsp_dise_code: 'M03900', opsp_dise_name: '糖尿病', begndate: '2020-05-01', enddate: '2025-04-30' },
        { opsp_dise_code: '', opsp_dise_name: '无代码' },
        'garbage',
        { opsp_dise_code: 'M01600', opsp_dise_name: '高血压病', begndate: '2024-01-01 00:00:00', enddate: null, memo: 'kept' },
      ],
    })
    expect(mixed.missing).toEqual([])
    expect(mixed.oddities).toEqual(['feedetail 有 1 行无法读取，已忽略', 'feedetail 有 1 行没有病种代码，已忽略'])
    const rows = mixed.value!.feedetail
    expect(certificationsInForce(rows, '2026-12-05').map((r) => r.opsp_dise_code)).toEqual(['M01600'])
    expect(certificationsInForce(rows, '2025-04-30').map((r) => r.opsp_dise_code)).toEqual(['M03900', 'M01600'])
    expect(readOutput('5301', null).value?.feedetail).toEqual([])
    expect(readOutput('5301', '').value?.feedetail).toEqual([])
  })
})
