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
    findings: `
**Where the time went (issue 20, profiled with \`node --cpu-prof\` and EXPLAIN QUERY PLAN on one 5,000-sale day).**
Every figure (day at a glance, reconciliation, close, exports) starts from \`DayEvents.items\`, one read of the
day's sales. That read joined each answered 2102/2103 to \`SELECT s.*\` of its sale: a sales row is ~2 KB (its
2101 and 2102 answers kept whole), so each item cost a table page and two long strings: 140-300 ms of the
read were SQLite and string copies, while the platform messages alone read in 13-18 ms. The counter-only
sales were found by walking every settled sale (\`sales_state_updated (state=?)\`, 30-40 ms). In JS, each
amount went through decimal.js twice (toFen on the way in, yuanText out), each settlement time through
\`new Date(string)\`, and \`Tally.add\` summed by a key variable; the exports read the day a second time.

**What changed it.** Migration 0130: \`sales_day_view\`, a covering index of the columns a day's item shows
(the join now reads \`USING COVERING INDEX\`), and \`sales_counter_day\` for the counter-only sales by day
(test/manager/day-read.test.ts checks both plans); the reads select those columns only. Amounts: toFen
remembered per read (a day's amounts repeat), yuanText by integer arithmetic (same text as decimal.js,
tested), times field by field, Tally.add field by field. The exports use the remembered items (the same
audit-head check as the drill-down); reconciliation and the close still read afresh. exceljs is loaded on
the first xlsx export, not at start (~25 MB resident).

**Figures, same cached day, same session** (\`BENCH_MANAGER_CACHE\`; the machine shared with other
engineers' jobs, load 7-18 on 2 cores). "audit chain verify" (code unchanged) is the load gauge. main's code
(44d1019) → this branch:

| | main 1 (after selling in-process) | main 2 | main 3 | perf 1 | perf 2 | main 4 (loaded) | perf 3, 4 (loaded) | target |
|---|---|---|---|---|---|---|---|---|
| day at a glance | 1443 ms | 492 ms | 476 ms | 164 ms | 131 ms | 845 ms | 393, 494 ms | < 200 ms |
| drill-down, 100 rows | 120 ms | 12 ms | 10 ms | 16 ms | 10 ms | 44 ms | 45, 10 ms | < 100 ms |
| reconcile, agreed | 1780 ms | 569 ms | 682 ms | 350 ms | 429 ms | 1010 ms | 863, 632 ms | < 500 ms |
| reconcile, one difference | 1862 ms | 881 ms | 789 ms | 663 ms | 523 ms | 1496 ms | 1386, 1375 ms | |
| day close | 451 ms | 625 ms | 516 ms | 178 ms | 282 ms | 878 ms | 546, 337 ms | < 500 ms |
| export xlsx | 3485 ms | 2504 ms | 2080 ms | 2561 ms | 2400 ms | 3929 ms | 7551, 4311 ms | < 2 s |
| export CSV | 453 ms | 340 ms | 418 ms | 69 ms | 61 ms | 639 ms | 162, 133 ms | < 300 ms |
| audit chain verify (gauge) | 200 ms | 166 ms | 185 ms | 203 ms | 181 ms | 272 ms | 564, 394 ms | |

The issue's own figures (2026-11-23, main, selling in the same process, loaded): day at a glance 1012 ms,
drill-down 1646 ms, reconcile agreed 1382 ms, day close 1953 ms, xlsx 5084 ms, CSV 610 ms.

On a quieter machine the day at a glance, drill-down, reconciliation (agreed), close and CSV meet their
targets; under the heavier load they do not, but stay 1.5-4x below main's in the same window.

**xlsx, this session (issue 20).** exceljs had already given way to SpreadsheetML parts zipped by jszip.
A profile of the writer on a 5,300-row day: jszip deflated the ~3.5 MB of XML in JavaScript (300-800 ms on
the loaded machine), the rest was building the XML (each text cell through five regex replaces, each
cell's column letters computed again). Now \`zip-writer.ts\` writes the ZIP with Node's native zlib
(deflateRawSync, crc32: 60-80 ms for the same XML), text without characters to escape is written as it
is, and column letters are computed once per sheet: the writer alone 800-1,000 ms → 150-250 ms on the same
rows (the same load). The whole export of the same cached 5,000-sale day, load ~20 on 2 cores: 3,277 ms
with jszip (audit verify, the gauge, 638 ms) → 1,294 ms (gauge 715 ms); the other figures of that run are
in the table above, at that load. Reconciliation's remaining time is the twelve 3201 round trips, each journaled
durably (synchronous=FULL, a msgid flush every second message) on both sides.
`,
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
