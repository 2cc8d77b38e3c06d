import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCatalogService } from '../../electron/core/catalog'
import { fetchCatalogTerms } from '../../electron/core/catalog/platform-terms'
import { resolveProfile, SHIPPED_PROFILES, type GatewayOverrides } from '../../shared/nhsa/profiles'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'

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
afterEach(async () => {
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
    await r.journal.refund(sale.id, 'C001', 'M001')
    expect(r.journal.ledger.get(sale.id).state).toBe('refunded')
    const entries = await ledger(s)
    expect(entries.map((e) => e.kind)).toEqual(['settlement', 'revoke'])
    expect(reversals(r)).toBe(0)
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
