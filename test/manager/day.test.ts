import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toFen, yuan } from '../../shared/money/money'
import { readXlsx } from '../support/xlsx-read'
import { startDay, type DayRig } from './rig'

/** A few thousand by default; MANAGER_DAY_SALES=300 for a quick local run. */
const SALES = Number(process.env.MANAGER_DAY_SALES ?? 2000)
const DAY = '2026-11-20'
const MEMBERS = ['wangFather', 'liRetired', 'zhangHusband', 'liuWife'] as const

// One folder for the whole suite (useTempDir empties it after each test, under the open store).
const dir = mkdtempSync(join(tmpdir(), 'gongji-day-'))
let rig: DayRig
const stats = { sales: 0, cash: 0, refunds: 0, lostAnswers: 0 }

/**
 * One business day of a pharmacy, sold through the counter's contract against the training platform:
 * insured sales from all four demo members (own accounts, relatives' quotas, goods mixed in, cash and
 * mobile), plain cash sales, refunds of both, and a share of settlements and refunds whose answers the
 * platform lost after committing (reversed and sold again, as at a real counter).
 */
beforeAll(async () => {
  rig = await startDay(dir, DAY)
  await rig.faults({ drop_after_commit_rate: 0.03, infnos: ['2102', '2103'], seed: 20261120 })
  const settled: string[] = []
  for (let i = 0; i < SALES; i++) {
    if (i % 4 === 3) {
      const sale = await rig.cash(1 + (i % 3))
      stats.cash++
      if (i % 40 === 3) settled.push(sale.id)
      continue
    }
    const { sale, retries } = await rig.insured(MEMBERS[i % 4], {
      boxes: 1 + (i % 2),
      quota: i % 3 === 0,
      goods: i % 5 === 0,
      mobile: i % 7 === 0,
      rx: i % 11 === 0,
    })
    stats.sales++
    stats.lostAnswers += retries
    if (i % 17 === 0) settled.push(sale.id)
  }
  for (const id of settled) {
    stats.lostAnswers += (await rig.refund(id)).retries
    stats.refunds++
  }
  await rig.faults({})
  await rig.as('manager')
}, 1_200_000)

afterAll(async () => {
  await rig?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe(`a day of ${SALES} sales with refunds and lost answers`, () => {
  it('was really sold that way', () => {
    expect(stats.refunds).toBeGreaterThan(SALES / 25)
    // Lost answers happened and were reversed: the day is not a fair-weather day.
    expect(stats.lostAnswers).toBeGreaterThan(0)
  })

  it('adds up: every figure is the sum of its sales, the identities hold, the platform ledger agrees', async () => {
    const r = await rig.counter.call('managerDay', { day: DAY })
    expect(r.sales.count).toBe(stats.sales + stats.cash)
    expect(r.refunds.count).toBe(stats.refunds)
    expect(r.identityBreaks).toEqual([])
    const sum = (xs: string[]) => xs.reduce((a, b) => a.plus(b), yuan(0)).toFixed(2)
    for (const k of ['total', 'medical', 'fund', 'account', 'mutualAid', 'counter'] as const) {
      expect(sum(r.byInsurance.map((g) => g.net[k]))).toBe(r.net[k])
      expect(sum(r.byCashier.map((g) => g.net[k]))).toBe(r.net[k])
      expect(sum(r.byTerminal.map((g) => g.net[k]))).toBe(r.net[k])
    }
    expect(yuan(r.net.fund).plus(r.net.account).plus(r.net.mutualAid).plus(r.net.counter).toFixed(2)).toBe(r.net.total)
    expect(sum(r.bySource.map((s) => s.net))).toBe(r.net.total)
    expect(r.byInsurance.map((g) => g.key).sort()).toEqual(['310|41', '390|41', 'self'])

    const ledger = await rig.ledger()
    const fen = (k: 'medfee_sumamt' | 'fund_pay_sumamt' | 'acct_pay' | 'acct_mulaid_pay') => ledger.reduce((s, e) => s + toFen(e[k]), 0)
    expect(fen('medfee_sumamt')).toBe(toFen(r.net.medical))
    expect(fen('acct_pay')).toBe(toFen(r.net.account))
    expect(fen('acct_mulaid_pay')).toBe(toFen(r.net.mutualAid))
    expect(ledger.some((e) => e.kind === 'reversal')).toBe(true)

    // Drilling into a figure lists exactly the sales it sums.
    const g = r.byInsurance.find((x) => x.key === '390|41')!
    const drill = await rig.counter.call('managerDrill', { day: DAY, group: 'insurance', key: '390|41', kind: 'sale', limit: 500 })
    expect(drill.total).toBe(g.sales.count)
    const all = [...drill.events]
    for (let off = 500; off < drill.total; off += 500)
      all.push(...(await rig.counter.call('managerDrill', { day: DAY, group: 'insurance', key: '390|41', kind: 'sale', offset: off, limit: 500 })).events)
    expect(sum(all.map((e) => e.total))).toBe(g.sales.total)
  })

  it('reconciles to "agreed" with the platform', async () => {
    const run = await rig.counter.call('reconcileDay', { day: DAY })
    expect(run.status).toBe('agreed')
    expect(run.differences).toEqual([])
    expect(
      run.totals
        .filter((t) => t.count !== 0)
        .map((t) => `${t.insutype}|${t.clrType}`)
        .sort(),
    ).toEqual(['310|41', '390|41'])
    expect(run.totals.every((t) => t.agreed)).toBe(true)
  })

  it("puts the month's clearing statement beside the store's own month, line for line", async () => {
    const st = await rig.counter.call('monthStatement', { month: DAY.slice(0, 7) })
    expect(st.platform).toEqual(st.store)
    for (const l of st.lines.filter((x) => x.store !== null)) expect(l.agrees, l.label).toBe(true)
    expect(st.lines.map((l) => l.key)).toEqual(expect.arrayContaining(['mutualAid', 'mutualAid.cross_province', 'crossProvince']))
    expect(st.days.find((d) => d.day === DAY)!.medical).toBe((await rig.counter.call('managerDay', { day: DAY })).net.medical)
  })

  it('exports the day: the xlsx detail sheet and the CSV both sum to the day', async () => {
    const r = await rig.counter.call('managerDay', { day: DAY })
    const csv = await rig.counter.call('exportReport', { scope: 'day', period: DAY, format: 'csv' })
    const lines = Buffer.from(csv.base64, 'base64')
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines).toHaveLength(1 + r.sales.count + r.refunds.count)
    const header = lines[0].split(',')
    const col = header.indexOf('金额合计')
    expect(
      lines
        .slice(1)
        .reduce((s, l) => s.plus(l.split(',')[col]), yuan(0))
        .toFixed(2),
    ).toBe(r.net.total)
    expect(readFileSync(csv.path)).toEqual(Buffer.from(csv.base64, 'base64'))

    const xlsx = await rig.counter.call('exportReport', { scope: 'day', period: DAY, format: 'xlsx' })
    const sheets = await readXlsx(Buffer.from(xlsx.base64, 'base64'))
    expect(sheets.map((w) => w.name)).toEqual(['汇总', '明细', '对账'])
    const detail = sheets.find((w) => w.name === '明细')!
    // Which counter it came from, by the number its msgids carry (a training counter has none assigned).
    expect(detail.rows.get(2)?.get('A')).toBe('终端 T01 · 收银台号 未设置（报文暂用 01）')
    let fen = 0
    let rows = 0
    for (const row of detail.rows.values()) {
      const v = row.get(String.fromCharCode(65 + col))
      if (typeof v === 'number') {
        fen += toFen(String(v))
        rows++
      }
    }
    expect(rows).toBe(r.sales.count + r.refunds.count)
    expect(fen).toBe(toFen(r.net.total))
    const month = await rig.counter.call('exportReport', { scope: 'month', period: DAY.slice(0, 7), format: 'xlsx' })
    expect(month.fileName).toBe('gongji-month-2026-11-training.xlsx')
  })

  it('closes the day: frozen figures, printable Z report, nothing more to reconcile, audit intact', async () => {
    const before = await rig.counter.call('managerDay', { day: DAY })
    const z = await rig.counter.call('closeDay', { day: DAY })
    expect(z.close.reconStatus).toBe('agreed')
    expect({ ...z.report, closed: null, generatedAt: '' }).toEqual({ ...before, closed: null, generatedAt: '' })
    expect(await rig.counter.refused('closeDay', { day: DAY })).toBe('DAY_ALREADY_CLOSED')
    expect(await rig.counter.refused('reconcileDay', { day: DAY })).toBe('DAY_CLOSED')
    const after = await rig.counter.call('managerDay', { day: DAY })
    expect(after.closed).not.toBeNull()
    // Frozen: asked again later, the day answers the copy taken at the close, not a new computation.
    expect(after.generatedAt).toBe(z.report.generatedAt)
    expect((await rig.counter.call('zReport', { day: DAY })).report.net).toEqual(before.net)
    // The closed row itself cannot be changed.
    expect(() => rig.core.db.prepare("UPDATE day_closes SET report = '{}'").run()).toThrow(/closed day/)
    const audit = await rig.counter.call('verifyAudit', {})
    expect(audit).toMatchObject({ ok: true, reason: null })
    const actions = rig.core.db.prepare("SELECT action FROM audit_log WHERE subject = 'day:" + DAY + "' ORDER BY seq").all()
    expect(actions).toEqual([{ action: 'recon.run' }, { action: 'day.close' }])
  })
})
