import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPairingCodeAnswerSchema } from '../../shared/contract/sync/wire'
import type { StoreNodeServer } from '../../electron/store-node/http'
import { StoreLink, StoreLinkError } from '../../electron/core/sync'
import { usePostgres } from '../support/postgres'
import { ADMIN_TOKEN, STORE, startNode } from './store-rig'

const db = usePostgres()
let node: StoreNodeServer
beforeAll(async () => {
  node = await startNode(db().pool)
})
afterAll(async () => {
  await node?.close()
})

async function admin(path: string, body: unknown, token = ADMIN_TOKEN) {
  const res = await fetch(new URL(path, node.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-token': token },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as unknown }
}

async function newCode(storeId = STORE, label = '收银台'): Promise<string> {
  const r = await admin('/admin/v1/pairing-codes', { store_id: storeId, label })
  expect(r.status).toBe(200)
  return newPairingCodeAnswerSchema.parse(r.json).code
}

async function refusedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof StoreLinkError) return e.code
    throw e
  }
  throw new Error('not refused')
}

describe('terminal registry and pairing', () => {
  it('numbers counters paired at once 1, 2, 3 … within their institution, and each code works once', async () => {
    const link = new StoreLink(node.url)
    const codes = await Promise.all(Array.from({ length: 6 }, (_, i) => newCode(STORE, `${i + 1} 号收银台`)))
    const regs = await Promise.all(codes.map((c) => link.pair(c, '收银台')))
    expect(regs.map((r) => r.terminal_no).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
    expect(new Set(regs.map((r) => r.terminal_uid)).size).toBe(6)
    expect(regs.every((r) => r.store_id === STORE)).toBe(true)

    // The same code again, even from the counter that used it: refused, nothing registered.
    expect(await refusedCode(link.pair(codes[0], '收银台'))).toBe('PAIRING_CODE_INVALID')
    expect(await refusedCode(link.pair('ZZZZZZZZZZ', '收银台'))).toBe('PAIRING_CODE_INVALID')
    const count = await db().pool.query('SELECT count(*)::int AS n FROM terminals WHERE store_id = $1', [STORE])
    expect(count.rows[0].n).toBe(6)

    // Another institution on the same node numbers from 1 again.
    expect((await admin('/admin/v1/stores', { store_id: 'P41010500220', name: '二店' })).status).toBe(200)
    expect((await link.pair(await newCode('P41010500220'), '一号')).terminal_no).toBe(1)
  })

  it('never gives a number twice in an institution, by constraint, and never 00', async () => {
    const { pool } = db()
    const taken = await pool.query<{ terminal_no: number; key_sha256: Buffer; terminal_uid: string }>(
      'SELECT terminal_no, key_sha256, terminal_uid FROM terminals WHERE store_id = $1 LIMIT 1',
      [STORE],
    )
    const t = taken.rows[0]
    await expect(
      pool.query(
        "INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at) VALUES (gen_random_uuid(), $1, $2, 'x', $3, now())",
        [STORE, t.terminal_no, t.key_sha256],
      ),
    ).rejects.toThrow(/terminals_store_id_terminal_no_key/)
    await expect(
      pool.query(
        "INSERT INTO terminals (terminal_uid, store_id, terminal_no, label, key_sha256, paired_at) VALUES (gen_random_uuid(), $1, 0, 'x', $2, now())",
        [STORE, t.key_sha256],
      ),
    ).rejects.toThrow(/terminals_terminal_no_check/)
  })

  it('answers STORE_FULL once 99 counters are registered, spending nothing', async () => {
    const link = new StoreLink(node.url)
    const { pool } = db()
    await admin('/admin/v1/stores', { store_id: 'P41010500299', name: '满店' })
    for (let i = 0; i < 99; i++) await link.pair(await newCode('P41010500299'), 'x')
    const code = await newCode('P41010500299')
    expect(await refusedCode(link.pair(code, 'x'))).toBe('STORE_FULL')
    const unspent = await pool.query("SELECT count(*)::int AS n FROM pairing_codes WHERE store_id = 'P41010500299' AND used_at IS NULL")
    expect(unspent.rows[0].n).toBe(1)
  })

  it('keeps the admin calls and pushes to those who hold the keys', async () => {
    expect((await admin('/admin/v1/pairing-codes', { store_id: STORE, label: 'x' }, 'wrong')).status).toBe(401)
    const reg = await new StoreLink(node.url).pair(await newCode(), 'x')
    const row = {
      seq: 1,
      tbl: 'sales' as const,
      pk: 'S',
      op: 'insert' as const,
      body: '{}',
      body_sha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    }
    expect(await refusedCode(new StoreLink(node.url).push('A'.repeat(43), reg.terminal_uid, [row]))).toBe('UNAUTHORIZED')
    expect(await new StoreLink(node.url).push(reg.pairing_key, reg.terminal_uid, [row])).toEqual({ acked_seq: 1 })
  })
})
