import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StoreNodeError } from '../../electron/store-node/errors'
import { ingestBatch } from '../../electron/store-node/ingest'
import { usePostgres } from '../support/postgres'
import { clock, heldState, outboxRow, pushRequest, registerTerminal } from './store-rig'

const db = usePostgres()

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof StoreNodeError) return e.code
    throw e
  }
  throw new Error('not refused')
}

describe('ingestion of pushed outbox rows', () => {
  it('ends in the state of one clean application, whatever the duplicates, order and replays (property)', async () => {
    const { pool } = db()
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        // Each push: which seqs, in which order (duplicates allowed); the last push carries everything, so all arrive.
        fc.array(fc.array(fc.nat(39), { minLength: 1, maxLength: 25 }), { maxLength: 8 }),
        fc.integer(),
        async (n, pushes, salt) => {
          const rows = Array.from({ length: n }, (_, i) => outboxRow(i + 1, { id: `S${(i + 1) % 7}`, v: i + 1, salt }))
          const clean = await registerTerminal(pool)
          expect(await ingestBatch(pool, clock, pushRequest(clean, rows))).toBe(n)

          const messy = await registerTerminal(pool)
          const held = new Set<number>()
          for (const pick of [...pushes, [...rows.keys()].reverse()]) {
            const batch = pick.map((i) => rows[i % n])
            const acked = await ingestBatch(pool, clock, pushRequest(messy, batch))
            for (const r of batch) held.add(r.seq)
            let contiguous = 0
            while (held.has(contiguous + 1)) contiguous++
            // The answer is the highest seq held with no gap below it, never more.
            expect(acked).toBe(contiguous)
          }
          // ... and a replay of everything (a lost answer) changes nothing.
          expect(await ingestBatch(pool, clock, pushRequest(messy, rows))).toBe(n)
          expect(await heldState(pool, messy.terminal_uid)).toEqual(await heldState(pool, clean.terminal_uid))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('refuses a seq pushed again with other content, keeps nothing of that batch, blocks the counter and raises an alarm', async () => {
    const { pool } = db()
    const reg = await registerTerminal(pool)
    const first = [1, 2, 3].map((s) => outboxRow(s, { id: 'A', v: s }))
    await ingestBatch(pool, clock, pushRequest(reg, first))
    const before = await heldState(pool, reg.terminal_uid)

    // A restored backup: seq 4 is new, seq 2 says something else.
    const restored = [outboxRow(4, { id: 'A', v: 4 }), outboxRow(2, { id: 'A', v: 'other' })]
    expect(await refusal(ingestBatch(pool, clock, pushRequest(reg, restored)))).toBe('SYNC_BODY_CONFLICT')
    const after = await heldState(pool, reg.terminal_uid)
    expect(after.events).toEqual(before.events)
    expect(after.rows).toEqual(before.rows)
    expect(after.terminal.blocked_at).not.toBeNull()
    const alarms = await pool.query('SELECT code FROM alarms WHERE terminal_uid = $1', [reg.terminal_uid])
    expect(alarms.rows).toEqual([{ code: 'SYNC_BODY_CONFLICT' }])
    // Blocked: even an honest push is refused until a manager pairs the counter again.
    expect(await refusal(ingestBatch(pool, clock, pushRequest(reg, [outboxRow(4, { id: 'A', v: 4 })])))).toBe('TERMINAL_BLOCKED')
  })

  it('refuses one seq twice in a batch with two contents, and a body that does not match its hash', async () => {
    const { pool } = db()
    const reg = await registerTerminal(pool)
    expect(await refusal(ingestBatch(pool, clock, pushRequest(reg, [outboxRow(1, { v: 1 }), outboxRow(1, { v: 2 })])))).toBe('SYNC_BODY_CONFLICT')
    const forged = { ...outboxRow(1, { v: 1 }), body: JSON.stringify({ v: 9 }) }
    expect(await refusal(ingestBatch(pool, clock, pushRequest(reg, [forged])))).toBe('SYNC_BODY_HASH')
    expect((await heldState(pool, reg.terminal_uid)).events).toEqual([])
  })
})
