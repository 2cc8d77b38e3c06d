import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/base/store/database'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { coreMigrations } from '../../electron/core/store/migrations'
import { applyRegistration, Outbox, OutboxPusher } from '../../electron/core/sync'
import { startStoreNode } from '../../electron/store-node/http'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { ADMIN_TOKEN, clock, pairingKeyOf, registerTerminal } from './store-rig'

const db = usePostgres()
const tempDir = useTempDir()

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as { port: number }
  await new Promise((r) => s.close(r))
  return port
}

function counterWithOutbox(rows: number) {
  const counterDb = openDatabase(join(tempDir(), 'gongji.db'), coreMigrations)
  const audit = new AuditTrail(counterDb, clock)
  for (let i = 0; i < rows; i++) audit.append({ actor: 'c01', action: 'test.event', subject: `S${i}`, detail: { i } })
  return { counterDb, key: pairingKeyOf(counterDb, tempDir()) }
}

describe('the outbox pusher in the background', () => {
  it('keeps trying, backing off, while the store node is down, and empties the outbox once it is up', async () => {
    const { counterDb, key } = counterWithOutbox(25)
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    applyRegistration(counterDb, url, await registerTerminal(db().pool), new Date(), key)
    const failedAt: number[] = []
    const pusher = new OutboxPusher(counterDb, clock, (e) => e.code === 'STORE_UNREACHABLE' && failedAt.push(performance.now()), key, {
      batchRows: 10,
      backoffMs: 20,
      maxBackoffMs: 200,
      random: () => 1,
    })
    pusher.start()
    await eventually(
      'four failed rounds',
      async () => failedAt.length,
      (n) => n >= 4,
    )
    // Waits of 20, 40, 80 ms (the jitter at its top here): a timer never fires early, so these are floors.
    for (let i = 1; i < 4; i++) expect(failedAt[i] - failedAt[i - 1]).toBeGreaterThanOrEqual(20 * 2 ** (i - 1) - 1)
    const outbox = new Outbox(counterDb, () => new Date())
    expect(outbox.state()).toMatchObject({ ackedSeq: 0 })
    expect((counterDb.prepare('SELECT last_error FROM sync_state').get() as { last_error: string }).last_error).toMatch(/无法连接/)

    const node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN, port })
    try {
      await eventually(
        'the outbox pushed',
        async () => outbox.state()!.ackedSeq,
        (n) => n === outbox.count(),
      )
      expect((counterDb.prepare('SELECT last_error FROM sync_state').get() as { last_error: string | null }).last_error).toBeNull()
    } finally {
      await pusher.stop()
      await node.close()
      counterDb.close()
    }
  })

  it('stops at a refusal waiting cannot fix (a key the store node does not know), saying why', async () => {
    const { counterDb, key } = counterWithOutbox(5)
    const node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN })
    try {
      const reg = await registerTerminal(db().pool)
      applyRegistration(counterDb, node.url, { ...reg, pairing_key: 'A'.repeat(43) }, new Date(), key)
      const codes: (string | undefined)[] = []
      const pusher = new OutboxPusher(counterDb, clock, (e) => codes.push(e.code), key, { backoffMs: 10, random: () => 1 })
      pusher.start()
      await eventually(
        'the refusal',
        async () => codes.length,
        (n) => n >= 1,
      )
      await new Promise((r) => setTimeout(r, 200))
      expect(codes).toEqual(['UNAUTHORIZED'])
      expect((counterDb.prepare('SELECT last_error FROM sync_state').get() as { last_error: string }).last_error).toMatch(/验证失败/)
      await pusher.stop()
    } finally {
      await node.close()
      counterDb.close()
    }
  })

  it('pushes again from where a store node restored from an older backup stands', async () => {
    const { counterDb, key } = counterWithOutbox(30)
    const node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN })
    try {
      const reg = await registerTerminal(db().pool)
      applyRegistration(counterDb, node.url, reg, new Date(), key)
      const pusher = new OutboxPusher(counterDb, clock, () => {}, key, { batchRows: 10 })
      expect(await pusher.drain()).toBe(30)
      // The store node's database comes back from a backup taken at seq 12.
      await db().pool.query('DELETE FROM journal_events WHERE terminal_uid = $1 AND seq > 12', [reg.terminal_uid])
      await db().pool.query('DELETE FROM counter_rows WHERE terminal_uid = $1 AND seq > 12', [reg.terminal_uid])
      await db().pool.query('UPDATE terminals SET acked_seq = 12 WHERE terminal_uid = $1', [reg.terminal_uid])
      new AuditTrail(counterDb, clock).append({ actor: 'c01', action: 'test.event', subject: 'late', detail: {} })

      expect(await pusher.drain()).toBe(31 - 12)
      const held = await db().pool.query('SELECT count(*)::int AS n, max(seq)::int AS last FROM journal_events WHERE terminal_uid = $1', [reg.terminal_uid])
      expect(held.rows[0]).toEqual({ n: 31, last: 31 })
      expect(new Outbox(counterDb, () => new Date()).state()!.ackedSeq).toBe(31)
    } finally {
      await node.close()
      counterDb.close()
    }
  })

  it('forgets held rows after their retention, never unsent ones, and asks for a new pairing when a restored store node needs pruned rows', async () => {
    const { counterDb, key } = counterWithOutbox(40)
    const node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN })
    try {
      const reg = await registerTerminal(db().pool)
      applyRegistration(counterDb, node.url, reg, new Date(), key)
      const count = () => (counterDb.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n
      const kept = new OutboxPusher(counterDb, clock, () => {}, key, { batchRows: 10 })
      expect(await kept.drain()).toBe(40)
      expect(count()).toBe(40)

      // Ten rows older than the retention are forgotten once held; rows written after them are kept.
      counterDb.prepare("UPDATE sync_outbox SET created_at = '2020-01-01T00:00:00.000Z' WHERE seq <= 10").run()
      new AuditTrail(counterDb, clock).append({ actor: 'c01', action: 'test.event', subject: 'late', detail: {} })
      expect(await kept.drain()).toBe(1)
      expect(count()).toBe(31)
      expect(new Outbox(counterDb, () => new Date()).oldestSeq()).toBe(11)

      // Rows not yet held are never pruned, however old.
      await node.close()
      const pruning = new OutboxPusher(counterDb, clock, () => {}, key, { batchRows: 10, retainMs: 0 })
      new AuditTrail(counterDb, clock).append({ actor: 'c01', action: 'test.event', subject: 'unsent', detail: {} })
      await expect(pruning.drain()).rejects.toMatchObject({ code: 'STORE_UNREACHABLE' })
      expect(count()).toBe(32)
    } finally {
      counterDb.close()
    }
  })

  it('a store node restored from a backup older than what was pruned: refused with words, the gap left open', async () => {
    const { counterDb, key } = counterWithOutbox(30)
    const node = await startStoreNode({ pool: db().pool, clock, adminToken: ADMIN_TOKEN })
    try {
      const reg = await registerTerminal(db().pool)
      applyRegistration(counterDb, node.url, reg, new Date(), key)
      const pusher = new OutboxPusher(counterDb, clock, () => {}, key, { batchRows: 10, retainMs: 0 })
      expect(await pusher.drain()).toBe(30)
      expect(new Outbox(counterDb, () => new Date()).oldestSeq()).toBeNull()
      await db().pool.query('DELETE FROM journal_events WHERE terminal_uid = $1 AND seq > 12', [reg.terminal_uid])
      await db().pool.query('DELETE FROM counter_rows WHERE terminal_uid = $1 AND seq > 12', [reg.terminal_uid])
      await db().pool.query('UPDATE terminals SET acked_seq = 12 WHERE terminal_uid = $1', [reg.terminal_uid])
      new AuditTrail(counterDb, clock).append({ actor: 'c01', action: 'test.event', subject: 'late', detail: {} })

      await expect(pusher.drain()).rejects.toMatchObject({ code: 'STORE_BAD_ANSWER', message: expect.stringContaining('重新配对') })
      // The store node still says it holds up to 12: the gap is not papered over.
      const held = await db().pool.query('SELECT acked_seq::int AS acked FROM terminals WHERE terminal_uid = $1', [reg.terminal_uid])
      expect(held.rows[0].acked).toBe(12)
      expect((counterDb.prepare('SELECT last_error FROM sync_state').get() as { last_error: string }).last_error).toContain('重新配对')
    } finally {
      await node.close()
      counterDb.close()
    }
  })
})
