import { expect, it } from 'vitest'
import { issueStoreMsgids } from '../../electron/store-node/store-day/msgids'
import { recordCaughtUp, storeTerminals, waitingFor } from '../../electron/store-node/store-day/watermarks'
import { inTransaction } from '../../electron/store-node/migrations'
import { msgidParts } from '../../shared/contract/sync/msgid'
import { usePostgres } from '../support/postgres'
import { clock, outboxRow, pushRequest, registerTerminal, STORE } from './store-rig'
import { ingestBatch } from '../../electron/store-node/ingest'

const db = usePostgres()

it('believes a counter caught up only for rows the store node holds, never past its own clock', async () => {
  const { pool } = db()
  const reg = await registerTerminal(pool, '二号收银台')
  await ingestBatch(pool, clock, pushRequest(reg, [outboxRow(1, { a: 1 }), outboxRow(2, { a: 2 })]))
  const now = new Date('2026-12-05T10:42:00Z')
  // It says it has nothing after seq 3, but the store node holds only 2: a row is on its way.
  expect(await recordCaughtUp(pool, reg.terminal_uid, 3, now, now)).toBeNull()
  // A counter clock an hour ahead cannot report the future.
  expect(await recordCaughtUp(pool, reg.terminal_uid, 2, new Date('2026-12-05T11:42:00Z'), now)).toEqual(now)
  // An older report never moves the watermark back.
  expect(await recordCaughtUp(pool, reg.terminal_uid, 2, new Date('2026-12-05T10:00:00Z'), now)).toEqual(now)

  // Complete for a day that ended before the report; for today, only past the moment asked.
  const day = '2026-12-05'
  const before = await storeTerminals(pool, STORE, day, new Date('2026-12-05T10:41:59Z'))
  const after = await storeTerminals(pool, STORE, day, new Date('2026-12-05T10:42:01Z'))
  expect(before.find((t) => t.terminalNo === reg.terminal_no)!.complete).toBe(true)
  expect(after.find((t) => t.terminalNo === reg.terminal_no)!.complete).toBe(false)
  expect(waitingFor(after, day)).toContain(`T${String(reg.terminal_no).padStart(2, '0')} 二号收银台 最后上报于 18:42`)
  expect((await storeTerminals(pool, STORE, '2026-12-04', new Date('2026-12-05T10:42:01Z'))).find((t) => t.terminalNo === reg.terminal_no)!.complete).toBe(true)
})

it('issues the store node’s own msgids under terminal 00, never twice, however many ask at once', async () => {
  const { pool } = db()
  await registerTerminal(pool)
  const batches = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const c = await pool.connect()
      try {
        return await inTransaction(c, () => issueStoreMsgids(c, clock, STORE, 30))
      } finally {
        c.release()
      }
    }),
  )
  const all = batches.flat()
  expect(new Set(all).size).toBe(240)
  for (const m of all) expect(msgidParts(m)).toMatchObject({ institution: STORE, terminalNo: 0 })
})

it('never changes a store Z once written', async () => {
  const { pool } = db()
  await expect(pool.query('UPDATE store_day_closes SET note = $1', ['x'])).resolves.toMatchObject({ rowCount: 0 })
  const reg = await registerTerminal(pool)
  const run = await pool.query(
    `INSERT INTO store_recon_runs (store_id, day, at, actor, actor_terminal, status, totals, fingerprint, waiting_for) VALUES ($1, '2026-12-05', now(), 'm', $2, 'agreed', '[]', 'f', '[]') RETURNING id`,
    [STORE, reg.terminal_uid],
  )
  await pool.query(
    `INSERT INTO store_day_closes (store_id, day, part, closed_at, closed_by, recon_run_id, recon_status, terminals, covered, report) VALUES ($1, '2026-12-05', 0, now(), 'm', $2, 'agreed', '[]', '[]', '{}')`,
    [STORE, run.rows[0].id],
  )
  await expect(pool.query('UPDATE store_day_closes SET note = $1', ['x'])).rejects.toThrow(/never changed/)
  await expect(pool.query('DELETE FROM store_day_closes')).rejects.toThrow(/never changed/)
})
