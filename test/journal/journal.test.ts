import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { wireSource } from '../../electron/core/journal/settlement-wire'
import { settlementInput } from '../../electron/core/sale/wire'

const tempDir = useTempDir()
const father = DEMO.people.wangFather.psn_no
const daughter = DEMO.people.wangDaughter.psn_no
let sandbox: RunningSandbox
let rig: Rig

interface Ledger {
  entries: { kind: string; msgid: string; ref_msgid: string | null; acct_mulaid_pay: number }[]
}
const quotaLeft = async () =>
  (await admin<{ as_payer: { mulaid_id: string; quota_balc: number }[] }>(sandbox, 'GET', `persons/${daughter}`)).as_payer.find(
    (r) => r.mulaid_id === 'MA0000000001',
  )!.quota_balc
const ledger = () => admin<Ledger>(sandbox, 'GET', `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`)

async function openFatherSale(qty = '2') {
  const member = await identify(sandbox, rig.platform, father)
  return rig.journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty }] }, 'C001')
}

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  rig = buildRig(tempDir(), sandbox.url)
})
afterEach(async () => {
  rig.db.close()
  await sandbox.close()
})

describe('sale journal against the sandbox', () => {
  it('settles a sale from the daughter’s quota exactly once (domain example 1)', async () => {
    const sale = await openFatherSale()
    const pre = await rig.journal.presettle(sale.id, 'C001')
    expect(pre.setlinfo).toMatchObject({ medfee_sumamt: 40, fund_pay_sumamt: 0, acct_mulaid_pay: 40, psn_cash_pay: 0 })
    expect(await quotaLeft()).toBe(600)
    const setl = await rig.journal.settle(sale.id, 'C001')
    expect(setl).toMatchObject({ medfee_sumamt: 40, acct_mulaid_pay: 40, mulaid_quota_balc: 560 })
    expect(rig.journal.ledger.get(sale.id)).toMatchObject({ state: 'settled', setl_id: setl.setl_id })
    expect(await quotaLeft()).toBe(560)
    await expect(rig.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SALE_WRONG_STATE' })
    expect((await ledger()).entries.filter((e) => e.kind === 'settlement')).toHaveLength(1)
    expect(rig.audit.verify()).toMatchObject({ ok: true })
  })

  it('commits what must follow an answer (the uploads) in the answer’s own transaction, or neither', async () => {
    rig.db.close()
    const dir = tempDir()
    const marks = (db: Rig['db']) =>
      (db.prepare("SELECT subject, action FROM audit_log WHERE action LIKE 'test.%' ORDER BY seq").all() as { subject: string; action: string }[]).map(
        (r) => r.action,
      )
    // A crash right after the answer's commit: what follows the answer is on disk with it.
    let failNext = false
    rig = buildRig(dir, sandbox.url, {
      hooks: {
        at: (step) => {
          if (step === 'after-store') throw new Error('crash after the commit')
        },
      },
      onAnswered: (saleId, outcome) => {
        if (failNext) throw new Error('could not queue the uploads')
        rig.audit.append({ actor: 'test', action: `test.${outcome}`, subject: saleId })
      },
    })
    const first = await openFatherSale('1')
    await rig.journal.presettle(first.id, 'C001')
    await expect(rig.journal.settle(first.id, 'C001')).rejects.toThrow('crash after the commit')
    expect(rig.journal.ledger.get(first.id).state).toBe('settled')
    expect(marks(rig.db)).toEqual(['test.settled'])
    // What follows the answer fails: the answer is not recorded either; the sale is left for reversal.
    failNext = true
    const second = await openFatherSale('1')
    await rig.journal.presettle(second.id, 'C001')
    await expect(rig.journal.settle(second.id, 'C001')).rejects.toThrow('could not queue the uploads')
    expect(rig.journal.ledger.get(second.id).state).toBe('settling')
    expect(marks(rig.db)).toEqual(['test.settled'])
  })

  it('reverses a settlement whose answer was lost after commit, then settles anew under a new msgid', async () => {
    const sale = await openFatherSale()
    await rig.journal.presettle(sale.id, 'C001')
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2102'] })
    await expect(rig.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SETTLEMENT_REVERSED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
    expect(await quotaLeft()).toBe(600)

    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 0 })
    await rig.journal.presettle(sale.id, 'C001')
    const setl = await rig.journal.settle(sale.id, 'C001')
    expect(await quotaLeft()).toBe(560)
    const entries = (await ledger()).entries
    const settlements = entries.filter((e) => e.kind === 'settlement')
    expect(settlements).toHaveLength(2)
    expect(entries.filter((e) => e.kind === 'reversal')).toHaveLength(1)
    expect(new Set(settlements.map((e) => e.msgid)).size).toBe(2)
    expect(rig.journal.ledger.get(sale.id).setl_id).toBe(setl.setl_id)
  })

  it('leaves a sale open when the platform refuses it, with the platform’s reason', async () => {
    await admin(sandbox, 'PUT', 'mutual-aid/MA0000000001/quota', { amount: 10 })
    const sale = await openFatherSale()
    await rig.journal.presettle(sale.id, 'C001')
    await admin(sandbox, 'POST', 'faults', { error_rate: 1, infnos: ['2102'] })
    await expect(rig.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'PLATFORM_REFUSED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
    expect((await ledger()).entries).toHaveLength(0)
  })

  it('keeps the sale in reversal while 2601 answers are lost, and finishes it on recovery under the same 2601 msgid', async () => {
    const sale = await openFatherSale()
    await rig.journal.presettle(sale.id, 'C001')
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 1, infnos: ['2102', '2601'] })
    await expect(rig.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SETTLEMENT_UNRESOLVED' })
    expect(rig.journal.ledger.get(sale.id).state).toBe('reversing')
    // The platform did reverse; only its answers were lost, so the counter must not settle again yet.
    expect(await quotaLeft()).toBe(600)
    await expect(rig.journal.presettle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SALE_WRONG_STATE' })

    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 0 })
    const recovered = await rig.journal.recover()
    expect(recovered).toEqual([expect.objectContaining({ saleId: sale.id, outcome: 'reversed', state: 'draft' })])
    expect(await quotaLeft()).toBe(600)
    expect((await ledger()).entries.filter((e) => e.kind === 'reversal')).toHaveLength(1)
  })

  it('refunds a settled sale whole with 2103, restoring the quota, with the approver in the audit trail', async () => {
    const sale = await openFatherSale()
    await rig.journal.presettle(sale.id, 'C001')
    await rig.journal.settle(sale.id, 'C001')
    await rig.journal.refund(sale.id, 'C001', 'M001')
    expect(rig.journal.ledger.get(sale.id).state).toBe('refunded')
    expect(await quotaLeft()).toBe(600)
    expect(rig.audit.forSubject(sale.id).map((a) => a.action)).toEqual(
      expect.arrayContaining(['sale.draft', 'sale.presettled', 'sale.settling', 'sale.settled', 'refund.approved', 'sale.refunding', 'sale.refunded']),
    )
  })

  it('never sends ordinary goods to the platform', async () => {
    const member = await identify(sandbox, rig.platform, father)
    const sale = rig.journal.ledger.open(
      {
        member,
        acctUsed: false,
        mulaidId: 'MA0000000001',
        lines: [
          { ...NIFEDIPINE, qty: '1' },
          { storeCode: 'G-9', name: '洗发水', qty: '1', price: '15.00', insured: false },
        ],
      },
      'C001',
    )
    expect(sale).toMatchObject({ medfee_fen: 2000, goods_fen: 1500 })
    const input = settlementInput(sale, wireSource(rig.db, rig.journal.ledger, sale.id))
    expect(input.drugdetail).toHaveLength(1)
    expect(input.data.medfee_sumamt).toBe(20)
  })
})

/** A gateway in front of the real sandbox that lets 2102 commit and then mangles the answer. */
async function manglingProxy(target: string, mangle: (body: string) => { status: number; body: string } | 'hang') {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks).toString()
    const upstream = await fetch(target.replace(/\/$/, '') + req.url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: body || undefined,
    })
    const text = await upstream.text()
    const isSettle = body.includes('"infno":"2102"')
    if (!isSettle) {
      res.writeHead(upstream.status, { 'content-type': 'application/json' })
      return res.end(text)
    }
    const out = mangle(text)
    if (out === 'hang') return
    res.writeHead(out.status, { 'content-type': 'application/json' })
    res.end(out.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  }
}

describe('bad platform answers after a real commit', () => {
  const cases: [string, (body: string) => { status: number; body: string } | 'hang', string][] = [
    ['malformed JSON', () => ({ status: 200, body: '{"infcode":0,' }), 'SETTLEMENT_REVERSED'],
    // infcode 0 without what must be recorded: rejected (never paid), reversed, kept for the manager.
    ['a missing field', (b) => ({ status: 200, body: b.replace('"setlinfo"', '"setlinfx"') }), 'SETTLEMENT_ANSWER_REJECTED'],
    // A numeric string is read (real gateways send them, test/security/answers-*); a word where a number belongs is not.
    ['a wrong type', (b) => ({ status: 200, body: b.replace(/"medfee_sumamt":[\d.]+/, '"medfee_sumamt":"四十"') }), 'SETTLEMENT_ANSWER_REJECTED'],
    ['HTTP 500', () => ({ status: 500, body: 'Internal Server Error' }), 'SETTLEMENT_REVERSED'],
    ['a slow answer past the timeout', () => 'hang', 'SETTLEMENT_REVERSED'],
  ]
  for (const [name, mangle, code] of cases) {
    it(`${name}: a clear error, the platform's settlement reversed, the journal consistent`, async () => {
      const proxy = await manglingProxy(sandbox.url, mangle)
      rig.db.close()
      rig = buildRig(tempDir(), proxy.url, { timeoutMs: 800 })
      try {
        const sale = await openFatherSale()
        await rig.journal.presettle(sale.id, 'C001')
        const err = await rig.journal.settle(sale.id, 'C001').catch((e: unknown) => e)
        expect(err).toMatchObject({ code })
        expect((err as Error).message).toMatch(/冲正/)
        expect(rig.journal.ledger.get(sale.id).state).toBe('draft')
        expect(await quotaLeft()).toBe(600)
        const open = rig.db.prepare("SELECT count(*) AS n FROM platform_messages WHERE state IN ('intent','unknown')").get()
        expect(open).toEqual({ n: 0 })
      } finally {
        await proxy.close()
      }
    })
  }

  it('an infcode -1 answer is a refusal: nothing to reverse', async () => {
    const proxy = await manglingProxy(sandbox.url, () => ({
      status: 200,
      body: JSON.stringify({ infcode: -1, inf_refmsgid: '', refmsg_time: '', respond_time: '', err_msg: '共济额度不足', warn_msg: null, output: null }),
    }))
    rig.db.close()
    rig = buildRig(tempDir(), proxy.url)
    try {
      const sale = await openFatherSale()
      await rig.journal.presettle(sale.id, 'C001')
      await expect(rig.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'PLATFORM_REFUSED', message: '共济额度不足' })
    } finally {
      await proxy.close()
    }
  })
})
