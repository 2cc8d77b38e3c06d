import { afterEach, describe, expect, it } from 'vitest'
import type { VisitMessageHandlers } from '../../electron/core/clinic/visit-journal'
import { clinicBatchNo } from '../../electron/core/clinic/wire'
import { feedetlSn } from '../../electron/core/journal/settlement-wire'
import { yuan } from '../../shared/money/money'
import { admin, DEMO, identify, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { buildClinicRig, CLINIC } from './journal-rig'

const tempDir = useTempDir()
let sandbox: RunningSandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const FATHER = DEMO.people.wangFather
const AMLODIPINE = {
  storeCode: 'SP00002',
  nationalCode: 'XC08CAA083A001010104082',
  name: '苯磺酸氨氯地平片',
  qty: '2',
  price: '20.00',
  insured: true,
  class: 'A' as const,
}

const noop: VisitMessageHandlers<never> = { answered: () => {} }

/** Registers, records the diagnosis and uploads one fee line through the journal, as the front desk does. */
async function visitWithFees(rig: Rig, medType: '11' | '14', mulaidId?: string) {
  const member = await identify(sandbox!, rig.platform, FATHER.psn_no)
  const sale = rig.journal.ledger.openVisit(
    { member, medType, acctUsed: false, mulaidId, mulaidPayer: { payerNameMasked: '王*', relation: 'child' } },
    'demo-desk',
  )
  const reg = await rig.visits.sendVisitMessage(
    sale.id,
    '2201',
    {
      data: {
        psn_no: member.psnNo,
        insutype: member.insutype as '390',
        begntime: '2026-11-23 09:00:00',
        mdtrt_cert_type: '01',
        mdtrt_cert_no: member.certNo,
        ipt_otp_no: `MZ${sale.id.slice(0, 8)}`,
        atddr_no: 'D001',
        dr_name: '张医生',
        dept_code: 'A03',
        dept_name: '内科',
        caty: 'A03',
      },
    },
    'demo-desk',
    { answered: (out) => rig.journal.ledger.updateVisit(sale.id, 'demo-desk', { mdtrtId: out.data.mdtrt_id }) },
  )
  await rig.visits.sendVisitMessage(
    sale.id,
    '2203',
    {
      mdtrtinfo: {
        mdtrt_id: reg.data.mdtrt_id,
        psn_no: member.psnNo,
        med_type: medType,
        begntime: '2026-11-23 09:00:00',
        dise_codg: 'I10.x00',
        dise_name: '原发性高血压',
      },
      diseinfo: [{ diag_type: '1', diag_srt_no: '1', diag_code: 'I10.x00', diag_name: '原发性高血压' }],
    },
    'demo-desk',
    { answered: () => rig.journal.ledger.updateVisit(sale.id, 'demo-desk', { medType }) },
  )
  rig.db.transaction(() => rig.journal.ledger.setClinicLines(sale.id, 'demo-desk', [{ ...AMLODIPINE, seq: 1 }]))()
  const upload = await rig.visits.sendVisitMessage(
    sale.id,
    '2204',
    {
      feedetail: [
        {
          feedetl_sn: feedetlSn(sale.id, 1),
          mdtrt_id: reg.data.mdtrt_id,
          psn_no: member.psnNo,
          chrg_bchno: clinicBatchNo(sale.id),
          med_list_codg: AMLODIPINE.nationalCode,
          medins_list_codg: AMLODIPINE.storeCode,
          det_item_fee_sumamt: 40,
          cnt: 2,
          pric: 20,
          fee_ocur_time: '2026-11-23 09:10:00',
        },
      ],
    },
    'demo-desk',
    noop,
  )
  return { sale, member, mdtrtId: reg.data.mdtrt_id, upload }
}

function platformVisits(s: RunningSandbox, psnNo: string) {
  return s.db.prepare("SELECT COUNT(*) AS n FROM visits WHERE psn_no = ? AND kind = 'outpatient'").get(psnNo) as { n: number }
}

describe('the journal with clinic visits', () => {
  it('settles a chronic-disease visit with 2206/2207 from the journal, the daughter quota paying the rest, and refunds it with 2208', async () => {
    const dir = tempDir()
    sandbox = await startSandbox({ port: 0, seed: 'demo' })
    const rig = buildClinicRig(dir, sandbox.url)
    const { sale, upload } = await visitWithFees(rig, '14', 'MA0000000001')
    expect(upload.result[0]).toMatchObject({ chrgitm_lv: '01', inscp_scp_amt: 40 })

    await rig.journal.presettle(sale.id, 'demo-desk')
    const setl = await rig.journal.settle(sale.id, 'demo-desk', { method: 'cash', tendered: '0' })
    // Resident chronic disease in Zhengzhou: 60 %, no deductible. 40.00 in scope -> fund 24.00, the rest 16.00 from the quota.
    expect(setl).toMatchObject({ medfee_sumamt: 40, fund_pay_sumamt: 24, acct_mulaid_pay: 16, psn_cash_pay: 0, med_type: '14', clr_type: '11' })
    const row = rig.journal.ledger.get(sale.id)
    expect(row).toMatchObject({ state: 'settled', kind: 'clinic', setl_id: setl.setl_id, cash_due_fen: 0 })
    const msgs = rig.db.prepare('SELECT infno, state FROM platform_messages WHERE sale_id = ? ORDER BY created_at').all(sale.id)
    expect(msgs).toEqual([
      { infno: '2201', state: 'answered' },
      { infno: '2203', state: 'answered' },
      { infno: '2204', state: 'answered' },
      { infno: '2207', state: 'answered' },
    ])

    await rig.journal.refund(sale.id, 'demo-desk', 'demo-manager')
    expect(rig.journal.ledger.get(sale.id).state).toBe('refunded')
    const person = await admin<{ as_beneficiary: { mulaid_id: string; quota_balc: number }[] }>(sandbox, 'GET', `persons/${FATHER.psn_no}`)
    expect(person.as_beneficiary.find((q) => q.mulaid_id === 'MA0000000001')!.quota_balc).toBe(600)
    rig.db.close()
  })

  it('a lost answer to 2201 is asked again under the same msgid: one registration on the platform, the visit carries its mdtrt_id', async () => {
    const dir = tempDir()
    sandbox = await startSandbox({ port: 0, seed: 'demo' })
    const rig = buildClinicRig(dir, sandbox.url)
    const before = platformVisits(sandbox, FATHER.psn_no).n
    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 1, down: false, infnos: ['2201'] })
    await expect(visitWithFees(rig, '11')).rejects.toMatchObject({ code: 'VISIT_MESSAGE_UNRESOLVED' })
    const open = rig.visits.openVisitMessages()
    expect(open).toHaveLength(1)
    expect(open[0].infno).toBe('2201')
    expect(rig.db.prepare('SELECT attempts FROM platform_messages WHERE msgid = ?').get(open[0].msgid)).toEqual({ attempts: 4 })

    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 0, down: false })
    let mdtrtId = ''
    await rig.visits.resendVisitMessage(open[0] as (typeof open)[0] & { infno: '2201' }, { answered: (out) => (mdtrtId = out.data.mdtrt_id) }, 1)
    expect(mdtrtId).toMatch(/\S/)
    expect(rig.visits.openVisitMessages()).toHaveLength(0)
    // Five sends in all, one visit: the platform replayed its stored answer.
    expect(platformVisits(sandbox, FATHER.psn_no).n).toBe(before + 1)
    rig.db.close()
  })

  it('a lost answer to 2207 is reversed (2601): nothing charged, the visit open again and settled once on a second try', async () => {
    const dir = tempDir()
    sandbox = await startSandbox({ port: 0, seed: 'demo' })
    const rig = buildClinicRig(dir, sandbox.url)
    const { sale } = await visitWithFees(rig, '11', 'MA0000000001')
    await rig.journal.presettle(sale.id, 'demo-desk')
    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 1, down: false, infnos: ['2207'] })
    await expect(rig.journal.settle(sale.id, 'demo-desk')).rejects.toMatchObject({ code: 'SETTLEMENT_REVERSED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 0, down: false })

    await rig.journal.presettle(sale.id, 'demo-desk')
    const setl = await rig.journal.settle(sale.id, 'demo-desk')
    expect(yuan(String(setl.fund_pay_sumamt)).plus(String(setl.psn_part_amt)).toNumber()).toBe(setl.medfee_sumamt)
    const ledger = await admin<{ entries: { kind: string; medfee_sumamt: number }[] }>(sandbox, 'GET', `ledger?fixmedins_code=${CLINIC.fixmedins_code}`)
    expect(ledger.entries.map((e) => e.kind)).toEqual(['settlement', 'reversal', 'settlement'])
    expect(ledger.entries.reduce((n, e) => n + e.medfee_sumamt, 0)).toBe(40)
    rig.db.close()
  })

  it('start-up recovery of the counter leaves visit messages to the front desk and reverses only money-moving ones', async () => {
    const dir = tempDir()
    sandbox = await startSandbox({ port: 0, seed: 'demo' })
    const rig = buildClinicRig(dir, sandbox.url)
    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 1, down: false, infnos: ['2201'] })
    await expect(visitWithFees(rig, '11')).rejects.toMatchObject({ code: 'VISIT_MESSAGE_UNRESOLVED' })
    sandbox.faults.set({ latency_ms: 0, error_rate: 0, drop_after_commit_rate: 0, down: false })
    expect(await rig.journal.recover(1)).toEqual([])
    expect(rig.visits.openVisitMessages()).toHaveLength(1)
    rig.db.close()
  })
})
