import { describe, expect, it } from 'vitest'
import { signTifHeaders } from '../../electron/sandbox/http/signature'
import { client, ok, refused, sandbox, signedIn, P } from './helpers'
import { MULAID_QUERY_EXTENSION } from '../../shared/nhsa/transactions/person'

const ledgerCount = async (c: ReturnType<typeof client>) => (await c.admin<{ entries: unknown[] }>('GET', '/sandbox/ledger')).body.entries.length

describe('gateway signature', () => {
  it('answers 401 and touches nothing for a missing, wrong, stale, foreign or replayed signature', async () => {
    const s = await sandbox()
    const c = client(s)
    const body = c.envelope('9001', { signIn: { opter_no: 'T1', mac: 'm', ip: '127.0.0.1' } })
    const now = s.clock.now()
    const good = signTifHeaders('sandbox', 'sandbox-secret', now, 'nonce-1')
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { ...good, 'x-tif-signature': good['x-tif-signature'].replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) },
      signTifHeaders('sandbox', 'wrong-secret', now, 'nonce-2'),
      signTifHeaders('other', 'sandbox-secret', now, 'nonce-3'),
      signTifHeaders('sandbox', 'sandbox-secret', new Date(now.getTime() - 301_000), 'nonce-4'),
    ]
    for (const h of cases) {
      const r = await c.post(body, h)
      expect(r.status).toBe(401)
    }
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 })
    expect((await c.post(body, good)).status).toBe(200)
    const replay = await c.post(c.envelope('9001', { signIn: { opter_no: 'T1', mac: 'm', ip: '127.0.0.1' } }), good)
    expect(replay.status).toBe(401)
  })
})

describe('sign-in', () => {
  it('9001 gives a sign_no that only its institution may use, until 9002', async () => {
    const s = await sandbox()
    const pharmacy = await signedIn(s, 'pharmacy')
    const clinic = client(s, 'clinic')
    const query = { data: { mdtrt_cert_type: '02', mdtrt_cert_no: P.chenEmployee.certno } }
    ok(await pharmacy.call('1101', query))
    refused(await clinic.call('1101', query), /未签到/)
    clinic.signNo = pharmacy.signNo
    refused(await clinic.call('1101', query), /无效或不属于本机构/)
    ok(await pharmacy.call('9002', { signOut: { sign_no: pharmacy.signNo, opter_no: 'T001' } }))
    refused(await pharmacy.call('1101', query), /已签退/)
  })
})

describe('envelope validation', () => {
  it('refuses malformed envelopes with infcode -1 and a field name', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const base = c.envelope('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: P.chenEmployee.certno } })
    const res = await fetch(s.url + '/fsi/api/rsfComIfsService/callService', { method: 'POST', headers: c.headers(), body: '{not json' })
    expect(((await res.json()) as { infcode: number }).infcode).toBe(-1)
    refused((await c.post({ ...base, msgid: 'short' })).body, /msgid/)
    refused((await c.post({ ...base, msgid: 'H41010300057' + base.msgid.slice(12) })).body, /msgid 须以 fixmedins_code 开头/)
    refused((await c.post({ ...base, infno: '1234' })).body, /不支持的交易编号/)
    refused((await c.post({ ...base, inf_time: '2026/01/01' })).body, /inf_time/)
    const { opter: _drop, ...noOpter } = base
    refused((await c.post(noOpter)).body, /opter：缺少必填字段/)
    refused((await c.post(c.envelope('2103', { data: { setl_id: 'x', mdtrt_id: 'y', psn_no: P.chenEmployee.psn_no } }))).body, /insuplc_admdvs/)
  })
})

describe('electronic credential', () => {
  it('decodes a fresh QR once into an ecToken that 1101 accepts; used, unknown and expired codes are refused', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const qr = (await c.admin<{ qrcode: string }>('POST', '/sandbox/credentials', { psn_no: P.wangFather.psn_no })).body.qrcode
    const d = await c.decode(qr)
    if (d.code !== 0 || !d.data) throw new Error(d.message)
    expect(d.data.insuOrg).toBe('410100')
    expect(d.data.idNo).toBe(P.wangFather.certno)
    const again = await c.decode(qr)
    expect(again.code).toBe(2003)
    expect((await c.decode('SBXECnot-a-code')).code).toBe(2001)
    type Info = {
      baseinfo: { psn_no: string }
      insuinfo: { balc: number }[]
      mulaidinfo?: { mulaid_id: string; quota_balc: number; payer_psn_name: string; payer_insuplc_admdvs: string }[]
      idetinfo: { dise_codg: string }[]
    }
    const info = ok<Info>(await c.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: d.data.ecToken } }))
    expect(info.baseinfo.psn_no).toBe(P.wangFather.psn_no)
    expect(info.insuinfo[0].balc).toBe(0)
    // idetinfo is 人员身份 as on real gateways; the certified chronic disease is 5301's (test/sandbox/chronic-5301.test.ts).
    expect(info.idetinfo).toEqual([])
    // The national 1101 names no relative; only the provincial extension's request (exp_content) lists quotas.
    expect(info).not.toHaveProperty('mulaidinfo')
    const extended = ok<Info>(await c.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: d.data.ecToken, exp_content: MULAID_QUERY_EXTENSION } }))
    expect(extended.mulaidinfo).toEqual([
      expect.objectContaining({ mulaid_id: 'MA0000000001', quota_balc: 600, payer_psn_name: '王*', payer_insuplc_admdvs: '320500' }),
    ])
    refused(await c.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: d.data.ecToken, exp_content: '{not json' } }), /exp_content/)
    const late = (await c.admin<{ qrcode: string }>('POST', '/sandbox/credentials', { psn_no: P.wangFather.psn_no })).body.qrcode
    await c.admin('POST', '/sandbox/clock', { now: new Date(s.clock.now().getTime() + 301_000).toISOString() })
    expect((await c.decode(late)).code).toBe(2002)
    // Tokens live 24 hours.
    await c.admin('POST', '/sandbox/clock', { now: new Date(s.clock.now().getTime() + 24 * 3600_000).toISOString() })
    c.signNo = undefined
    await c.signIn()
    refused(await c.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: d.data.ecToken } }), /ecToken/)
  })

  it('1101 by ID card and social security card; 03 needs card_sn; unknown people are refused', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    ok(await c.call('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: P.chenEmployee.certno, card_sn: 'K12345678' } }))
    refused(await c.call('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: P.chenEmployee.certno } }), /card_sn/)
    refused(await c.call('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '110101199001011237' } }), /未查询到/)
    expect(await ledgerCount(c)).toBe(0)
  })
})
