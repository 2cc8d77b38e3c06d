import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { applyRegistration, Outbox, OutboxPusher, StoreLinkError } from '../../electron/core/sync'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { ingestBatch } from '../../electron/store-node/ingest'
import { usePostgres } from '../support/postgres'
import { nodeProcess } from './node-process'
import { useTempDir } from '../support/temp-dir'
import { clock, heldState, pairingKeyOf, pushRequest, registerTerminal } from './store-rig'

const db = usePostgres()
const tempDir = useTempDir()

describe('the store node killed between its commit and its answer', () => {
  it('holds the batch the counter never heard about; the counter pushes it again and the end state is one clean application', async () => {
    const t = db()
    const counterDb = openDatabase(join(tempDir(), 'gongji.db'), coreMigrations)
    const audit = new AuditTrail(counterDb, clock)
    for (let i = 0; i < 100; i++) audit.append({ actor: 'c01', action: 'test.event', subject: `S${i}`, detail: { i } })
    const reg = await registerTerminal(t.pool)
    const first = await nodeProcess(t, 2)
    const key = pairingKeyOf(counterDb, tempDir())
    applyRegistration(counterDb, first.url, reg, new Date(), key)
    const outbox = new Outbox(counterDb, () => new Date())
    expect(outbox.count()).toBe(100)
    const pusher = new OutboxPusher(counterDb, clock, () => {}, key, { batchRows: 30 })
    const lost = await pusher.drain().catch((e: unknown) => e)
    expect(lost).toBeInstanceOf(StoreLinkError)
    expect((lost as StoreLinkError).code).toBe('STORE_UNREACHABLE')
    expect(await first.exited).toBe('SIGKILL')
    // The second batch is committed at the store node, but the counter only heard of the first.
    expect(outbox.state()!.ackedSeq).toBe(30)
    expect((await heldState(t.pool, reg.terminal_uid)).terminal.acked_seq).toBe(60)

    const second = await nodeProcess(t, 0)
    counterDb.prepare('UPDATE sync_state SET store_url = ?').run(second.url)
    expect(await pusher.drain()).toBe(70)
    expect(outbox.state()!.ackedSeq).toBe(100)
    await second.stop()

    const clean = await registerTerminal(t.pool)
    await ingestBatch(t.pool, clock, pushRequest(clean, outbox.pending(0, 1000)))
    expect(await heldState(t.pool, reg.terminal_uid)).toEqual(await heldState(t.pool, clean.terminal_uid))
    counterDb.close()
  })
})
