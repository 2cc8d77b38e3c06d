import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCatalogService } from '../../electron/core/catalog'
import { fetchCatalogTerms } from '../../electron/core/catalog/platform-terms'
import { resolveProfile, SHIPPED_PROFILES, type GatewayOverrides } from '../../shared/nhsa/profiles'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { wireDate } from '../../electron/sandbox/time'
import { detailReconcile } from '../../electron/core/manager/detail-recon'
import { clinicBatchNo } from '../../electron/core/clinic/wire'
import { feedetlSn } from '../../electron/core/journal/settlement-wire'
import { registration } from '../support/visit-requests'
import { drained, openTerminal, seeOnline, sellOffline } from '../offline/rig'
import { receiptOf } from '../../electron/core/sale/receipt'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { layoutReceipt, previewLines, receiptSchema } from '../../shared/receipt'

const tempDir = useTempDir()

/**
 * Every shipped profile against a sandbox gateway speaking it, and the answer quirks of real gateways on
 * the national one: the client must read each, settle once, and reverse only what was truly lost.
 */
const MATRIX: [profileId: string, quirks: string, dialect: RegExp][] = [
  ['national', 'none', /^\{"infcode":0,.*"warn_msg":null/],
  ['national', 'hainan', /^\{"infcode":"0",.*"acct_mulaid_pay":""/],
  ['national', 'no-warn', /^\{"infcode":0,(?!.*warn_msg)/],
  ['base-infno', 'guangzhou', /^\{"code":0,"type":"success","message":"成功","data":\{"infcode":"0",/],
  ['per-service', 'per-service', /^\{"infcode":0,(?!.*warn_msg)/],
  ['x-ca-gb2312', 'zhejiang', /^\{"infcode":0,.*"acct_mulaid_pay":""(?!.*warn_msg)/],
]

let sandbox: RunningSandbox | undefined
let rig: Rig | undefined
const closing: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
  rig?.db.close()
  await sandbox?.close()
  rig = sandbox = undefined
})

interface Entry {
  kind: string
  msgid: string
  ref_msgid: string | null
  medfee: number
}

const ledger = async (s: RunningSandbox) => (await admin<{ entries: Entry[] }>(s, 'GET', `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`)).entries
const reversals = (r: Rig) => (r.db.prepare("SELECT count(*) AS n FROM platform_messages WHERE infno = '2601'").get() as { n: number }).n

async function openSale(s: RunningSandbox, r: Rig) {
  const member = await identify(s, r.platform, DEMO.people.chenEmployee.psn_no)
  return r.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '2' }] }, 'C001')
}

/** The money adds up in what was recorded: fund + own account + mutual aid + cash + hospital part = total. */
function identityHolds(r: Rig, saleId: string): void {
  const s = JSON.parse(r.journal.ledger.get(saleId).setlinfo!) as Record<string, number>
  const fen = (k: string) => Math.round((s[k] ?? 0) * 100)
  expect(fen('fund_pay_sumamt') + fen('acct_pay') + fen('acct_mulaid_pay') + fen('psn_cash_pay') + fen('hosp_part_amt')).toBe(fen('medfee_sumamt'))
  expect(fen('medfee_sumamt')).toBe(4000)
}

/**
 * The settled sale's receipt, laid out on both papers: its mutual-aid line is the platform's acct_mulaid_pay (none
 * when nothing was drawn), and it names no relative, since only a provincial extension supplies one.
 */
function receiptAgrees(r: Rig, saleId: string): void {
  const sale = r.journal.ledger.get(saleId)
  const aidPaid = (JSON.parse(sale.setlinfo!) as { acct_mulaid_pay?: number }).acct_mulaid_pay ?? 0
  for (const paper of ['58', '80'] as const) {
    const receipt = receiptSchema.parse(receiptOf(sale, r.journal.ledger.lines(saleId), DEFAULT_SETTINGS, '收银员'))
    const lines = previewLines(layoutReceipt(receipt, { paper }))
    const aid = lines.filter((l) => l.includes('共济账户'))
    if (aidPaid > 0) expect(aid).toEqual([expect.stringMatching(new RegExp(`^\\s*共济账户支付\\s+${aidPaid.toFixed(2).replace('.', '\\.')}$`))])
    else expect(aid).toEqual([])
    expect(lines.join('\n')).not.toMatch(/共济人|共济额度余额/)
  }
}

/** The settlement's answer as it came, stored with its message: proves the gateway spoke the quirk. */
const rawSettlement = (r: Rig, msgid: string) =>
  (r.db.prepare('SELECT raw_answer FROM platform_messages WHERE msgid = ?').get(msgid) as { raw_answer: string }).raw_answer

describe.each(MATRIX)('profile %s against a gateway with quirks %s', (profileId, quirks, dialect) => {
  const start = async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks })
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId, overrides: {} }), timeoutMs: 1500 })
    return { s: sandbox, r: rig }
  }

  it('a pharmacy sale settles once, with no 2601, and a refund undoes it', async () => {
    const { s, r } = await start()
    const sale = await openSale(s, r)
    await r.journal.presettle(sale.id, 'C001')
    await r.journal.settle(sale.id, 'C001')
    expect(r.journal.ledger.get(sale.id).state).toBe('settled')
    expect(rawSettlement(r, r.journal.ledger.get(sale.id).settled_msgid!)).toMatch(dialect)
    identityHolds(r, sale.id)
    receiptAgrees(r, sale.id)
    await r.journal.refund(sale.id, 'C001', 'M001')
    expect(r.journal.ledger.get(sale.id).state).toBe('refunded')
    const entries = await ledger(s)
    expect(entries.map((e) => e.kind)).toEqual(['settlement', 'revoke'])
    expect(reversals(r)).toBe(0)
  })

  it("a mutual-aid sale's receipt: the 共济 line is the platform's acct_mulaid_pay, and no relative is named", async () => {
    const { s, r } = await start()
    // No own account; his daughter's quota pays his part, drawn by the platform itself (the national way).
    const member = await identify(s, r.platform, DEMO.people.wangFather.psn_no)
    const sale = r.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '2' }] }, 'C001')
    await r.journal.presettle(sale.id, 'C001')
    await r.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '50' })
    const [entry] = (await ledger(s)) as (Entry & { acct_mulaid_pay: number })[]
    expect(entry!.acct_mulaid_pay).toBeGreaterThan(0)
    identityHolds(r, sale.id)
    // What the receipt shows is what the platform's own ledger drew, read through the gateway's dialect.
    expect((JSON.parse(r.journal.ledger.get(sale.id).setlinfo!) as { acct_mulaid_pay: number }).acct_mulaid_pay).toBe(entry!.acct_mulaid_pay)
    receiptAgrees(r, sale.id)
    expect(reversals(r)).toBe(0)
  })

  it('a partial return: the sale refunded and the kept line settled anew, once, with no 2601', async () => {
    const { s, r } = await start()
    const member = await identify(s, r.platform, DEMO.people.chenEmployee.psn_no)
    const first = r.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '3' }] }, 'C001')
    await r.journal.presettle(first.id, 'C001')
    await r.journal.settle(first.id, 'C001')
    await r.journal.refund(first.id, 'C001', 'M001')
    // The customer keeps one box: identified again, it is a sale of its own.
    const again = await identify(s, r.platform, DEMO.people.chenEmployee.psn_no)
    const kept = r.journal.ledger.open({ member: again, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
    await r.journal.presettle(kept.id, 'C001')
    await r.journal.settle(kept.id, 'C001')
    expect([r.journal.ledger.get(first.id).state, r.journal.ledger.get(kept.id).state]).toEqual(['refunded', 'settled'])
    const setl = JSON.parse(r.journal.ledger.get(kept.id).setlinfo!) as Record<string, number>
    expect(setl.medfee_sumamt).toBe(20)
    receiptAgrees(r, kept.id)
    expect((await ledger(s)).map((e) => e.kind)).toEqual(['settlement', 'revoke', 'settlement'])
    expect(reversals(r)).toBe(0)
  })

  it("a reconciliation with a difference: the 3202 result file comes down in the profile's style and names each one", async () => {
    const { s, r } = await start()
    const sale = await openSale(s, r)
    await r.journal.presettle(sale.id, 'C001')
    await r.journal.settle(sale.id, 'C001')
    const setl = JSON.parse(r.journal.ledger.get(sale.id).setlinfo!) as Record<string, string & number>
    const fen = (k: string) => Math.round((setl[k] ?? 0) * 100)
    const yuan = (f: number) => (f / 100).toFixed(2)
    const file = [
      // The store says one fen more from the account than the platform took.
      [setl.setl_id, setl.mdtrt_id, setl.psn_no, yuan(fen('medfee_sumamt')), yuan(fen('fund_pay_sumamt')), yuan(fen('acct_pay') + 1), '0'].join('\t'),
      ['ST-ONLY-AT-STORE', 'MD-ONLY-AT-STORE', setl.psn_no, '10.00', '0.00', '10.00', '0'].join('\t'),
    ].join('\n')
    const out = await detailReconcile(r.platform, {
      day: wireDate(s.clock.now()),
      optins: PHARMACY.admdvs,
      file,
      count: 2,
      medicalFen: fen('medfee_sumamt') + 1000,
      fundFen: fen('fund_pay_sumamt'),
      cashFen: fen('psn_cash_pay'),
    })
    expect(out.differences.map((d) => [d.setl_id, d.kind, d.fields])).toEqual([
      [setl.setl_id, 'amount_differs', ['acct_pay']],
      ['ST-ONLY-AT-STORE', 'only_store', []],
    ])
    // The platform's own figures, by 5203, in the gateway's dialect.
    expect(out.differences[0]!.platform).toMatchObject({ medfee_sumamt: 40, acct_pay: fen('acct_pay') / 100 })
    expect(out.detail).toMatchObject({ storeCount: 2, platformCount: 1, differences: 2 })
    expect(reversals(r)).toBe(0)
  })

  it('a clinic visit: 2201, 2203, 2204, 2207 read in the dialect, settled once with no 2601, and refunded by 2208', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks })
    const desk = { institution: DEMO.institutions.clinic, opter: 'D001', opterName: '前台', terminalId: 'T02', terminalNo: 2 }
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId, overrides: {} }), timeoutMs: 1500, desk })
    const r = rig
    const member = await identify(sandbox, r.platform, DEMO.people.chenEmployee.psn_no)
    const visit = r.journal.ledger.openVisit({ member, medType: '11', acctUsed: true }, 'D001')
    const begntime = '2026-11-23 09:00:00'
    const reg = await r.visits.sendVisitMessage(visit.id, '2201', registration(member, visit.id, begntime), 'D001', {
      answered: (out) => r.journal.ledger.updateVisit(visit.id, 'D001', { mdtrtId: out.data.mdtrt_id }),
    })
    const noop = { answered: () => {} }
    await r.visits.sendVisitMessage(
      visit.id,
      '2203',
      {
        mdtrtinfo: { mdtrt_id: reg.data.mdtrt_id, psn_no: member.psnNo, med_type: '11', begntime, dise_codg: 'J06.900', dise_name: '急性上呼吸道感染' },
        diseinfo: [{ diag_type: '1', diag_srt_no: '1', diag_code: 'J06.900', diag_name: '急性上呼吸道感染' }],
      },
      'D001',
      noop,
    )
    const line = {
      storeCode: 'SP00002',
      nationalCode: NIFEDIPINE.nationalCode,
      name: NIFEDIPINE.name,
      qty: '2',
      price: '20.00',
      insured: true,
      class: 'A' as const,
    }
    r.db.transaction(() => r.journal.ledger.setClinicLines(visit.id, 'D001', [{ ...line, seq: 1 }]))()
    await r.visits.sendVisitMessage(
      visit.id,
      '2204',
      {
        feedetail: [
          {
            feedetl_sn: feedetlSn(visit.id, 1),
            mdtrt_id: reg.data.mdtrt_id,
            psn_no: member.psnNo,
            chrg_bchno: clinicBatchNo(visit.id),
            med_list_codg: line.nationalCode,
            medins_list_codg: line.storeCode,
            det_item_fee_sumamt: 40,
            cnt: 2,
            pric: 20,
            fee_ocur_time: '2026-11-23 09:10:00',
          },
        ],
      },
      'D001',
      noop,
    )
    await r.journal.presettle(visit.id, 'D001')
    await r.journal.settle(visit.id, 'D001', { method: 'cash', tendered: '100' })
    expect(r.journal.ledger.get(visit.id).state).toBe('settled')
    expect(rawSettlement(r, r.journal.ledger.get(visit.id).settled_msgid!)).toMatch(dialect)
    identityHolds(r, visit.id)
    receiptAgrees(r, visit.id)
    await r.journal.refund(visit.id, 'D001', 'M001')
    expect(r.journal.ledger.get(visit.id).state).toBe('refunded')
    expect(reversals(r)).toBe(0)
  })

  it('offline forwarding: sales taken while the gateway is down are settled once each when it is back, no 2601', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks })
    const t = openTerminal(tempDir(), sandbox.url, { no: 5, profile: resolveProfile({ profileId, overrides: {} }), probeOnlineMs: 50 })
    closing.push(() => t.close())
    await seeOnline(t, sandbox.url, DEMO.people.chenEmployee.psn_no)
    t.offline.start()
    await admin(sandbox, 'POST', 'faults', { down: true })
    for (let i = 0; i < 3; i++) sellOffline(t, { idCardNo: DEMO.people.chenEmployee.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' })
    await admin(sandbox, 'POST', 'faults', { down: false })
    await drained([t], 30_000)
    const entries = await ledger(sandbox)
    expect(entries.map((e) => e.kind)).toEqual(['settlement', 'settlement', 'settlement'])
    const queued = t.db.prepare('SELECT msgid FROM offline_sales ORDER BY msgid').all() as { msgid: string }[]
    expect(entries.map((e) => e.msgid).sort()).toEqual(queued.map((q) => q.msgid))
  })

  it('a 2102 answer lost after the commit is reversed by 2601, and the retried sale settles once', async () => {
    const { s, r } = await start()
    const sale = await openSale(s, r)
    await r.journal.presettle(sale.id, 'C001')
    await admin(s, 'POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2102'] })
    await expect(r.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SETTLEMENT_REVERSED' })
    await admin(s, 'POST', 'faults', { drop_after_commit_rate: 0 })
    expect(r.journal.ledger.get(sale.id).state).toBe('draft')
    await r.journal.presettle(sale.id, 'C001')
    await r.journal.settle(sale.id, 'C001')
    identityHolds(r, sale.id)
    const entries = await ledger(s)
    const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
    const live = entries.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid))
    expect(reversed.size).toBe(1)
    expect(live.map((e) => e.msgid)).toEqual([r.journal.ledger.get(sale.id).settled_msgid])
    expect(reversals(r)).toBe(1)
  })
})

it('under the store-chosen-relative extension the receipt names the relative the store chose, masked, with the quota left', async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'national', overrides: {} }) })
  const member = await identify(sandbox, rig.platform, DEMO.people.wangFather.psn_no)
  const sale = rig.journal.ledger.open(
    { member, acctUsed: true, mulaidId: 'MA0000000001', mulaidPayer: { payerNameMasked: '王*', relation: 'child' }, lines: [{ ...NIFEDIPINE, qty: '2' }] },
    'C001',
  )
  await rig.journal.presettle(sale.id, 'C001')
  await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '50' })
  const setl = JSON.parse(rig.journal.ledger.get(sale.id).setlinfo!) as { acct_mulaid_pay: number; mulaid_quota_balc: number }
  const receipt = receiptSchema.parse(receiptOf(rig.journal.ledger.get(sale.id), rig.journal.ledger.lines(sale.id), DEFAULT_SETTINGS, '收银员'))
  const text = previewLines(layoutReceipt(receipt, { paper: '80' })).join('\n')
  expect(text).toMatch(new RegExp(`共济账户支付\\s+${setl.acct_mulaid_pay.toFixed(2).replace('.', '\\.')}`))
  expect(text).toMatch(/共济人：王\*（子女）/)
  expect(text).toMatch(new RegExp(`共济额度余额\\s+${setl.mulaid_quota_balc.toFixed(2).replace('.', '\\.')}`))
})

/** The catalog download in every profile, and in the link style the sandbox keeps as an extension. */
const DOWNLOADS: [profileId: string, quirks: string, overrides: GatewayOverrides][] = [
  ...MATRIX.map(([p, q]): [string, string, GatewayOverrides] => [p, q, {}]),
  ['national', 'link-download', { fileDownload: 'link' }],
]

describe.each(DOWNLOADS)('catalog download under profile %s against a gateway with quirks %s', (profileId, quirks, overrides) => {
  it('1301 through 9102, then 1312/1318/1319 paged: class, share and cap land in the imported list', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks })
    const dir = tempDir()
    rig = buildRig(dir, sandbox.url, { profile: resolveProfile({ profileId, overrides }), timeoutMs: 3000 })
    const { output } = await rig.platform.call('1301', { data: { ver: '0' } })
    const got = await rig.platform.downloadFile(output.file_qury_no, output.filename)
    const { terms } = await fetchCatalogTerms(rig.platform, new Date())
    const file = join(dir, got.filename)
    writeFileSync(file, got.content)
    const catalog = createCatalogService(rig.db)
    const summary = await catalog.importNational('1301', file, { terms, expectedRows: output.data_cnt })
    expect(summary.items).toBe(output.data_cnt)
    expect(catalog.nationalEntry('XC09CAX046A001010101937')).toMatchObject({ classLabel: '乙', selfpayProp: '0.10', priceCap: '25.00', rxFlag: true })
    expect(catalog.nationalEntry('XC08CAA086A001010100437')).toMatchObject({ classLabel: '甲', selfpayProp: '0.00', priceCap: null })
    expect(reversals(rig)).toBe(0)
  })
})

it('every shipped profile is in the matrix', () => {
  expect(new Set(MATRIX.map(([p]) => p))).toEqual(new Set(SHIPPED_PROFILES.map((p) => p.id)))
})
