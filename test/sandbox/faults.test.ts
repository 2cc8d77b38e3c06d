import { describe, expect, it } from 'vitest'
import { CODES, P, ok, refused, sale, sandbox, settle, signedIn, view } from './helpers'

describe('faults and reversal (2601)', () => {
  it('an answer dropped after commit: the same msgid returns the committed result; 2601 undoes it', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const before = await view(c, P.wangDaughter.psn_no)
    await c.admin('POST', '/sandbox/faults', { drop_after_commit_rate: 1, infnos: ['2102'], seed: 1 })
    const input = sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 1, pric: 20 }], { mulaid_id: 'MA0000000001' })
    const msgid = c.nextMsgid()
    await expect(settle(c, P.wangFather, input, '2102', msgid)).rejects.toThrow()
    expect((await view(c, P.wangDaughter.psn_no)).acct_balance).toBe(3180)
    await c.admin('POST', '/sandbox/faults', {})
    const replay = ok<{ setlinfo: { medins_setl_id: string; mulaid_quota_balc: number } }>(await settle(c, P.wangFather, input, '2102', msgid))
    expect(replay.setlinfo).toMatchObject({ medins_setl_id: msgid, mulaid_quota_balc: 580 })
    expect((await view(c, P.wangDaughter.psn_no)).acct_balance).toBe(3180)
    const rev = ok<{ data: { rslt: string } }>(
      await c.call('2601', { data: { psn_no: P.wangFather.psn_no, omsgid: msgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }),
    )
    expect(rev.data.rslt).toBe('1')
    expect(await view(c, P.wangDaughter.psn_no)).toEqual(before)
    const twice = ok<{ data: { rslt: string } }>(
      await c.call('2601', { data: { psn_no: P.wangFather.psn_no, omsgid: msgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }),
    )
    expect(twice.data.rslt).toBe('3')
    refused(await settle(c, P.wangFather, input, '2102', msgid), /已被冲正/)
    const kinds = (await c.admin<{ entries: { kind: string; acct_mulaid_pay: number }[] }>('GET', '/sandbox/ledger')).body.entries
    expect(kinds.map((e) => [e.kind, e.acct_mulaid_pay])).toEqual([
      ['settlement', 20],
      ['reversal', -20],
    ])
  })

  it('a 2601 that arrives before its original blocks the late original', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])
    const msgid = c.nextMsgid()
    const rev = ok<{ data: { rslt: string } }>(
      await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: msgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }),
    )
    expect(rev.data.rslt).toBe('2')
    refused(await settle(c, P.chenEmployee, input, '2102', msgid), /已被冲正/)
    expect((await view(c, P.chenEmployee.psn_no)).acct_balance).toBe(860)
    refused(await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: msgid, oinfno: '2101' } }, { insuplc_admdvs: '410100' }), /不可冲正/)
  })

  it('reversing a revoke puts the settlement back; a settlement already revoked cannot be reversed', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const out = ok<{ setlinfo: { setl_id: string; mdtrt_id: string } }>(
      await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 2, pric: 20 }])),
    )
    const settleMsgid = (await c.admin<{ entries: { msgid: string }[] }>('GET', '/sandbox/ledger')).body.entries[0].msgid
    const revokeMsgid = c.nextMsgid()
    ok(
      await c.call(
        '2103',
        { data: { setl_id: out.setlinfo.setl_id, mdtrt_id: out.setlinfo.mdtrt_id, psn_no: P.chenEmployee.psn_no } },
        { insuplc_admdvs: '410100', msgid: revokeMsgid },
      ),
    )
    expect((await view(c, P.chenEmployee.psn_no)).acct_balance).toBe(860)
    refused(await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: settleMsgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }), /已撤销/)
    ok(await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: revokeMsgid, oinfno: '2103' } }, { insuplc_admdvs: '410100' }))
    expect((await view(c, P.chenEmployee.psn_no)).acct_balance).toBe(820)
  })

  it('error_rate refuses before commit; down drops connections; latency delays', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const input = sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }])
    await c.admin('POST', '/sandbox/faults', { error_rate: 1, seed: 7 })
    refused(await settle(c, P.chenEmployee, input), /平台繁忙/)
    expect((await view(c, P.chenEmployee.psn_no)).acct_balance).toBe(860)
    await c.admin('POST', '/sandbox/faults', { down: true })
    await expect(settle(c, P.chenEmployee, input)).rejects.toThrow()
    await expect(c.decode('x')).rejects.toThrow()
    await c.admin('POST', '/sandbox/faults', { latency_ms: 150, infnos: ['1101'] })
    const t0 = Date.now()
    ok(await c.call('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: P.chenEmployee.certno } }))
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    ok(await settle(c, P.chenEmployee, input))
  })
})
