import { join } from 'node:path'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore } from '../../electron/core/core'
import type { CallInput } from '../../shared/contract'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { signIn } from '../support/core-session'
import { Counter, traceCode } from '../sale/counter-rig'

export { traceCode }

export const IBUPROFEN = 'SP00012' // 布洛芬缓释胶囊, OTC, insured 甲类, 19.80
export const SHAMPOO = 'SG00001' // 去屑洗发水, ordinary goods, 15.00
export const MANAGER_APPROVAL = { userId: DEMO_USERS[2].id, pin: DEMO_USERS[2].pin }

/** A clock the test can move: expiry is a matter of days. */
export class MovableClock {
  offsetMs = 0
  now = () => new Date(Date.now() + this.offsetMs)
  days(n: number) {
    this.offsetMs += n * 86_400_000
  }
  today(plusDays = 0): string {
    return new Date(this.now().getTime() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10)
  }
}

/** The real core on a real data directory in training mode (sandbox in-process), signed in as the manager. */
export async function startStore(dataDir: string, clock = new MovableClock()): Promise<StoreCounter> {
  const core = await createCore({ dataDir: join(dataDir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {}, clock })
  const store = new StoreCounter(core, clock)
  await store.ready()
  await signIn(core, 'manager')
  return store
}

export class StoreCounter extends Counter {
  constructor(
    core: Counter['core'],
    readonly clock: MovableClock,
  ) {
    super(core)
  }

  /** Units on hand per lot number of one item. */
  async onHand(storeCode: string): Promise<Record<string, number>> {
    const lots = await this.call('stockLots', { storeCode, includeEmpty: true })
    return Object.fromEntries(lots.map((l) => [l.lotNo, l.onHandUnits]))
  }

  async lotId(storeCode: string, lotNo: string): Promise<string> {
    const lot = (await this.call('stockLots', { storeCode, includeEmpty: true })).find((l) => l.lotNo === lotNo)
    if (!lot) throw new Error(`no lot ${lotNo}`)
    return lot.lotId
  }

  receive(storeCode: string, lotNo: string, boxes: number, opts: { expiryInDays?: number; packSize?: number; traceCodes?: string[]; units?: number } = {}) {
    const line: CallInput<'receiveStock'>['lines'][number] = {
      storeCode,
      lotNo,
      manuDate: this.clock.today(-200),
      expiryDate: this.clock.today(opts.expiryInDays ?? 400),
      boxes,
      units: opts.units ?? 0,
      packSize: opts.packSize ?? 24,
      costPerBox: '12.50',
      traceCodes: opts.traceCodes ?? [],
    }
    return this.call('receiveStock', { supplier: '国药控股河南', invoiceNo: 'FP-1', lines: [line] })
  }

  async cashSale(storeCode: string, qty: string) {
    const sale = await this.call('openSale', { lines: [{ storeCode, qty }], acctUsed: false })
    return this.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '10000' } })
  }

  /** Ledger sum per lot must equal the lot's balance (the balance is a cache of the ledger). */
  ledgerAgrees(): boolean {
    const rows = this.core.db
      .prepare('SELECT l.id, l.on_hand_units AS b, COALESCE((SELECT SUM(qty_units) FROM stock_movement m WHERE m.lot_id = l.id), 0) AS s FROM stock_lot l')
      .all() as { b: number; s: number }[]
    return rows.every((r) => r.b === r.s)
  }

  async faults(body: Record<string, unknown>) {
    await fetch(`${(await this.sandboxUrl()).replace(/\/$/, '')}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }
}
