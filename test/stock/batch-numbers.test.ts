import { afterEach, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { IBUPROFEN, SHAMPOO, startStore, type StoreCounter } from './stock-rig'

/**
 * A lot's batch number (fixmedins_bchno) names the batch to the platform for the whole institution: two
 * counters of one store left at the terminal id T01 both numbered their first lot of the day
 * "T01-<day>-000001". Now it is built from the counter's number like a msgid, so counters of a store never
 * make the same one, and lots numbered the old way keep theirs.
 */
const tempDir = useTempDir()
const open: StoreCounter[] = []
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
})

async function counterNumbered(no: number): Promise<StoreCounter> {
  const c = await startStore(tempDir())
  open.push(c)
  // Both keep the default terminal id T01; the store gave them their numbers (as pairing does).
  await c.call('updateSettings', { terminalNo: no })
  return c
}

it('two counters at T01 numbered 01 and 02 receive the same day: no batch number is made twice, and each says its counter', async () => {
  const [a, b] = [await counterNumbered(1), await counterNumbered(2)]
  const made: string[] = []
  for (const c of [a, b]) {
    for (const lot of ['L1', 'L2', 'L3']) made.push(...(await c.receive(IBUPROFEN, lot, 1)).lots.map((l) => l.bchno))
    made.push(...(await c.receive(SHAMPOO, 'G1', 1, { packSize: 1 })).lots.map((l) => l.bchno))
  }
  expect(new Set(made).size).toBe(8)
  for (const bchno of made) {
    expect(bchno).toMatch(/^0[12]-\d{8}-\d{6}-\d{2}$/)
    expect(bchno.length).toBeLessThanOrEqual(30)
  }
  expect(made.slice(0, 4).every((n) => n.startsWith('01-'))).toBe(true)
  expect(made.slice(4).every((n) => n.startsWith('02-'))).toBe(true)
})

it('a lot numbered the old way keeps its number and stays readable; new lots beside it are numbered the new way', async () => {
  const c = await counterNumbered(1)
  const first = (await c.receive(IBUPROFEN, 'OLD', 2)).lots[0]
  // What a counter numbered before this change left on disk.
  c.core.db.prepare('UPDATE stock_lot SET bchno = ? WHERE id = ?').run('T01-20261201-000001', first.lotId)
  const next = (await c.receive(IBUPROFEN, 'NEW', 1)).lots[0]
  const lots = await c.call('stockLots', { storeCode: IBUPROFEN, includeEmpty: true })
  expect(Object.fromEntries(lots.map((l) => [l.lotNo, l.bchno]))).toEqual({ OLD: 'T01-20261201-000001', NEW: next.bchno })
  expect(next.bchno).toMatch(/^01-\d{8}-\d{6}-\d{2}$/)
  // More of the old lot keeps its batch number.
  expect((await c.receive(IBUPROFEN, 'OLD', 1)).lots[0].bchno).toBe('T01-20261201-000001')
})
