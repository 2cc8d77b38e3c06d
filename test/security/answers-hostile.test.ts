import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'

/**
 * The hostile platform answers of the security review (P1, M1) and the real gateways' dialect of the
 * interface audit, through a rewriting gateway in front of the real sandbox: the sandbox really settles,
 * the proxy changes what the counter is told.
 */
const tempDir = useTempDir()
const father = DEMO.people.wangFather.psn_no
const WATER = { storeCode: 'G-0001', name: '矿泉水', price: '2.00', insured: false, qty: '1' }
let sandbox: RunningSandbox
let proxy: RewritingProxy
let rig: Rig
/** One sandbox for all: each fresh database is its own terminal, so msgids never meet. */
let terminalNo = 10
const freshRig = () => buildRig(tempDir(), proxy.url, { terminalNo: ++terminalNo })

type Answer = Record<string, unknown> & { output: { setlinfo: Record<string, unknown> } }
const setlinfoOf = (a: Record<string, unknown>) => (a as Answer).output.setlinfo

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  await admin(sandbox, 'PUT', 'mutual-aid/MA0000000001/quota', { amount: 2000 })
  proxy = await startRewritingProxy(sandbox.url)
})
afterAll(async () => {
  await proxy.close()
  await sandbox.close()
})
afterEach(() => {
  proxy.clear()
  proxy.seen.length = 0
  rig.db.close()
})

/** A presettled sale: one insured box (20.00, paid from the daughter's quota) and a bottle of water (2.00, cash). */
async function presettledSale() {
  rig = freshRig()
  const member = await identify(sandbox, rig.platform, father)
  const sale = rig.journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }, WATER] }, 'C001')
  await rig.journal.presettle(sale.id, 'C001')
  return sale
}

/** Settlements the sandbox holds for this counter that were not reversed. */
async function liveSettlements() {
  const { entries } = await admin<{ entries: { kind: string; msgid: string; ref_msgid: string | null }[] }>(
    sandbox,
    'GET',
    `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`,
  )
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
  return entries.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid)).map((e) => e.msgid)
}

const hostile: [string, (s: Record<string, unknown>, sale: { psnNo: string }) => void][] = [
  ['psn_cash_pay -50 (the drawer would pay out 48 more than it took)', (s) => void (s.psn_cash_pay = -50)],
  ['fund_pay_sumamt 9999 on a 20.00 sale', (s) => void (s.fund_pay_sumamt = 9999)],
  ['medfee_sumamt 1.00 (the sale is 20.00)', (s) => void (s.medfee_sumamt = 1)],
  ['psn_cash_pay 500 (the cashier told to collect 402 more)', (s) => void (s.psn_cash_pay = 500)],
  ["another person's psn_no", (s) => void (s.psn_no = DEMO.people.wangDaughter.psn_no)],
  ['setl_id null (later refunded in cash with no 2103)', (s) => void (s.setl_id = null)],
  ['psn_cash_pay 1e308 (overflowed a column after the platform settled)', (s) => void (s.psn_cash_pay = 1e308)],
  ['psn_cash_pay 0.001', (s) => void (s.psn_cash_pay = 0.001)],
]

describe('a settlement answer that does not describe the sale is never recorded as paid', () => {
  for (const [name, rewrite] of hostile) {
    it(`2102 answering ${name}: rejected, reversed by 2601, kept raw for the manager`, async () => {
      const sale = await presettledSale()
      const before = await liveSettlements()
      proxy.rewrite('2102', (a) => (rewrite(setlinfoOf(a), { psnNo: father }), a))
      const err = await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'SETTLEMENT_ANSWER_REJECTED' })
      expect((err as Error).message).toMatch(/冲正/)
      // Held, then open again: no change shown, no payment, no settlement id.
      expect(rig.journal.ledger.get(sale.id)).toMatchObject({ state: 'draft', setl_id: null, cash_due_fen: null, change_fen: null, tendered_fen: null })
      expect(proxy.seen.filter((i) => i === '2601')).toHaveLength(1)
      expect(await liveSettlements()).toEqual(before)
      const [review] = rig.journal.reviews.list()
      expect(review).toMatchObject({ saleId: sale.id, infno: '2102', verdict: 'rejected' })
      expect(review.notes.length).toBeGreaterThan(0)
      const raw = rig.db.prepare("SELECT raw_answer, state FROM platform_messages WHERE sale_id = ? AND infno = '2102'").get(sale.id) as {
        raw_answer: string
        state: string
      }
      expect(raw.state).toBe('reversed')
      expect(JSON.parse(raw.raw_answer)).toEqual(review.raw)
    })
  }

  it('2101 answering psn_cash_pay -50: the pre-settlement is refused, nothing shown as due', async () => {
    rig = freshRig()
    const member = await identify(sandbox, rig.platform, father)
    const sale = rig.journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }, WATER] }, 'C001')
    proxy.rewrite('2101', (a) => ((setlinfoOf(a).psn_cash_pay = -50), a))
    await expect(rig.journal.presettle(sale.id, 'C001')).rejects.toMatchObject({ code: 'PLATFORM_ANSWER_REJECTED' })
    expect(rig.journal.ledger.get(sale.id)).toMatchObject({ state: 'draft', presettle: null })
  })
})

/** The sandbox's answer rewritten into what real gateways send (interface-audit.md §1.2, §2). */
function realDialect(a: Record<string, unknown>) {
  const s = setlinfoOf(a)
  for (const k of ['mulaid_id', 'mulaid_quota_balc', 'insuplc_admdvs', 'mdtrtarea_admvs']) delete s[k]
  // A part the platform did not use comes as "" (Hainan); the essential amounts always as numeric strings.
  const essential = new Set(['medfee_sumamt', 'fund_pay_sumamt', 'psn_cash_pay'])
  for (const [k, v] of Object.entries(s)) if (typeof v === 'number' && k !== 'pool_prop_selfpay') s[k] = v === 0 && !essential.has(k) ? '' : v.toFixed(2)
  s.hosp_part_amt = ''
  delete a.warn_msg
  a.infcode = '0'
  a.cainfo = null
  return a
}

describe("real gateways' answers are read, and a settlement they report is never reversed", () => {
  it('2102 in the real dialect (string infcode, amounts as strings and "", no warn_msg, no mulaid fields): settled, change 98.00, no 2601', async () => {
    const sale = await presettledSale()
    proxy.rewrite('2102', realDialect)
    const setl = await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })
    expect(setl).toMatchObject({ medfee_sumamt: 20, acct_mulaid_pay: 20, psn_cash_pay: 0, fund_pay_sumamt: 0, mulaid_quota_balc: null })
    expect(rig.journal.ledger.get(sale.id)).toMatchObject({ state: 'settled', cash_due_fen: 200, tendered_fen: 10000, change_fen: 9800 })
    expect(proxy.seen).not.toContain('2601')
    expect(await liveSettlements()).toContain(rig.journal.ledger.get(sale.id).settled_msgid)
  })

  it('2102 refused with "infcode":"-1" and no warn_msg: a refusal in the platform\'s words, no 2601, the sale open again', async () => {
    const sale = await presettledSale()
    proxy.rewrite('2102', () => ({ infcode: '-1', inf_refmsgid: '', refmsg_time: '', respond_time: '', err_msg: '参保人个人账户余额不足', output: null }))
    await expect(rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })).rejects.toMatchObject({
      code: 'PLATFORM_REFUSED',
      message: '参保人个人账户余额不足',
    })
    expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
    expect(proxy.seen).not.toContain('2601')
  })

  it('a 2601 answering "" (Guangzhou) resolves the reversal', async () => {
    const sale = await presettledSale()
    proxy.rewrite('2102', (a) => ((setlinfoOf(a).psn_cash_pay = -50), a))
    proxy.rewrite('2601', (a) => ({ infcode: 0, inf_refmsgid: '', refmsg_time: '', respond_time: '', err_msg: '', output: '', cainfo: a.cainfo ?? null }))
    await expect(rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })).rejects.toMatchObject({ code: 'SETTLEMENT_ANSWER_REJECTED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
    expect(rig.db.prepare("SELECT count(*) AS n FROM platform_messages WHERE state IN ('intent', 'unknown')").get()).toEqual({ n: 0 })
  })
})

describe('a refund answer is about the settlement it undoes', () => {
  it("2103 answering another person's psn_no: rejected, the refund reversed, the sale still settled, no cash back", async () => {
    const sale = await presettledSale()
    await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })
    proxy.rewrite('2103', (a) => ((setlinfoOf(a).psn_no = DEMO.people.wangDaughter.psn_no), a))
    await expect(rig.journal.refund(sale.id, 'C001', 'M001')).rejects.toMatchObject({ code: 'REFUND_ANSWER_REJECTED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('settled')
    expect(proxy.seen.filter((i) => i === '2601')).toHaveLength(1)
    expect(rig.journal.reviews.list()[0]).toMatchObject({ infno: '2103', verdict: 'rejected' })
  })

  it('2103 in a real shape (no init_setl_id or refd_setl_flag, string infcode, negative amounts): refunded, no 2601', async () => {
    const sale = await presettledSale()
    await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })
    proxy.rewrite('2103', (a) => {
      const s = setlinfoOf(a)
      delete s.init_setl_id
      delete s.refd_setl_flag
      for (const k of ['medfee_sumamt', 'acct_mulaid_pay', 'psn_part_amt']) s[k] = -(s[k] as number)
      a.infcode = '0'
      delete a.warn_msg
      return a
    })
    await rig.journal.refund(sale.id, 'C001', 'M001')
    expect(rig.journal.ledger.get(sale.id).state).toBe('refunded')
    expect(proxy.seen).not.toContain('2601')
  })
})
