import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fromFen, sum, toFen, yuan } from '../../shared/money/money'
import type { Setlinfo } from '../../shared/nhsa'
import type { OfflineSaleRow, QueueRow } from '../../electron/core/offline/queue'
import type { SaleRow } from '../../electron/core/ledger/sale-rows'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { useTempDir } from '../support/temp-dir'
import { admin, drained, ledger, openTerminal, seeOnline, sellOffline, TestClock, type Terminal, type OfflineSaleSpec } from './rig'

const tempDir = useTempDir()
const P = DEMO.people
/** Several thousand sales in CI; `GONGJI_OUTAGE_SALES=10000` for a longer run. */
const PER_TERMINAL = Number(process.env.GONGJI_OUTAGE_SALES ?? 3000) / 3

let sandbox: RunningSandbox
let terminals: Terminal[] = []
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  for (const t of terminals) await t.close()
  terminals = []
  await admin(sandbox.url, 'POST', 'faults', { down: false })
  await admin(sandbox.url, 'POST', 'clock', { now: new Date().toISOString() })
})

async function until(what: string, ok: () => boolean, ms = 15_000) {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

function rows(t: Terminal) {
  return {
    sales: t.db.prepare('SELECT * FROM offline_sales ORDER BY queued_at').all() as OfflineSaleRow[],
    queue: t.db.prepare('SELECT * FROM offline_queue ORDER BY seq').all() as QueueRow[],
    journal: (id: string) => t.db.prepare('SELECT * FROM sales WHERE id = ?').get(id) as SaleRow,
  }
}

/**
 * The checks every run ends with: every queued sale in a final state, each settled sale in the ledger
 * exactly once under the msgid it was queued with, none of the declined ones, the money the same on
 * both sides, and what is due to or from each customer consistent with what they paid.
 */
async function checkAgainstLedger(ts: Terminal[]) {
  const entries = await ledger(sandbox.url)
  const byMsgid = new Map<string, number>()
  for (const e of entries) if (e.kind === 'settlement') byMsgid.set(e.msgid, (byMsgid.get(e.msgid) ?? 0) + 1)
  expect(entries.filter((e) => e.kind === 'reversal')).toHaveLength(0)
  let settled = 0
  let declined = 0
  const ours: { fund: string[]; acct: string[]; mulaid: string[]; cash: string[] } = { fund: [], acct: [], mulaid: [], cash: [] }
  const msgids = new Set<string>()
  for (const t of ts) {
    const r = rows(t)
    for (const q of r.queue) expect(['done', 'declined']).toContain(q.state)
    for (const s of r.sales) {
      msgids.add(s.msgid)
      expect(s.outcome).not.toBeNull()
      const sale = r.journal(s.sale_id)
      if (s.outcome === 'settled') {
        settled += 1
        expect(byMsgid.get(s.msgid)).toBe(1)
        expect(sale.state).toBe('settled')
        expect(sale.settled_msgid).toBe(s.msgid)
        const info = JSON.parse(sale.setlinfo!) as Setlinfo
        ours.fund.push(String(info.fund_pay_sumamt))
        ours.acct.push(String(info.acct_pay))
        ours.mulaid.push(String(info.acct_mulaid_pay))
        ours.cash.push(String(info.psn_cash_pay))
        const share = toFen(yuan(String(info.psn_cash_pay))) + sale.goods_fen
        expect(s.due_fen).toBe(s.paid_fen - share)
        if (s.mode === 'deposit') expect(s.due_fen).toBe(toFen(sum([String(info.fund_pay_sumamt), String(info.acct_pay), String(info.acct_mulaid_pay)])))
        expect(s.resolution).toBe(s.resolved_by ? 'closed' : s.due_fen! > 0 ? 'refund_due' : s.due_fen! < 0 ? 'receivable' : 'closed')
      } else {
        declined += 1
        expect(byMsgid.has(s.msgid)).toBe(false)
        // Declined: the sale stands self-paid at the full price; what was paid offline is what was tendered.
        expect(sale).toMatchObject({ state: 'settled', setl_id: null, cash_due_fen: sale.medfee_fen + sale.goods_fen })
        expect(s.due_fen).toBe(s.paid_fen - (sale.medfee_fen + sale.goods_fen))
        if (!s.resolved_by) expect(sale.change_fen).toBe(s.due_fen)
        expect(s.resolution).toBe(!s.resolved_by && s.mode === 'advance' && s.due_fen! < 0 ? 'receivable' : 'closed')
      }
    }
  }
  const mine = entries.filter((e) => e.kind === 'settlement' && msgids.has(e.msgid))
  expect(mine).toHaveLength(settled)
  const total = (k: 'fund_pay_sumamt' | 'acct_pay' | 'acct_mulaid_pay' | 'psn_cash_pay') => sum(mine.map((e) => String(e[k]))).toFixed(2)
  expect(sum(ours.fund).toFixed(2)).toBe(total('fund_pay_sumamt'))
  expect(sum(ours.acct).toFixed(2)).toBe(total('acct_pay'))
  expect(sum(ours.mulaid).toFixed(2)).toBe(total('acct_mulaid_pay'))
  expect(sum(ours.cash).toFixed(2)).toBe(total('psn_cash_pay'))
  return { settled, declined }
}

describe('a day-long outage, forwarded after reconnection', () => {
  it('queues thousands of sales on three terminals for 24 h, then forwards each exactly once through latency, refusals and lost answers', async () => {
    const clock = new TestClock()
    // A customer seen online this morning whose insurance ends during the outage: their sales must decline.
    const leaving = await admin<{ psn_no: string }>(sandbox.url, 'POST', 'persons', {
      name: '钱多多',
      certno: '410101199001011239',
      insutype: '310',
      psn_type: '1101',
      insuplc_admdvs: '410100',
      acct_balance: 50,
    })
    const people = [P.wangFather, P.liRetired, P.chenEmployee, P.zhangHusband]
    for (let no = 1; no <= 3; no++) {
      const t = openTerminal(tempDir(), sandbox.url, { no, clock })
      terminals.push(t)
      for (const p of people) await seeOnline(t, sandbox.url, p.psn_no)
      await seeOnline(t, sandbox.url, leaving.psn_no)
      t.offline.start()
    }
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    await until('every terminal offline', () => terminals.every((t) => t.offline.connectivity.current === 'offline'))
    await admin(sandbox.url, 'POST', `persons/${leaving.psn_no}/insurance`, { status: 'terminated' })

    const step = (24 * 3_600_000) / PER_TERMINAL
    const specs: ((i: number) => OfflineSaleSpec)[] = [
      (i) => ({
        idCardNo: P.wangFather.certno,
        lines: [{ item: 'amlodipine', qty: 1 + (i % 2) }],
        mode: i % 3 === 0 ? 'advance' : 'deposit',
        mulaidId: 'MA0000000001',
      }),
      (i) => ({
        idCardNo: P.liRetired.certno,
        lines: [
          { item: 'valsartan', qty: 1 },
          { item: 'shampoo', qty: 1 },
        ],
        mode: i % 2 ? 'advance' : 'deposit',
        mulaidId: 'MA0000000002',
      }),
      () => ({ idCardNo: P.chenEmployee.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'advance' }),
      () => ({ idCardNo: P.zhangHusband.certno, lines: [{ item: 'valsartan', qty: 2 }], mode: 'deposit', mulaidId: 'MA0000000004' }),
    ]
    for (let i = 0; i < PER_TERMINAL; i++) {
      clock.advance(step)
      for (const t of terminals) {
        const spec =
          i % 97 === 5
            ? {
                idCardNo: '410101199001011239',
                lines: [{ item: 'amlodipine' as const, qty: 1 }],
                mode: (i % 2 ? 'advance' : 'deposit') as 'advance' | 'deposit',
              }
            : specs[(i + t.no) % specs.length](i)
        sellOffline(t, { ...spec, cashier: `C00${t.no}` })
      }
    }
    for (const t of terminals) expect(t.offline.queue.status().sales).toBe(PER_TERMINAL)
    expect((await ledger(sandbox.url)).filter((e) => e.kind === 'settlement')).toHaveLength(0)

    // A day later for the platform too (its gateway checks the request's timestamp).
    await admin(sandbox.url, 'POST', 'clock', { now: clock.now().toISOString() })
    await admin(sandbox.url, 'POST', 'faults', { down: false, latency_ms: 2, error_rate: 0.05, drop_after_commit_rate: 0.05, seed: 20261123 })
    await drained(terminals, 600_000)
    const { settled, declined } = await checkAgainstLedger(terminals)
    expect(settled + declined).toBe(PER_TERMINAL * 3)
    expect(declined).toBeGreaterThan(0)
    // Each settled sale's upload was made with its settlement (and a declined one's as self-paid): the boxes were
    // never received into lots, so they wait for the manager as holds instead of going with an invented batch.
    for (const t of terminals) {
      const q = rows(t).queue
      const decided = t.db.prepare('SELECT COUNT(*) AS n FROM offline_sales WHERE outcome IS NOT NULL').get() as { n: number }
      const held = t.db.prepare("SELECT COUNT(DISTINCT sale_id) AS n FROM stock_upload_holds WHERE infno = '3505'").get() as { n: number }
      expect(held.n).toBe(decided.n)
      expect(q.filter((m) => m.infno !== '2102')).toEqual([])
    }
  }, 900_000)

  it('keeps forwarding when the platform comes back and goes again, and sends no message twice', async () => {
    const t = openTerminal(tempDir(), sandbox.url, { no: 4 })
    terminals.push(t)
    await seeOnline(t, sandbox.url, P.chenEmployee.psn_no)
    await seeOnline(t, sandbox.url, P.zhouChild.psn_no)
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    t.offline.start()
    for (let i = 0; i < 300; i++) {
      sellOffline(
        t,
        i % 2
          ? { idCardNo: P.chenEmployee.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'deposit' }
          : { idCardNo: P.zhouChild.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'advance', mulaidId: 'MA0000000006' },
      )
    }
    const states: string[] = []
    t.offline.connectivity.onChange((v) => states.push(v.state))
    await admin(sandbox.url, 'POST', 'faults', { down: false, latency_ms: 3, drop_after_commit_rate: 0.1, seed: 7 })
    for (let flap = 0; flap < 4; flap++) {
      await until('online again', () => t.offline.connectivity.current === 'online', 30_000)
      const before = t.offline.queue.status().queued
      await until('forwarding under way', () => t.offline.queue.status().queued <= before - 20, 60_000)
      await admin(sandbox.url, 'POST', 'faults', { down: true })
      await until('offline seen', () => t.offline.connectivity.current === 'offline')
      await new Promise((r) => setTimeout(r, 150))
      await admin(sandbox.url, 'POST', 'faults', { down: false, latency_ms: 3, drop_after_commit_rate: 0.1, seed: 8 + flap })
    }
    await drained([t], 120_000)
    expect(states.filter((s) => s === 'offline').length).toBeGreaterThanOrEqual(4)
    // Lost answers near the end may leave the line "degraded" for a moment; the probe's answers bring it back.
    await until('online at the end', () => t.offline.connectivity.current === 'online', 30_000)
    const { settled } = await checkAgainstLedger([t])
    expect(settled).toBe(300)
  }, 300_000)
})

describe('a quota spent elsewhere while this store was offline', () => {
  it('settles for less quota (the advance becomes a receivable) and declines a sale whose relationship ended', async () => {
    const t = openTerminal(tempDir(), sandbox.url, { no: 5 })
    terminals.push(t)
    const other = openTerminal(tempDir(), sandbox.url, { no: 6, fixmedinsCode: 'P41010500999' })
    terminals.push(other)
    // Earlier tests spent from these quotas: start from known amounts.
    await admin(sandbox.url, 'PUT', 'mutual-aid/MA0000000006/quota', { amount: 200 })
    await admin(sandbox.url, 'PUT', 'mutual-aid/MA0000000003/quota', { amount: 300 })
    await seeOnline(t, sandbox.url, P.liuWife.psn_no)
    const quota = (await seeOnline(t, sandbox.url, P.zhouChild.psn_no)).quotas.find((q) => q.mulaidId === 'MA0000000006')!
    // This store's line is down (its own network), the platform is fine for everyone else.
    const reachable = t.offline.connectivity
    await admin(sandbox.url, 'POST', 'faults', { down: true })
    t.offline.start()
    await until('offline', () => reachable.current === 'offline')
    const advance = sellOffline(t, { idCardNo: P.zhouChild.certno, lines: [{ item: 'amlodipine', qty: 2 }], mode: 'advance', mulaidId: 'MA0000000006' })
    const ended = sellOffline(t, { idCardNo: P.liuWife.certno, lines: [{ item: 'amlodipine', qty: 1 }], mode: 'advance', mulaidId: 'MA0000000003' })
    expect(JSON.parse(advance.estimate).mutualAid).toBe('40.00')
    expect(advance.paid_fen).toBe(0)

    // Meanwhile another store spends the child's whole quota, and the couple end their relationship.
    await t.offline.close()
    await admin(sandbox.url, 'POST', 'faults', { down: false })
    const spend = await seeOnline(other, sandbox.url, P.zhouChild.psn_no)
    const { member } = other.registry.resolve(spend.ref, 'MA0000000006')
    const { SaleJournal } = await import('../../electron/core/journal/sale-journal')
    const { PHARMACY_WIRE } = await import('../../electron/core/sale/wire')
    const { MsgidSequence } = await import('../../electron/core/platform/msgid')
    const { AuditTrail } = await import('../../electron/core/audit/audit-trail')
    const online = new SaleJournal(
      other.db,
      other.clock,
      { platform: other.platform, msgids: new MsgidSequence(other.db, other.clock, 'P41010500999', 6) },
      new AuditTrail(other.db, other.clock),
      { terminalId: 'T06', wires: { pharmacy: PHARMACY_WIRE } },
    )
    const boxes = Number(yuan(quota.remaining).div(20).toFixed(0))
    const big = online.ledger.open(
      {
        member,
        acctUsed: false,
        mulaidId: 'MA0000000006',
        lines: [
          {
            storeCode: 'SP00002',
            nationalCode: 'XC08CAA083A001010104082',
            name: '苯磺酸氨氯地平片',
            qty: String(boxes),
            price: '20.00',
            insured: true,
            class: 'A',
          },
        ],
      },
      'C009',
    )
    await online.presettle(big.id, 'C009')
    const spent = await online.settle(big.id, 'C009')
    expect(spent.mulaid_quota_balc).toBe(0)
    await admin(sandbox.url, 'DELETE', 'mutual-aid/MA0000000003')

    // This store comes back: a fresh start on the same data, as after a restart.
    const back = openTerminal(t.db.name.replace(/gongji\.db$/, ''), sandbox.url, { no: 5 })
    terminals.push(back)
    back.offline.start()
    await drained([back], 30_000)
    const a = back.offline.view(advance.sale_id)
    expect(a).toMatchObject({ state: 'settled', resolution: 'receivable' })
    expect(a.outcome).toMatchObject({ mutualAid: '0.00', personCash: '40.00', due: '-40.00' })
    const d = back.offline.view(ended.sale_id)
    expect(d.state).toBe('declined')
    expect(d.outcome!.declineReason).toContain('已解除')
    expect(d.resolution).toBe('receivable')
    expect(d.outcome!.due).toBe(fromFen(-ended.advanced_fen).toFixed(2))
    // The manager's pending view lists both receivables: the short settlement and the declined advance.
    const pending = back.offline.pendingSource().pending(false)
    expect(pending.receivables.map((r) => [r.saleId, r.amount]).sort()).toEqual(
      [
        [advance.sale_id, '40.00'],
        [ended.sale_id, d.outcome!.due.slice(1)],
      ].sort(),
    )
    expect(pending.queued).toBe(0)
    expect(rows(back).journal(advance.sale_id).change_fen).toBe(-4000)
    expect(rows(back).journal(ended.sale_id)).toMatchObject({ state: 'settled', setl_id: null, change_fen: -ended.advanced_fen })
    // The corrected receipt says what is still owed; once collected, that it was paid, and the journal has the cash.
    expect(d.receipt!.kind).toBe('corrected')
    expect(d.receipt!.lines.join('\n')).toMatch(new RegExp(`尚需补缴\\s+${d.outcome!.due.slice(1).replace('.', '\\.')}`))
    const closed = back.offline.queue.resolve(ended.sale_id, 'collected', 'M001')
    expect(closed).toMatchObject({ resolution: 'closed', resolved_action: 'collected' })
    expect(back.offline.view(ended.sale_id).receipt!.lines.join('\n')).toContain('已补缴')
    expect(rows(back).journal(ended.sale_id).change_fen).toBe(0)
    await checkAgainstLedger([back])
  }, 120_000)
})
