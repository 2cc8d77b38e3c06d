import JSZip from 'jszip'
import { NATIONAL_PATH } from '../../shared/nhsa/envelope'
import { describe, expect, it } from 'vitest'
import { wireDate } from '../../electron/sandbox/time'
import { readDetailResultFile } from '../../shared/nhsa/recon-result'
import { DETAIL_RESULT_CODES, DETAIL_RESULT_COLUMNS, type TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, refused, sale, sandbox, settle, signedIn } from './helpers'

type Settled = TransactionOutput<'2102'>

async function day() {
  const s = await sandbox()
  const c = await signedIn(s)
  const a = ok<Settled>(await settle(c, P.wangFather, sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }], { mulaid_id: 'MA0000000001' })))
  const b = ok<Settled>(
    await settle(c, P.liRetired, sale(P.liRetired, [{ code: CODES.irbesartanB, cnt: 1, pric: 100 }], { mulaid_id: 'MA0000000002', rxno: 'R1' })),
  )
  const d = ok<Settled>(await settle(c, P.liuWife, sale(P.liuWife, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }], { acct: false, mulaid_id: 'MA0000000003' })))
  const e = ok<Settled>(await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 3, pric: 20 }])))
  ok(
    await c.call('2103', { data: { setl_id: e.setlinfo.setl_id, mdtrt_id: e.setlinfo.mdtrt_id, psn_no: P.chenEmployee.psn_no } }, { insuplc_admdvs: '410100' }),
  )
  const reversedMsgid = c.nextMsgid()
  ok(await settle(c, P.chenEmployee, sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 1, pric: 20 }]), '2102', reversedMsgid))
  ok(await c.call('2601', { data: { psn_no: P.chenEmployee.psn_no, omsgid: reversedMsgid, oinfno: '2102' } }, { insuplc_admdvs: '410100' }))
  return { s, c, a, b, d, e, today: wireDate(s.clock.now()) }
}

describe('reconciliation 3201 / 3202 / 3203', () => {
  it('3201 agrees with the ledger net of revokes and reversals, and says which totals differ', async () => {
    const { c, today } = await day()
    // Employee (310) pharmacy settlements: li 100 (fund 54, acct 30) + liu 20 (acct 0); chen 60 settled and revoked nets out.
    const base = { insutype: '310', clr_type: '41', setl_optins: '410100', stmt_begndate: today, stmt_enddate: today }
    const agreed = ok<TransactionOutput<'3201'>>(
      await c.call('3201', { data: { ...base, medfee_sumamt: 120, fund_pay_sumamt: 54, acct_pay: 30, fixmedins_setl_cnt: 2 } }),
    )
    expect(agreed.stmtinfo.stmt_rslt).toBe('0')
    const off = ok<TransactionOutput<'3201'>>(
      await c.call('3201', { data: { ...base, medfee_sumamt: 180, fund_pay_sumamt: 54, acct_pay: 30, fixmedins_setl_cnt: 3 } }),
    )
    expect(off.stmtinfo.stmt_rslt).toBe('1')
    expect(off.stmtinfo.stmt_rslt_dscr).toMatch(/medfee_sumamt 机构 180.00 \/ 平台 120.00/)
    expect(off.stmtinfo.stmt_rslt_dscr).toMatch(/fixmedins_setl_cnt 机构 3 \/ 平台 2/)
    refused(
      await c.call('3201', { data: { ...base, stmt_begndate: '2026-13-01', medfee_sumamt: 0, fund_pay_sumamt: 0, acct_pay: 0, fixmedins_setl_cnt: 0 } }),
      /stmt_begndate/,
    )
  })

  it("3202 answers a result file (9102) in the real column order listing every difference, and 5203 tells the platform's figures", async () => {
    const { c, a, b, d, e, today } = await day()
    const row = (o: Settled, medfee: number, fund: number, acct: number, flag = '0') =>
      [o.setlinfo.setl_id, o.setlinfo.mdtrt_id, o.setlinfo.psn_no, medfee, fund, acct, flag].join('\t')
    // Headerless, as real gateways take it.
    const file = [
      row(a, 40, 0, 0),
      row(b, 100, 54, 29.99),
      row(e, 60, 0, 60),
      ['ST-NOT-AT-PLATFORM', 'MD-X', P.chenEmployee.psn_no, 20, 0, 20, '0'].join('\t'),
    ].join('\n')
    const up = ok<TransactionOutput<'9101'>>(await c.call('9101', { fsUploadIn: { filename: 'detail.txt', in: Buffer.from(file).toString('base64') } }))
    const period = { setl_optins: '410100', stmt_begndate: today, stmt_enddate: today }
    const r = ok<TransactionOutput<'3202'>>(
      await c.call('3202', {
        data: { ...period, file_qury_no: up.file_qury_no, medfee_sumamt: 220, fund_pay_sumamt: 54, cash_payamt: 0, fixmedins_setl_cnt: 4 },
      }),
    )
    expect(Object.keys(r)).toEqual(['fileinfo'])
    expect(r.fileinfo).toEqual({
      file_qury_no: expect.any(String),
      filename: expect.stringMatching(/\.txt$/),
      dld_endtime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    })
    // 9102 answers the ZIP itself, one text file inside, as real gateways do.
    const body = JSON.stringify(c.envelope('9102', { fsDownloadIn: { file_qury_no: r.fileinfo.file_qury_no, filename: r.fileinfo.filename } }))
    const res = await fetch(c.options.url + NATIONAL_PATH, { method: 'POST', headers: c.headers(), body })
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()), { checkCRC32: true })
    const text = await Object.values(zip.files)[0]!.async('string')
    // Headerless, TAB-separated: psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo.
    expect(text.split('\n')[0]!.split('\t')).toHaveLength(DETAIL_RESULT_COLUMNS.length)
    const rows = readDetailResultFile(text)
    const byId = Object.fromEntries(rows.map((x) => [x.setl_id, x]))
    expect(byId[b.setlinfo.setl_id!]).toMatchObject({
      stmt_rslt: DETAIL_RESULT_CODES.differs,
      memo: expect.stringContaining('acct_pay'),
      psn_no: P.liRetired.psn_no,
    })
    expect(byId['ST-NOT-AT-PLATFORM']).toMatchObject({ stmt_rslt: DETAIL_RESULT_CODES.onlyStore, msgid: '' })
    expect(byId[d.setlinfo.setl_id!]).toMatchObject({ stmt_rslt: DETAIL_RESULT_CODES.onlyPlatform, msgid: expect.stringMatching(/^\w{26,30}$/) })
    // The revoke of chen's sale is a platform row of its own (refd_setl_flag 1).
    const revoke = rows.find((x) => x.refd_setl_flag === '1')!
    expect(revoke.stmt_rslt).toBe(DETAIL_RESULT_CODES.onlyPlatform)
    expect(rows).toHaveLength(4)
    const figures = ok<TransactionOutput<'5203'>>(
      await c.call('5203', { data: { psn_no: revoke.psn_no, setl_id: revoke.setl_id, mdtrt_id: revoke.mdtrt_id } }, { insuplc_admdvs: '410100' }),
    )
    expect(figures.setlinfo).toMatchObject({ medfee_sumamt: -60, acct_pay: -60, refd_setl_flag: '1', hosp_part_amt: 0 })
    refused(await c.call('5203', { data: { psn_no: revoke.psn_no, setl_id: 'ST-NOWHERE', mdtrt_id: revoke.mdtrt_id } }, { insuplc_admdvs: '410100' }), /不存在/)
    const bad = ok<TransactionOutput<'9101'>>(
      await c.call('9101', { fsUploadIn: { filename: 'x.txt', in: Buffer.from('not a detail row\n').toString('base64') } }),
    )
    refused(
      await c.call('3202', {
        data: { ...period, file_qury_no: bad.file_qury_no, medfee_sumamt: 0, fund_pay_sumamt: 0, cash_payamt: 0, fixmedins_setl_cnt: 0 },
      }),
      /明细文件第 1 行：应有 7 列/,
    )
    refused(
      await c.call('3202', { data: { ...period, file_qury_no: up.file_qury_no, medfee_sumamt: 0, fund_pay_sumamt: 0, fixmedins_setl_cnt: 0 } }),
      /cash_payamt/,
    )
  })

  it('the result file reader: real column order, CRLF and BOM, agreed rows left out, a bad line named', () => {
    const text = '\uFEFFP1\tM1\tS1\tMSG1\t101\t0\t中心有，医药机构无\r\nP2\tM2\tS2\tMSG2\t0\t0\t\r\nP3\tM3\tS3\t\t103\t1\r\n\r\n'
    expect(readDetailResultFile(text)).toEqual([
      { psn_no: 'P1', mdtrt_id: 'M1', setl_id: 'S1', msgid: 'MSG1', stmt_rslt: '101', refd_setl_flag: '0', memo: '中心有，医药机构无' },
      { psn_no: 'P3', mdtrt_id: 'M3', setl_id: 'S3', msgid: '', stmt_rslt: '103', refd_setl_flag: '1', memo: '' },
    ])
    expect(() => readDetailResultFile('P1\tM1\tS1\n')).toThrow(/第 1 行：应有 7 列/)
    expect(() => readDetailResultFile('P1\tM1\tS1\tX\t101\t0\tok\nP1\tM1\t\tX\t101\t0\tok\n')).toThrow(/第 2 行：setl_id 为空/)
    expect(() => readDetailResultFile('P1\tM1\tS1\tX\t101\t2\tok\n')).toThrow(/refd_setl_flag/)
  })

  it('3203 clears the month with mutual aid split by where the payer is insured', async () => {
    const { c, today } = await day()
    const r = ok<TransactionOutput<'3203'>>(
      await c.call('3203', { data: { clr_type: '41', clr_way: '1', begndate: today.slice(0, 8) + '01', enddate: today } }),
    )
    expect(r.clrinfo.totals).toMatchObject({ setl_cnt: 3, medfee_sumamt: 160, fund_pay_sumamt: 54, acct_pay: 30, acct_mulaid_pay: 76, psn_cash_pay: 0 })
    expect(r.clrinfo.mulaid).toEqual({
      same_region: { cnt: 1, amount: 20 },
      cross_region_in_province: { cnt: 0, amount: 0 },
      cross_province: { cnt: 2, amount: 56 },
    })
  })
})
