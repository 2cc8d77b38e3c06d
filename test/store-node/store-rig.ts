import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import { SYNC_API_VERSION, type OutboxRow, type Registration } from '../../shared/contract/sync/wire'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import type { IngestHooks } from '../../electron/store-node/ingest'
import { TerminalRegistry } from '../../electron/store-node/registry'

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
