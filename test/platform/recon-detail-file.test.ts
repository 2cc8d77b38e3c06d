import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readStoreDetailFile, StoreDetailFileError } from '../../shared/recon/detail-differences'
import { StoreSideTotals, type SideItem } from '../../shared/recon/store-side'
import { DETAIL_RECON_COLUMNS } from '../../shared/nhsa/transactions'

/**
 * The 3202 detail file as real gateways take it: headerless, TAB-separated, in DETAIL_RECON_COLUMNS' order
 * (Shenzhen's commented fields, binzhe12123/Medical SYB/YYJGFW/JGDZ3202.cs), as a Windows tool writes it (BOM,
 * CRLF). Values invented.
 */
const FIXTURE = readFileSync(join(__dirname, '../support/fixtures/nhsa/3202-detail-headerless.txt'), 'utf8')

const item = (setlId: string, refund: boolean, medical: number, fund: number, account: number): SideItem => ({
  parts: { medical, fund, account, mutualAid: 0, personCash: medical - fund - account },
  platform: { setlId, mdtrtId: `MD${setlId}`, psnNo: 'P1', insutype: '310', clrType: '41', clrOptins: '410100', refund },
})

describe('the 3202 detail file', () => {
  it('is written headerless: every line a settlement or revoke, read back to the same rows', () => {
    const side = new StoreSideTotals([item('S1', false, 10000, 5400, 3000), item('S2', false, 2000, 0, 2000), item('S1', true, 10000, 5400, 3000)])
    const text = side.detailFile('410100')
    const lines = text.split('\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    expect(lines.every((l) => l.split('\t').length === DETAIL_RECON_COLUMNS.length)).toBe(true)
    expect(lines[0]!.split('\t')[0]).toBe('S1')
    expect(text).not.toContain('setl_id')
    expect(readStoreDetailFile(text).map((r) => [r.setl_id, r.medfee_sumamt, r.acct_pay, r.refd_setl_flag])).toEqual([
      ['S1', 100, 30, '0'],
      ['S1', -100, -30, '1'],
      ['S2', 20, 20, '0'],
    ])
  })

  it('reads a real-shaped file: BOM, CRLF, no header, a revoke as negative amounts with flag 1', () => {
    expect(readStoreDetailFile(FIXTURE)).toEqual([
      {
        setl_id: 'ST410100000001',
        mdtrt_id: 'MD410100000001',
        psn_no: '41000000000000000001',
        medfee_sumamt: 100,
        fund_pay_sumamt: 54,
        acct_pay: 30,
        refd_setl_flag: '0',
      },
      {
        setl_id: 'ST410100000002',
        mdtrt_id: 'MD410100000002',
        psn_no: '41000000000000000002',
        medfee_sumamt: 20,
        fund_pay_sumamt: 0,
        acct_pay: 20,
        refd_setl_flag: '0',
      },
      {
        setl_id: 'ST410100000001',
        mdtrt_id: 'MD410100000001',
        psn_no: '41000000000000000001',
        medfee_sumamt: -100,
        fund_pay_sumamt: -54,
        acct_pay: -30,
        refd_setl_flag: '1',
      },
    ])
  })

  it('still reads a file written with the old header line (uploaded before the upgrade)', () => {
    expect(readStoreDetailFile(DETAIL_RECON_COLUMNS.join('\t') + '\n' + FIXTURE.replace(/^\uFEFF/, ''))).toHaveLength(3)
  })

  it.each([
    ['S1\tM1\tP1\t10.00\t0.00\n', 1, /应有 7 列.*实有 5 列/],
    ['S1\tM1\tP1\t10.00\t0.00\t10.00\t0\nS2\tM2\tP2\t10.001\t0.00\t10.00\t0\n', 2, /第 4 列 medfee_sumamt 应为金额.*「10.001」/],
    ['S1\tM1\tP1\t10.00\t0.00\t10.00\t2\n', 1, /第 7 列 refd_setl_flag 应为 0 或 1/],
    ['\tM1\tP1\t10.00\t0.00\t10.00\t0\n', 1, /setl_id 为空/],
  ])('refuses a bad row, naming its line and column: %j', (text, line, words) => {
    const e = (() => {
      try {
        readStoreDetailFile(text)
      } catch (err) {
        return err
      }
    })()
    expect(e).toBeInstanceOf(StoreDetailFileError)
    expect(e).toMatchObject({ line, message: expect.stringMatching(words) })
    expect((e as Error).message).toMatch(new RegExp(`^明细文件第 ${line} 行`))
  })
})
