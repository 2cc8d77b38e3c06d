import { expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { usePostgres } from '../support/postgres'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { traceCode, type StoreCounter } from '../stock/stock-rig'
import { pairedStoreCounter, untilOffline, useSharedTrainingStore } from './shared-training'

/**
 * store-node.md §2: "a 5,000 store limit is 10,000 with two counters". In store mode the offline advance limit is
 * one pool: the store node counts every counter's advances (and holds what it granted until the sale arrives);
 * with the store node unreachable each counter keeps a fixed share, the limit ÷ the counters, and says so.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStore(db, tempDir)
const counters = store.counters

const AMLODIPINE = 'SP00002' // prescription, 甲类, 20.00: an employee's own account pays it all, so all of it is advanced
const PRESCRIPTION = { rxno: 'RX20261205001', external: false, pharmacist: '李药师' }

async function counter(label: string): Promise<StoreCounter> {
  const c = await pairedStoreCounter(db, store.node, store.sandbox, tempDir(), label)
  counters.push(c)
  await c.member('zhangHusband')
  // The store's limits, kept by the store (master data): published once, pulled by every counter. 20 per sale, 50
  // outstanding — for the whole store, not per counter.
  if (counters.length === 1)
    await c.call('publishMasterData', { kind: 'offline_limits', limits: { mode: 'advance', perSale: '20', outstanding: '50', maxAgeHours: 24 } })
  await eventually(
    'the store limits pulled',
    () => c.call('offlineSettings', {}),
    (o) => o.mode === 'advance' && o.outstanding === '50.00',
    15_000,
  )
  return c
}

async function advance(c: StoreCounter) {
  const { member } = await c.call('identifyOffline', { idCardNo: DEMO_PEOPLE.zhangHusband.certno })
  const s = await c.call('openSale', {
    memberRef: member.ref,
    lines: [{ storeCode: AMLODIPINE, qty: '1', traceCodes: [traceCode()] }],
    acctUsed: true,
    prescription: PRESCRIPTION,
  })
  const quote = await c.call('quoteOffline', { saleId: s.id })
  const res = await c.core.dispatch('settleOffline', { saleId: s.id, mode: 'advance', payment: { method: 'mobile' } })
  return { quote, code: res.ok ? null : res.error.code, message: res.ok ? null : res.error.message }
}

it('two counters share one advance limit through the store node; cut off from it, each keeps its share and says so', async () => {
  const a = await counter('一号收银台')
  const b = await counter('二号收银台')
  await a.faults({ down: true })
  await untilOffline(a)
  await untilOffline(b)

  // A advances twice (40 of the store's 50); B, whose own book is empty, is refused the third 20.
  const first = await advance(a)
  expect(first.quote.storePool).toEqual({ scope: 'store', limit: '50.00', counters: 2 })
  expect(first.code).toBeNull()
  expect((await advance(a)).code).toBeNull()
  const atB = await advance(b)
  expect(atB.quote.advance.refusal?.code).toBe('OFFLINE_LIMIT_STORE')
  expect(atB.code).toBe('OFFLINE_LIMIT_STORE')
  expect(atB.message).toContain('全店离线垫付未收回合计 40.00 元')
  expect(atB.message).toContain('全店上限 50.00 元')

  // The store node unreachable: B keeps its fixed share, 50 ÷ 2 counters = 25, and the quote says which check ran.
  await store.node.close()
  const alone = await advance(b)
  expect(alone.quote.storePool).toEqual({ scope: 'share', limit: '25.00', counters: 2 })
  expect(alone.code).toBeNull()
  const over = await advance(b)
  expect(over.code).toBe('OFFLINE_LIMIT_SHARE')
  expect(over.message).toContain('固定份额 25.00 元')
}, 120_000)
