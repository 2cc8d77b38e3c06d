import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Pool } from 'pg'
import { cstDay } from '../../electron/core/sale/cst'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import { SealBox } from '../../electron/store-node/hq/seal'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { hqBoardSchema, hqReportSchema } from '../../shared/contract/sync/hq'
import { toFen } from '../../shared/money/money'
import { startSandbox, type RunningSandbox } from '../support/journal-rig'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { hqCall, startHq } from './chain-rig'
import { platformLedger, StoreCounter, StoreManager } from './store-day-rig'
import { clock, STORE } from './store-rig'

/**
 * The chain end to end (issue 15, store-node.md §5.8): two stores, each a store node on its own database with
 * two real counters (their own SQLite journals and pushers) selling against one sandbox platform over HTTP,
 * and an HQ node on a third database. HQ's figures for the day are each store's own day and the platform's
 * ledger for that institution; the board shows the store that reconciled and closed, and the one that did not.
 */
const dbA = usePostgres()
const dbB = usePostgres()
const dbHq = usePostgres()
const tempDir = useTempDir()

const SECOND = { fixmedins_code: 'P11010100301', fixmedins_name: '共济大药房（北京东城店）', admdvs: '110101' }

async function storeNode(pool: Pool, storeId: string, name: string): Promise<StoreNodeServer> {
  await new TerminalRegistry(pool, clock).addStore(storeId, name)
  return startStoreNode({ pool, clock, adminToken: 'store-admin', seal: new SealBox(randomBytes(32)), uplink: { intervalMs: 3_600_000, backoffMs: 3_600_000 } })
}

const s = {} as { sandbox: RunningSandbox; hq: StoreNodeServer; a: StoreNodeServer; b: StoreNodeServer; counters: StoreCounter[]; m: StoreManager }
beforeAll(async () => {
  s.sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
  s.hq = await startHq(dbHq().pool)
  s.a = await storeNode(dbA().pool, STORE, '郑州金水店')
  s.b = await storeNode(dbB().pool, SECOND.fixmedins_code, SECOND.fixmedins_name)
  s.counters = [
    await StoreCounter.register(dbA().pool, s.a, s.sandbox, tempDir(), '一号收银台', 'C001'),
    await StoreCounter.register(dbA().pool, s.a, s.sandbox, tempDir(), '二号收银台', 'C002'),
    await StoreCounter.register(dbB().pool, s.b, s.sandbox, tempDir(), '一号收银台', 'C101', SECOND),
    await StoreCounter.register(dbB().pool, s.b, s.sandbox, tempDir(), '二号收银台', 'C102', SECOND),
  ]
  s.m = await StoreManager.start(dbA().pool, s.a, s.sandbox, tempDir())
  const hq = new HqRegistry(dbHq().pool, clock)
  await s.a.uplink!.link(STORE, s.hq.url, (await hq.newPairingCode(STORE, '郑州金水店', '410105')).code)
  await s.b.uplink!.link(SECOND.fixmedins_code, s.hq.url, (await hq.newPairingCode(SECOND.fixmedins_code, SECOND.fixmedins_name, SECOND.admdvs)).code)
}, 90_000)
afterAll(async () => {
  await s.m?.close()
  for (const c of s.counters ?? []) await c.close()
  await s.a?.close()
  await s.b?.close()
  await s.hq?.close()
  await s.sandbox?.close()
})

it('two stores with two counters each: HQ per store equals the store own day and the platform ledger; the total is their sum; the board names who has not reconciled or closed', async () => {
  const [a1, a2, b1, b2] = s.counters
  const day = cstDay(new Date())
  await a1.sell('wangFather', 2)
  await a2.refund(await a2.sell('liRetired'))
  await a2.sell('zhangHusband', 3)
  await b1.sell('liuWife')
  await b2.sell('wangFather')
  await b2.sell('liRetired', 2)
  for (const c of s.counters) await c.pusher.drain()

  // Store A reconciles and closes its day (its manager's core, the store node's 00 msgids); store B does neither.
  expect(await s.m.call('reconcileStore', { day })).toMatchObject({ status: 'agreed' })
  await s.m.call('closeStoreDay', { day })
  await s.a.uplink!.drain()
  await s.b.uplink!.drain()

  const r = hqReportSchema.parse((await hqCall(s.hq, '/hq/v1/report', { from: day, to: day })).body)
  const storeDay = await s.m.call('storeDay', { day })
  const atHq = (id: string) => r.byStore.find((x) => x.storeId === id)!.figures
  expect(platformLedger(s.sandbox, STORE).medfee).toBeGreaterThan(0)
  expect(platformLedger(s.sandbox, SECOND.fixmedins_code).medfee).toBeGreaterThan(0)
  expect(toFen(atHq(STORE).medical)).toBe(platformLedger(s.sandbox, STORE).medfee)
  expect(toFen(atHq(SECOND.fixmedins_code).medical)).toBe(platformLedger(s.sandbox, SECOND.fixmedins_code).medfee)
  const { crossProvince: _c, ...storeAFigures } = atHq(STORE)
  expect(storeAFigures).toEqual(storeDay.report.figures)
  expect(atHq(STORE).insuredCount).toBe(platformLedger(s.sandbox, STORE).settlements - platformLedger(s.sandbox, STORE).revokes)
  expect(toFen(r.total.medical)).toBe(platformLedger(s.sandbox, STORE).medfee + platformLedger(s.sandbox, SECOND.fixmedins_code).medfee)
  expect(r.byRegion.map((x) => x.admdvs)).toEqual(['110101', '410105'])

  const board = hqBoardSchema.parse((await hqCall(s.hq, '/hq/v1/board', { day })).body)
  expect(board.stores.find((x) => x.storeId === STORE)).toMatchObject({ reconciliation: 'agreed', closed: true, zParts: 1 })
  expect(board.stores.find((x) => x.storeId === SECOND.fixmedins_code)).toMatchObject({ reconciliation: 'none', closed: false, zParts: 0 })
  expect(board.notReconciled).toEqual([SECOND.fixmedins_code])
  expect(board.notClosed).toEqual([SECOND.fixmedins_code])
  for (const st of board.stores) expect(st.reportedThrough).not.toBeNull()
}, 120_000)
