import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallInput, CallName, CallOutput } from '../../shared/contract'
import { startDay } from '../../test/manager/rig'
import { elapsedMs, type BenchCase } from '../harness'

/** A busy pharmacy's day; BENCH_MANAGER_SALES=500 for a quick look. */
const SALES = Number(process.env.BENCH_MANAGER_SALES ?? 5000)
const DAY = '2026-11-20'
const MEMBERS = ['wangFather', 'liRetired', 'zhangHusband', 'liuWife'] as const

/**
 * Selling the day takes minutes on a loaded machine; BENCH_MANAGER_CACHE=<dir> sells it once into that
 * directory and copies it for each run (the counter and its training platform's databases, closed cleanly),
 * so several runs, and runs of different code on the same day, measure the same sales.
 */
const CACHE = process.env.BENCH_MANAGER_CACHE

async function sellDay(dir: string): Promise<number> {
  const rig = await startDay(dir, DAY)
  try {
    // The day is sold through the counter's contract against the training platform, as in the tests.
    const genStart = process.hrtime.bigint()
    const refunds: string[] = []
    for (let i = 0; i < SALES; i++) {
      const sale = i % 4 === 3 ? await rig.cash() : (await rig.insured(MEMBERS[i % 4], { quota: i % 3 === 0, goods: i % 5 === 0, mobile: i % 7 === 0 })).sale
      if (i % 25 === 0) refunds.push(sale.id)
    }
    for (const id of refunds) await rig.refund(id)
    return elapsedMs(genStart)
  } finally {
    await rig.close()
  }
}

/** Sells the day into dir (or copies the cached one there); answers how long selling took. */
async function soldDay(dir: string): Promise<number> {
  if (!CACHE) return sellDay(dir)
  const cached = join(CACHE, String(SALES))
  const took = join(cached, 'generated-ms')
  if (!existsSync(took)) {
    rmSync(cached, { recursive: true, force: true })
    mkdirSync(cached, { recursive: true })
    const ms = await sellDay(cached)
    writeFileSync(took, String(ms))
  }
  cpSync(cached, dir, { recursive: true, filter: (src) => src !== took })
  return Number(readFileSync(took, 'utf8'))
}

export const cases: BenchCase[] = [
  {
    name: `manager day: reconcile and close ${SALES} sales`,
    issue: 9,
    notes: 'manager',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-manager-'))
      const generatedMs = await soldDay(dir)
      const rig = await startDay(dir, DAY)
      try {
        await rig.as('manager')
        const timed = async <K extends CallName>(name: K, input: CallInput<K>): Promise<{ ms: number; out: CallOutput<K> }> => {
          const t = process.hrtime.bigint()
          const out = await rig.counter.call(name, input)
          return { ms: elapsedMs(t), out }
        }

        const day = await timed('managerDay', { day: DAY })
        const drill = await timed('managerDrill', { day: DAY, group: 'insurance', key: '310|41', limit: 100 })
        const agreed = await timed('reconcileDay', { day: DAY })
        if (agreed.out.status !== 'agreed') throw new Error(`expected agreement, got ${agreed.out.status}`)
        // One damaged row makes 3201 disagree: the detail file (every settlement of the day) goes up and 3202 compares.
        rig.core.db
          .prepare(
            `UPDATE platform_messages SET response = json_set(response, '$.medfee_sumamt', json_extract(response, '$.medfee_sumamt') + 1,
               '$.fund_pay_sumamt', json_extract(response, '$.fund_pay_sumamt') + 1)
             WHERE msgid = (SELECT msgid FROM platform_messages WHERE infno = '2102' AND state = 'answered' LIMIT 1)`,
          )
          .run()
        const detailed = await timed('reconcileDay', { day: DAY })
        if (detailed.out.differences.length !== 1) throw new Error(`expected 1 difference, got ${detailed.out.differences.length}`)
        await rig.counter.call('resolveDifference', { runId: detailed.out.id, seq: 1, action: 'explain', note: '基准测试' })
        const close = await timed('closeDay', { day: DAY })
        const closedDay = await timed('managerDay', { day: DAY })
        const xlsx = await timed('exportReport', { scope: 'day', period: DAY, format: 'xlsx' })
        const csv = await timed('exportReport', { scope: 'day', period: DAY, format: 'csv' })
        const audit = await timed('verifyAudit', {})
        if (!audit.out.ok) throw new Error('audit chain broken')
        const n = `${day.out.sales.count} sales, ${day.out.refunds.count} refunds`
        return [
          {
            metric: 'day generated through the counter',
            value: Math.round(generatedMs / 1000),
            unit: 's',
            note: `${n}; ${(generatedMs / (SALES + SALES / 25)).toFixed(0)} ms a sale, training platform in-process${CACHE ? '; sold once into BENCH_MANAGER_CACHE, copied for this run' : ''}`,
          },
          { metric: 'day at a glance (managerDay)', value: Math.round(day.ms), unit: 'ms', note: n },
          { metric: 'drill-down (100 of one insurance type)', value: Math.round(drill.ms), unit: 'ms', note: `${drill.out.total} behind the figure` },
          {
            metric: 'reconcile, agreed (3201 × 12)',
            value: Math.round(agreed.ms),
            unit: 'ms',
            note: `${agreed.out.totals.length} insurance/clearing types shown`,
          },
          {
            metric: 'reconcile, one difference (3201 + 9101 + 3202)',
            value: Math.round(detailed.ms),
            unit: 'ms',
            note: `detail file of ${detailed.out.detail?.storeCount ?? 0} rows`,
          },
          { metric: 'day close (Z report frozen)', value: Math.round(close.ms), unit: 'ms' },
          { metric: 'closed day read back (frozen)', value: Math.round(closedDay.ms), unit: 'ms' },
          { metric: 'export day xlsx', value: Math.round(xlsx.ms), unit: 'ms', note: `${Math.round(xlsx.out.bytes / 1024)} KiB` },
          { metric: 'export day CSV', value: Math.round(csv.ms), unit: 'ms', note: `${Math.round(csv.out.bytes / 1024)} KiB` },
          { metric: 'audit chain verify', value: Math.round(audit.ms), unit: 'ms', note: `${audit.out.entries} entries` },
        ]
      } finally {
        await rig.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
