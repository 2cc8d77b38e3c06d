import { afterEach, describe, expect, it } from 'vitest'
import { fetchCatalogTerms } from '../../electron/core/catalog/platform-terms'
import { buildTerms, NOT_LISTED } from '../../electron/core/catalog/terms'
import { resolveProfile } from '../../shared/nhsa/profiles'
import { admin, buildRig, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let sandbox: RunningSandbox | undefined
let rig: Rig | undefined
afterEach(async () => {
  rig?.db.close()
  await sandbox?.close()
  rig = sandbox = undefined
})

const row = (code: string, more: Record<string, string> = {}) => ({
  hilist_code: code,
  vali_flag: '1',
  begndate: '2024-01-01',
  enddate: '',
  insu_admdvs: '',
  ...more,
})

describe('the 医保目录 terms merged into a catalog generation', () => {
  it('takes rows in force on the day, the latest class, the largest share paid first and the lowest cap', () => {
    const terms = buildTerms(
      {
        classes: [
          { ...row('A', { begndate: '2023-01-01' }), chrgitm_lv: '01', list_type: '101', lmt_used_flag: '0' },
          { ...row('A', { begndate: '2025-01-01' }), chrgitm_lv: '02', list_type: '101', lmt_used_flag: '0' },
          { ...row('B', { enddate: '2025-12-31' }), chrgitm_lv: '01', list_type: '101', lmt_used_flag: '0' },
          { ...row('C', { vali_flag: '0' }), chrgitm_lv: '01', list_type: '101', lmt_used_flag: '0' },
          { ...row('D'), chrgitm_lv: '2', list_type: '', lmt_used_flag: '' },
        ],
        selfpays: [
          { ...row('A'), selfpay_prop: 0.1, selfpay_prop_psn_type: '310' },
          { ...row('A'), selfpay_prop: 0.2, selfpay_prop_psn_type: '390' },
          { ...row('A', { begndate: '2027-01-01' }), selfpay_prop: 0.5, selfpay_prop_psn_type: '390' },
          { ...row('D'), selfpay_prop: 0.05, selfpay_prop_psn_type: '' },
        ],
        caps: [
          { ...row('A'), hilist_pric_uplmt_amt: 30, hilist_lmtpric_type: '1' },
          { ...row('A'), hilist_pric_uplmt_amt: 25.5, hilist_lmtpric_type: '2' },
          { ...row('A', { vali_flag: '0' }), hilist_pric_uplmt_amt: 1, hilist_lmtpric_type: '3' },
        ],
      },
      '2026-12-05',
    )
    expect(terms.get('A')).toEqual({ chrgitmLv: '02', listType: '101', selfpayPropBp: 2000, priceCapFen: 2550 })
    expect(terms.has('B')).toBe(false) // ended in 2025
    expect(terms.has('C')).toBe(false) // retired
    expect(terms.get('D')).toEqual({ chrgitmLv: '02', listType: null, selfpayPropBp: 500, priceCapFen: null })
    expect(NOT_LISTED).toMatchObject({ chrgitmLv: '03', selfpayPropBp: 10000, priceCapFen: null })
  })

  describe.each([
    ['the default dialect (rows under data, with recordCounts and pages)', 'none', 'national'],
    ['Guangzhou (a bare list per page, no counts)', 'guangzhou', 'base-infno'],
  ])('pages 1312/1318/1319 as the real interface pages: %s', (_name, quirks, profileId) => {
    it('reads every page of 2,500 entries and stops at the last', async () => {
      sandbox = await startSandbox({ seed: 'none', quirks })
      await admin(sandbox, 'POST', 'catalog/generate', { count: 2500, seed: 3 })
      rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId, overrides: {} }), timeoutMs: 5000 })
      const { terms } = await fetchCatalogTerms(rig.platform, new Date())
      const listed = sandbox.db.prepare('SELECT hilist_code, chrgitm_lv, selfpay_prop, pric_uplmt_fen FROM catalog_items').all() as {
        hilist_code: string
        chrgitm_lv: string
        selfpay_prop: string
        pric_uplmt_fen: number | null
      }[]
      expect(terms.size).toBe(2500)
      for (const r of listed.slice(0, 300)) {
        expect(terms.get(r.hilist_code)).toMatchObject({
          chrgitmLv: r.chrgitm_lv,
          selfpayPropBp: r.chrgitm_lv === '03' ? 10000 : Math.round(Number(r.selfpay_prop) * 10000),
          priceCapFen: r.pric_uplmt_fen,
        })
      }
      const pages = (infno: string) => (sandbox!.db.prepare('SELECT count(*) AS n FROM messages WHERE infno = ?').get(infno) as { n: number }).n
      expect([pages('1312'), pages('1318'), pages('1319')]).toEqual([
        3,
        Math.ceil(listed.filter((r) => r.pric_uplmt_fen !== null).length / 1000),
        Math.ceil(listed.filter((r) => r.chrgitm_lv === '02').length / 1000),
      ])
    })
  })
})
