import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Pool } from 'pg'
import { createCore, type Core } from '../../electron/core/core'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { trainingPlatform } from '../../electron/sandbox/training'
import { applyRegistration, OutboxPusher } from '../../electron/core/sync'
import { TerminalRegistry } from '../../electron/store-node/registry'
import type { StoreNodeServer } from '../../electron/store-node/http'
import type { CallInput, CallName, CallOutput } from '../../shared/contract'
import { buildRig, COUNTER_DESK, identify, NIFEDIPINE, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import type { TestDatabase } from '../support/postgres'
import { goLive, LIVE_MANAGER, ok } from '../support/live-counter'
import { CallFailed } from '../sale/counter-rig'
import type { PairingKeySlot } from '../../electron/core/secrets/pairing-key'
import { inBetweenReverser, refundedElsewhereNoter, runStoreCommands } from '../../electron/core/sync/commands'
import { AcrossCounters } from '../../electron/core/sync/across'
import { toFen } from '../../shared/money/money'
import { clock, pairingKeyOf, startNode, STORE } from './store-rig'

export const SECOND_MANAGER = { userId: 'li02', pin: '246801' }
export const PEOPLE = ['wangFather', 'liRetired', 'zhangHusband', 'liuWife'] as const

/**
 * A counter of the store as its money path is: its own SQLite journal and platform client against the
 * shared sandbox over HTTP, registered with the store node under the number it allocated (its msgids
 * carry it), its outbox filled by the real triggers and emptied by the real pusher in the background.
 */
export class StoreCounter {
  readonly pusher: OutboxPusher
  readonly across: AcrossCounters

  private constructor(
    readonly rig: Rig,
    readonly terminalNo: number,
    readonly cashier: string,
    private readonly sandbox: RunningSandbox,
    key: PairingKeySlot,
  ) {
    // As the counter's core wires it: after each push, the store's commands, done with this counter's own journal.
    const handlers = {
      reverse_in_between: inBetweenReverser(rig.db, {
        reverse: (msgid) => rig.journal.reverse(msgid, 3),
        heldBySender: (msgid) => rig.journal.heldBySender(msgid),
      }),
      refunded_elsewhere: refundedElsewhereNoter(rig.db, clock, rig.audit),
    }
    this.across = new AcrossCounters({ db: rig.db, clock, key, training: () => false })
    this.pusher = new OutboxPusher(
      rig.db,
      clock,
      () => {},
      key,
      { idleMs: 100, backoffMs: 50, maxBackoffMs: 200 },
      async (link, k, uid) => {
        await this.across.reportPending()
        return runStoreCommands(link, k, uid, handlers)
      },
    )
  }

  /** A counter of the demo pharmacy, or of another institution (a chain's second store). */
  static async register(
    pool: Pool,
    node: StoreNodeServer,
    sandbox: RunningSandbox,
    dataDir: string,
    label: string,
    cashier: string,
    institution = COUNTER_DESK.institution,
  ): Promise<StoreCounter> {
    const registry = new TerminalRegistry(pool, clock)
    const { code } = await registry.newPairingCode(institution.fixmedins_code, label)
    const reg = await registry.pair(code, label)
    const rig = buildRig(dataDir, sandbox.url, { desk: { ...COUNTER_DESK, institution, opter: cashier, terminalId: label, terminalNo: reg.terminal_no } })
    const key = pairingKeyOf(rig.db, dataDir)
    applyRegistration(rig.db, node.url, reg, new Date(), key)
    const c = new StoreCounter(rig, reg.terminal_no, cashier, sandbox, key)
    c.pusher.start()
    return c
  }

  /** An insured sale of `boxes` boxes of nifedipine (at the catalog's 20.00 unless told) for a demo person, settled at the platform. */
  async sell(person: (typeof PEOPLE)[number], boxes = 1, price = NIFEDIPINE.price): Promise<string> {
    const member = await identify(this.sandbox, this.rig.platform, DEMO_PEOPLE[person].psn_no)
    const sale = this.rig.journal.ledger.open(
      { kind: 'pharmacy', member, acctUsed: true, lines: [{ ...NIFEDIPINE, price, qty: String(boxes) }] } as never,
      this.cashier,
    )
    await this.rig.journal.presettle(sale.id, this.cashier)
    await this.rig.journal.settle(sale.id, this.cashier)
    return sale.id
  }

  /** A refund at this counter of its own sale (2103). */
  refund(saleId: string): Promise<void> {
    return this.rig.journal.refund(saleId, this.cashier, 'M001')
  }

  /** The platform committed the settlement, this counter never heard (a lost answer): it stays between intent and answer. */
  async sellLosingAnswer(person: (typeof PEOPLE)[number]): Promise<string> {
    const saleId = await this.sell(person)
    const m = this.rig.db.prepare("SELECT msgid FROM platform_messages WHERE sale_id = ? AND infno = '2102' AND state = 'answered'").get(saleId) as {
      msgid: string
    }
    this.rig.db.prepare("UPDATE platform_messages SET state = 'unknown', response = NULL, error = 'answer lost' WHERE msgid = ?").run(m.msgid)
    this.rig.db.prepare("UPDATE sales SET state = 'reversing', setl_id = NULL, mdtrt_id = NULL, settled_msgid = NULL, setlinfo = NULL WHERE id = ?").run(saleId)
    return saleId
  }

  /** What a counter does on its own after a lost answer: start-up or background recovery reverses it (2601) under its kept msgid. */
  recover() {
    return this.rig.journal.recover(3)
  }

  async close(): Promise<void> {
    await this.pusher.stop()
    this.rig.db.close()
  }
}

/** The back office's manager: a full counter core, live against the shared sandbox, paired with the store node. */
export class StoreManager {
  private constructor(readonly core: Core) {}

  static async start(pool: Pool, node: StoreNodeServer, sandbox: RunningSandbox, dataDir: string): Promise<StoreManager> {
    const core = await createCore(
      { dataDir: join(dataDir, 'data'), shell: 'web', version: 'test', storeCompletenessWaitMs: 2_000 },
      { training: trainingPlatform(), log: () => {} },
    )
    const m = new StoreManager(core)
    await goLive(core, sandbox.url, { terminalId: 'BACK', terminalNo: 50 })
    await ok(core.dispatch('saveUser', { id: SECOND_MANAGER.userId, name: '李店长', role: 'manager', active: true, pin: SECOND_MANAGER.pin }))
    const { code } = await new TerminalRegistry(pool, clock).newPairingCode(STORE, '店长后台')
    await m.call('pairWithStoreNode', { url: node.url, code })
    return m
  }

  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const res = await this.core.dispatch(name, input)
    if (!res.ok) throw new CallFailed(res.error.code, res.error.message)
    return res.value as CallOutput<K>
  }

  async refused<K extends CallName>(name: K, input: CallInput<K>): Promise<{ code: string; message: string }> {
    const res = await this.core.dispatch(name, input)
    if (res.ok) throw new Error(`${name} was expected to fail`)
    return res.error
  }

  get manager() {
    return LIVE_MANAGER
  }

  close() {
    return this.core.close()
  }
}

/** The platform's own books for the store: settlements and revokes no reversal undid, net, in fen. */
export function platformLedger(sandbox: RunningSandbox, store = STORE): { medfee: number; settlements: number; revokes: number } {
  const rows = sandbox.db.prepare('SELECT kind, msgid, ref_msgid, medfee FROM ledger WHERE fixmedins_code = ?').all(store) as {
    kind: string
    msgid: string
    ref_msgid: string | null
    medfee: number
  }[]
  const reversed = new Set(rows.filter((r) => r.kind === 'reversal').map((r) => r.ref_msgid))
  const live = rows.filter((r) => r.kind !== 'reversal' && !reversed.has(r.msgid))
  return {
    medfee: live.reduce((n, r) => n + (r.kind === 'revoke' ? -Math.abs(r.medfee) : r.medfee), 0),
    settlements: live.filter((r) => r.kind === 'settlement').length,
    revokes: live.filter((r) => r.kind === 'revoke').length,
  }
}

/** "289.50" → 28950 */
export const fenOf = (yuan: string) => toFen(yuan)

/**
 * One store for the test file: the sandbox platform over HTTP, a store node on the file's PostgreSQL, two
 * registered counters (01, 02) and the manager's paired core (03); all closed after the file.
 */
export function useStoreDay(db: () => TestDatabase, tempDir: () => string) {
  const s = {} as { sandbox: RunningSandbox; node: StoreNodeServer; a: StoreCounter; b: StoreCounter; m: StoreManager }
  beforeAll(async () => {
    s.sandbox = await startSandbox({ port: 0, dataDir: tempDir(), seed: 'demo' })
    s.node = await startNode(db().pool)
    s.a = await StoreCounter.register(db().pool, s.node, s.sandbox, tempDir(), '一号收银台', 'C001')
    s.b = await StoreCounter.register(db().pool, s.node, s.sandbox, tempDir(), '二号收银台', 'C002')
    s.m = await StoreManager.start(db().pool, s.node, s.sandbox, tempDir())
  }, 60_000)
  afterAll(async () => {
    await s.m?.close()
    await s.a?.close()
    await s.b?.close()
    await s.node?.close()
    await s.sandbox?.close()
  })
  return s
}
