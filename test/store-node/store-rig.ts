import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { SYNC_API_VERSION, type OutboxRow, type Registration } from '../../shared/contract/sync/wire'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import type { IngestHooks } from '../../electron/store-node/ingest'
import { TerminalRegistry } from '../../electron/store-node/registry'
import type { Db } from '../../electron/base/store/database'
import { sealedPairingKey, type PairingKeySlot } from '../../electron/core/secrets/pairing-key'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { startCounter, traceCode, type Counter } from '../sale/counter-rig'
import type { TestDatabase } from '../support/postgres'

export const STORE = 'P41010500218'
export const ADMIN_TOKEN = 'test-admin-token'
export const clock = { now: () => new Date() }

/** An in-process store node on the test file's database, with one institution registered. */
export async function startNode(pool: Pool, hooks?: IngestHooks): Promise<StoreNodeServer> {
  await new TerminalRegistry(pool, clock).addStore(STORE, '测试大药房')
  return startStoreNode({ pool, clock, adminToken: ADMIN_TOKEN, hooks })
}

/** A registered counter, through the registry itself (the pairing tests go over HTTP). */
export async function registerTerminal(pool: Pool, label = '收银台'): Promise<Registration> {
  const registry = new TerminalRegistry(pool, clock)
  await registry.addStore(STORE, '测试大药房')
  const { code } = await registry.newPairingCode(STORE, label)
  return registry.pair(code, label)
}

export function outboxRow(seq: number, body: object, tbl: OutboxRow['tbl'] = 'sales', pk = `S${seq % 7}`): OutboxRow {
  const text = JSON.stringify(body)
  return { seq, tbl, pk, op: 'update', body: text, body_sha256: createHash('sha256').update(text).digest('hex') }
}

export const pushRequest = (reg: Registration, rows: OutboxRow[]) => ({ version: SYNC_API_VERSION, terminal_uid: reg.terminal_uid, rows }) as const

/** What the store node holds of a terminal, without the terminal's identity: two terminals fed the same rows compare equal. */
export async function heldState(pool: Pool, terminalUid: string) {
  const events = await pool.query(
    "SELECT seq::int, tbl, pk, op, body, encode(body_sha256, 'hex') AS sha FROM journal_events WHERE terminal_uid = $1 ORDER BY seq",
    [terminalUid],
  )
  const rows = await pool.query('SELECT tbl, pk, seq::int, op, body FROM counter_rows WHERE terminal_uid = $1 ORDER BY tbl, pk', [terminalUid])
  const t = await pool.query('SELECT acked_seq::int, blocked_at FROM terminals WHERE terminal_uid = $1', [terminalUid])
  return { events: events.rows, rows: rows.rows, terminal: t.rows[0] as { acked_seq: number; blocked_at: Date | null } }
}

/** The counter's sealed pairing key slot, as its core builds it (the key file beside its database). */
export function pairingKeyOf(db: Db, dataDir: string): PairingKeySlot {
  return sealedPairingKey(new SecretStore(db, clock, fileKeyBox(dataDir)))
}

const IBUPROFEN = 'SP00012'
const SHAMPOO = 'SG00001'

/** A real insured sale (a reimbursed drug and a self-paid item) settled through the counter's core. */
export async function settleInsuredSale(counter: Counter) {
  const member = await counter.member('wangFather')
  const sale = await counter.call('openSale', {
    memberRef: member.ref,
    lines: [
      { storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] },
      { storeCode: SHAMPOO, qty: '1' },
    ],
    acctUsed: true,
  })
  await counter.call('presettleSale', { saleId: sale.id })
  return counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
}

/** One store node for the test file, and counters that are closed after the test that started them. */
export function useStoreNode(db: () => TestDatabase) {
  let node: StoreNodeServer | undefined
  const counters: Counter[] = []
  beforeAll(async () => {
    node = await startNode(db().pool)
  })
  afterAll(async () => {
    await node?.close()
  })
  afterEach(async () => {
    for (const c of counters.splice(0)) await c.close()
  })
  return {
    node: () => node!,
    counter: async (dataDir: string) => {
      const c = await startCounter(dataDir)
      counters.push(c)
      return c
    },
  }
}
