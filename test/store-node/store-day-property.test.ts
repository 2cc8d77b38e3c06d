import fc from 'fast-check'
import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { fenOf, PEOPLE, platformLedger, useStoreDay } from './store-day-rig'

/**
 * store-node.md §5.11 suite 3: a random two-counter day (sales, refunds, answers lost and recovered by
 * the counter that sent them, a counter's LAN down for a while) always ends with the store reconciliation
 * agreed without explanations and the store's Z reports adding up to the platform's ledger.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)
const day = () => cstDay(new Date())

const op = fc.record({
  at: fc.integer({ min: 0, max: 1 }),
  kind: fc.constantFrom('sell', 'sell', 'refund', 'lost', 'lan'),
  person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
  boxes: fc.integer({ min: 1, max: 3 }),
})

it('a random two-counter day ends reconciled, agreed without explanations, with the store Z equal to the platform', async () => {
  const counters = [store.a, store.b]
  const m = store.m
  const sold: string[][] = [[], []]
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 8 }), async (ops) => {
      for (const o of ops) {
        const c = counters[o.at]
        if (o.kind === 'sell') sold[o.at].push(await c.sell(PEOPLE[o.person], o.boxes))
        else if (o.kind === 'refund' && sold[o.at].length > 0) await c.refund(sold[o.at].shift()!)
        else if (o.kind === 'lost') await c.sellLosingAnswer(PEOPLE[o.person])
        // The counter's LAN goes down: it keeps selling, nothing reaches the store node until it is back.
        else if (o.kind === 'lan') await c.pusher.stop()
      }
      // The end of the day: each counter's own recovery settles what it left between intent and answer,
      // and every LAN is back.
      for (const c of counters) {
        await c.recover()
        c.pusher.start()
      }
      const run = await m.call('reconcileStore', { day: day() })
      expect(run).toMatchObject({ status: 'agreed', complete: true, waitingFor: [], differences: [] })
      // The first run closes the day; each later one issues a supplementary Z, or has nothing new to close.
      const closed = await m.core.dispatch('closeStoreDay', { day: day() })
      if (!closed.ok) expect(closed.error.code).toBe('DAY_ALREADY_CLOSED')
      const view = await m.call('storeDay', { day: day() })
      const ledger = platformLedger(store.sandbox)
      expect(fenOf(view.report.figures.medical)).toBe(ledger.medfee)
      expect(view.report.figures.insuredCount).toBe(ledger.settlements - ledger.revokes)
      expect(view.late).toBe(0)
      const zs = await m.call('storeZReports', { day: day() })
      expect(zs.reduce((n, z) => n + fenOf(z.report.figures.medical), 0)).toBe(ledger.medfee)
    }),
    { numRuns: 4, endOnFailure: true },
  )
}, 300_000)
