import fc from 'fast-check'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import { DayEvents } from '../../electron/core/manager/day-events'
import { itemKey } from '../../electron/core/manager/supplementary-z'
import { trainingPlatform } from '../../electron/sandbox/training'
import { toFen, yuan } from '../../shared/money/money'
import { signIn } from '../support/core-session'
import { admin } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { Counter } from '../sale/counter-rig'
import { MANAGER_APPROVAL, SHAMPOO } from './rig'

const tempDir = useTempDir('gongji-suppz-')
let counter: Counter | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
})

/** A training counter whose clock (and its sandbox's) a test moves to any day; time then runs on from there. */
async function startCounter(dir: string) {
  let offset = new Date('2026-10-01T09:00:00+08:00').getTime() - Date.now()
  const clock = { now: () => new Date(Date.now() + offset) }
  const core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), clock, log: () => {} })
  const c = new Counter(core)
  await c.ready()
  const url = await c.sandboxUrl()
  await signIn(core, 'manager')
  const move = async (to: number) => {
    offset = to - Date.now()
    await admin({ url }, 'POST', 'clock', { now: clock.now().toISOString() })
    // A day later the idle lock has long struck: the same manager signs in again.
    await signIn(core, 'manager')
  }
  return { c, move }
}

async function cashSale(c: Counter, qty = 1) {
  const opened = await c.call('openSale', { lines: [{ storeCode: SHAMPOO, qty: String(qty) }], acctUsed: false })
  return c.call('settleSale', { saleId: opened.id, payment: { method: 'cash', tendered: '100' } })
}

async function closeDay(c: Counter, day: string) {
  await c.call('reconcileDay', { day })
  return c.call('closeDay', { day })
}

describe('B2: a sale after the day close', () => {
  it('is in no Z today; now the counter says the day is closed and the sale goes to a supplementary Z, the Z staying as closed', async () => {
    const { c, move } = await startCounter(tempDir())
    counter = c
    const day = '2026-10-01'
    await move(new Date(`${day}T09:00:00+08:00`).getTime())
    await cashSale(c)
    await cashSale(c)
    expect(await c.call('counterDayStatus', {})).toMatchObject({ day, closed: false, late: 0 })
    const z = await closeDay(c, day)
    expect(z.report.net.total).toBe('30.00')

    await cashSale(c, 2)
    expect(await c.call('counterDayStatus', {})).toMatchObject({ day, closed: true, late: 1 })
    expect((await c.call('managerDay', { day })).net.total).toBe('30.00')
    expect(await c.call('supplementaryZs', { day })).toMatchObject({ closed: true, late: 1, parts: [] })

    const part = await c.call('issueSupplementaryZ', { day })
    expect(part).toMatchObject({ day, part: 1, issuedBy: 'demo-manager' })
    expect(part.report.sales).toMatchObject({ count: 1, total: '30.00', cash: '30.00' })
    expect(await c.refused('issueSupplementaryZ', { day })).toBe('NOTHING_LATE')
    expect((await c.call('zReport', { day })).report).toEqual(z.report)
    expect(await c.call('supplementaryZs', { day })).toMatchObject({ late: 0, parts: [{ part: 1 }] })

    // The export lists every sale of the day: it now sums to the Z and its supplementary Z together.
    const csv = await c.call('exportReport', { scope: 'day', period: day, format: 'csv' })
    const lines = Buffer.from(csv.base64, 'base64')
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    const col = lines[0].split(',').indexOf('金额合计')
    expect(
      lines
        .slice(1)
        .reduce((s, l) => s.plus(l.split(',')[col]), yuan(0))
        .toFixed(2),
    ).toBe(yuan(z.report.net.total).plus(part.report.net.total).toFixed(2))
    expect(await c.refused('issueSupplementaryZ', { day: '2026-09-30' })).toBe('DAY_NOT_CLOSED')
  })
})

type Op = { kind: 'sale'; qty: number } | { kind: 'refund'; pick: number } | { kind: 'supplement' }
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 3 }).map((qty) => ({ kind: 'sale' as const, qty })) },
  { weight: 2, arbitrary: fc.nat(50).map((pick) => ({ kind: 'refund' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'supplement' as const }) },
)

describe('every sale and refund of a day lands in exactly one Z', () => {
  it("holds for random days: sales, refunds and supplementary Z's before and after the close", async () => {
    const { c, move } = await startCounter(tempDir())
    counter = c
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 10 }), fc.array(op, { minLength: 1, maxLength: 10 }), async (before, after) => {
        const day = new Date(Date.UTC(2026, 9, 2 + run++)).toISOString().slice(0, 10)
        await move(new Date(`${day}T09:00:00+08:00`).getTime())
        const sold: string[] = []
        const apply = async (o: Op, closed: boolean) => {
          if (o.kind === 'sale') sold.push((await cashSale(c, o.qty)).id)
          else if (o.kind === 'refund' && sold.length) {
            const [id] = sold.splice(o.pick % sold.length, 1)
            await c.call('refundSale', { saleId: id, approval: MANAGER_APPROVAL, reason: '顾客退货' })
          } else if (o.kind === 'supplement' && closed && (await c.call('supplementaryZs', { day })).late > 0) await c.call('issueSupplementaryZ', { day })
        }
        for (const o of before) await apply(o, false)
        const z = await closeDay(c, day)
        for (const o of after) await apply(o, true)
        if ((await c.call('supplementaryZs', { day })).late > 0) await c.call('issueSupplementaryZ', { day })
        const parts = (await c.call('supplementaryZs', { day })).parts

        const items = new DayEvents(c.core.db).items(day, true)
        const covered = (c.core.db.prepare('SELECT covered FROM day_z_parts WHERE day = ? ORDER BY part').all(day) as { covered: string }[]).flatMap(
          (p) => JSON.parse(p.covered) as string[],
        )
        expect(covered.slice().sort()).toEqual(items.map(itemKey).sort())
        expect(new Set(covered).size).toBe(covered.length)
        const net = items.reduce((s, i) => s + (i.kind === 'sale' ? 1 : -1) * (i.parts.medical + i.parts.goods), 0)
        expect(parts.reduce((s, p) => s + toFen(p.report.net.total), toFen(z.report.net.total))).toBe(net)
        expect((await c.call('zReport', { day })).report).toEqual(z.report)
      }),
      { numRuns: 12, seed: 20261205 },
    )
  }, 300_000)
})
