import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { buildRig } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { startCounter, traceCode, type Counter } from './counter-rig'

const tempDir = useTempDir()
let counter: Counter | undefined
afterEach(async () => {
  await counter?.close()
})

it('a sale cut off between its intent and the answer is reversed at start-up and shown to the cashier', async () => {
  const dir = tempDir()
  counter = await startCounter(dir)
  const member = await counter.member('liuWife')
  const sale = await counter.call('openSale', { memberRef: member.ref, lines: [{ storeCode: 'SP00012', qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
  await counter.call('presettleSale', { saleId: sale.id })

  // The process dies with the intent on disk (another connection to the same file plays the dying core).
  const rig = buildRig(join(dir, 'data'), await counter.sandboxUrl(), {
    hooks: {
      at: async (step) => {
        if (step === 'after-intent') throw new Error('power cut')
      },
    },
  })
  await expect(rig.journal.settle(sale.id, 'demo-cashier')).rejects.toThrow('power cut')
  rig.db.close()
  expect((await counter.call('getSale', { saleId: sale.id })).state).toBe('settling')
  await counter.close()

  counter = await startCounter(dir)
  const status = await counter.call('journalStatus', {})
  expect(status).toMatchObject({ recovering: false, unresolved: 0 })
  expect(status.recovered).toEqual([expect.objectContaining({ saleId: sale.id, infno: '2102', outcome: 'reversed', state: 'draft' })])
  // Nothing was charged, and the sale can be settled anew under a new msgid.
  expect((await counter.ledger()).entries.filter((e) => e.kind === 'settlement')).toHaveLength(0)
  await counter.call('presettleSale', { saleId: sale.id })
  const settled = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
  expect(settled.state).toBe('settled')
  expect((await counter.ledger()).entries.filter((e) => e.kind === 'settlement')).toHaveLength(1)
})
