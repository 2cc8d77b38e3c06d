import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import type { TrainingPlatform } from '../../electron/core/platform/training-port'
import { startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { issueQrCode } from '../../electron/sandbox/domain/credentials'
import { trainingPlatform } from '../../electron/sandbox/training'
import { TerminalRegistry } from '../../electron/store-node/registry'
import type { StoreNodeServer } from '../../electron/store-node/http'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import type { TestDatabase } from '../support/postgres'
import { IBUPROFEN, MovableClock, StoreCounter, traceCode } from '../stock/stock-rig'
import { afterAll, beforeAll, expect } from 'vitest'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { clock, startNode, STORE } from './store-rig'

/**
 * Counters of one store in training mode that share ONE training platform (a sale made at one can be refunded
 * at another, as against the real platform), each a full core with its own data directory, paired with the
 * store node. The catalog and the practice members are the training ones, so stock can be received and sold.
 */
export function sharedTraining(sandbox: RunningSandbox, gatewayUrl = sandbox.url): TrainingPlatform {
  const own = trainingPlatform()
  return {
    catalog: own.catalog,
    policies: own.policies,
    start: () =>
      Promise.resolve({
        url: gatewayUrl,
        paasid: sandbox.paasid,
        secret: sandbox.secret,
        practiceCode(person: string, now: Date) {
          const demo = DEMO_PEOPLE[person as keyof typeof DEMO_PEOPLE]
          return { name: demo.name, qrCode: issueQrCode(sandbox.db, demo.psn_no, now).qrcode }
        },
        // The platform outlives each counter: the test closes it.
        close: () => Promise.resolve(),
      }),
  }
}

/**
 * A full training core on the shared platform (through `gatewayUrl` when given: a gateway in front of it), signed
 * in as the manager, paired with the store node under `label`.
 */
export async function pairedStoreCounter(
  db: () => TestDatabase,
  node: StoreNodeServer,
  sandbox: RunningSandbox,
  dataDir: string,
  label: string,
  gatewayUrl?: string,
): Promise<StoreCounter> {
  const counter = await openStoreCounter(sandbox, dataDir, gatewayUrl)
  const { code } = await new TerminalRegistry(db().pool, clock).newPairingCode(STORE, label)
  await counter.call('pairWithStoreNode', { url: node.url, code })
  // Messages sent before pairing went under the training default 01, which the first paired counter also uses:
  // one message under the new number, then a second, so nothing of this counter's 01 shares a second with another's.
  await counter.member('wangFather')
  await new Promise((r) => setTimeout(r, 1100))
  return counter
}

/** The counter's core on its data directory (a first start, or a restart of a paired counter), signed in as the manager. */
export async function openStoreCounter(sandbox: RunningSandbox, dataDir: string, gatewayUrl?: string): Promise<StoreCounter> {
  const moving = new MovableClock()
  const core = await createCore(
    { dataDir: join(dataDir, 'data'), shell: 'web', version: 'test' },
    { training: sharedTraining(sandbox, gatewayUrl), log: () => {}, clock: moving },
  )
  const counter = new StoreCounter(core, moving)
  await counter.ready()
  await signIn(core, 'manager')
  return counter
}

/**
 * One store for the test file: the shared training platform, a store node on the file's PostgreSQL, and the
 * counters the file opens (closed after it).
 */
export function useSharedTrainingStore(db: () => TestDatabase, tempDir: () => string) {
  const s = { counters: [] as StoreCounter[] } as { sandbox: RunningSandbox; node: StoreNodeServer; counters: StoreCounter[] }
  beforeAll(async () => {
    s.sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
    s.node = await startNode(db().pool)
  }, 60_000)
  afterAll(async () => {
    for (const c of s.counters) await c.close()
    await s.node?.close()
    await s.sandbox?.close()
  })
  return s
}

/** With the shared platform down, a failing identification and the probe take the counter offline. */
export async function untilOffline(c: StoreCounter): Promise<void> {
  const codes = await c.call('trainingMembers', {})
  await c.core.dispatch('identifyMember', { qrCode: codes[0].qrCode })
  await eventually(
    'offline',
    () => c.call('connectivityStatus', {}),
    (s) => s.state === 'offline',
  )
}

/** The shared store with a gateway in front of its platform that counts, rewrites and holds what counters send through it. */
export function useSharedTrainingStoreBehindGateway(db: () => TestDatabase, tempDir: () => string) {
  const s = useSharedTrainingStore(db, tempDir) as ReturnType<typeof useSharedTrainingStore> & { gateway: RewritingProxy }
  beforeAll(async () => {
    s.gateway = await startRewritingProxy(s.sandbox.url)
  })
  afterAll(() => s.gateway.close())
  return s
}

const LOST = { status: 502, body: 'bad gateway' }

/**
 * A settlement the platform committed whose answer, and every inline reversal's answer, the counter lost (the
 * gateway answered 502 after the platform acted): the sale stays reversing, its 2102 and 2601 journaled.
 */
export async function lostSettlement(c: StoreCounter, gateway: RewritingProxy, person = 'wangFather'): Promise<{ saleId: string; msgid: string }> {
  const member = await c.member(person)
  gateway.replace('2102', LOST)
  gateway.replace('2601', LOST)
  const sale = await c.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
  await c.call('presettleSale', { saleId: sale.id })
  expect(await c.refused('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })).toBe('SETTLEMENT_UNRESOLVED')
  gateway.clear()
  const { msgid } = c.core.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2102'").get(sale.id) as { msgid: string }
  return { saleId: sale.id, msgid }
}
