import { describe, expect, it } from 'vitest'
import { SYNC_TABLES } from '../../shared/contract/sync/wire'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { applyRegistration, Outbox, OutboxPusher, StoreLink } from '../../electron/core/sync'
import { usePostgres } from '../support/postgres'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import type { Counter } from '../sale/counter-rig'
import { clock, pairingKeyOf, settleInsuredSale, STORE, useStoreNode } from './store-rig'

const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)

type Row = Record<string, unknown>

/** The newest outbox body of each row, keyed `tbl|pk`. */
function latestBodies(counter: Counter): Map<string, Row> {
  const rows = counter.core.db.prepare('SELECT tbl, pk, body FROM sync_outbox ORDER BY seq').all() as { tbl: string; pk: string; body: string }[]
  return new Map(rows.map((r) => [`${r.tbl}|${r.pk}`, JSON.parse(r.body) as Row]))
}

/** Pairs the counter with the test's store node, as the manager's code and the counter's answer would. */
async function pair(counter: Counter, label: string) {
  const { code } = await new TerminalRegistry(db().pool, clock).newPairingCode(STORE, label)
  const reg = await new StoreLink(rig.node().url).pair(code, label)
  applyRegistration(counter.core.db, rig.node().url, reg, new Date(), await keyOf(counter))
  return reg
}

async function keyOf(counter: Counter) {
  return pairingKeyOf(counter.core.db, (await counter.call('appInfo', {})).dataDir)
}

describe('the counter outbox (migration 0200)', () => {
  it('records every change of a real settled sale, as the tables hold it, without the identity document', async () => {
    const counter = await rig.counter(tempDir())
    await pair(counter, '一号收银台')
    const settled = await settleInsuredSale(counter)
    expect(settled.state).toBe('settled')
    const d = counter.core.db
    const latest = latestBodies(counter)

    const sale = d.prepare('SELECT * FROM sales WHERE id = ?').get(settled.id) as Row
    const { cert_no: certNo, ...saleWithoutCert } = sale
    expect(certNo).toBeNull() // never stored (personal data at rest); the outbox leaves the column out all the same
    expect(latest.get(`sales|${settled.id}`)).toEqual(saleWithoutCert)
    for (const line of d.prepare('SELECT * FROM sale_lines WHERE sale_id = ?').all(settled.id) as Row[]) {
      expect(latest.get(`sale_lines|${line.sale_id}|${line.seq}`)).toEqual(line)
    }
    const messages = d.prepare('SELECT * FROM platform_messages WHERE sale_id = ?').all(settled.id) as Row[]
    expect(messages.map((m) => m.infno)).toEqual(['2102'])
    for (const m of messages) {
      const body = latest.get(`platform_messages|${m.msgid}`)!
      expect(body).toMatchObject({ msgid: m.msgid, state: m.state, updated_at: m.updated_at })
      expect(JSON.parse(body.response as string)).toEqual(JSON.parse(m.response as string))
      // The answer as it came may name the person: it stays on the counter.
      expect(m.raw_answer).toEqual(expect.any(String))
      expect(body).not.toHaveProperty('raw_answer')
      // The stored request has the ID document withheld (personal data at rest); the outbox copy leaves even that out.
      const { mdtrt_cert_no: sent, ...rest } = (JSON.parse(m.request as string) as { data: Row }).data
      expect(sent).toBe('withheld')
      expect((JSON.parse(body.request as string) as { data: Row }).data).toEqual(rest)
    }
    for (const a of d.prepare('SELECT * FROM audit_log').all() as Row[]) expect(latest.get(`audit_log|${a.seq}`)).toEqual(a)
    const all = d.prepare('SELECT group_concat(body) AS text FROM sync_outbox').get() as { text: string }
    expect(all.text).not.toContain('mdtrt_cert_no')
  })

  it('is written in the same transaction as the change: a rolled-back change leaves no outbox row', async () => {
    const counter = await rig.counter(tempDir())
    await pair(counter, '一号收银台')
    const settled = await settleInsuredSale(counter)
    const d = counter.core.db
    const before = d.prepare('SELECT max(seq) AS seq, count(*) AS n FROM sync_outbox').get()
    expect(() =>
      d.transaction(() => {
        d.prepare("UPDATE sales SET state = 'refunded' WHERE id = ?").run(settled.id)
        throw new Error('the platform refused')
      })(),
    ).toThrow('the platform refused')
    expect(d.prepare('SELECT max(seq) AS seq, count(*) AS n FROM sync_outbox').get()).toEqual(before)
  })

  it('stays empty on a standalone counter; pairing puts in what the counter held, and the pusher empties it into the store node', async () => {
    const counter = await rig.counter(tempDir())
    const settled = await settleInsuredSale(counter)
    const d = counter.core.db
    const outbox = new Outbox(d, () => new Date())
    expect(outbox.state()).toBeUndefined()
    expect(outbox.count()).toBe(0)
    expect(await new OutboxPusher(d, clock, () => {}, await keyOf(counter)).drain()).toBe(0)

    const reg = await pair(counter, '一号收银台')
    const total = outbox.count()
    const tables = d.prepare('SELECT tbl, count(*) AS n FROM sync_outbox GROUP BY tbl ORDER BY tbl').all()
    const rowsNow = [...SYNC_TABLES].sort().map((tbl) => ({ tbl, n: (d.prepare(`SELECT count(*) AS n FROM ${tbl}`).get() as { n: number }).n }))
    expect(tables).toEqual(rowsNow.filter((t) => t.n > 0))
    expect((tables as { tbl: string }[]).map((t) => t.tbl)).toEqual(expect.arrayContaining(['audit_log', 'platform_messages', 'sale_lines', 'sales']))
    expect(await new OutboxPusher(d, clock, () => {}, await keyOf(counter), { batchRows: 7 }).drain()).toBe(total)
    expect(outbox.state()!.ackedSeq).toBe((d.prepare('SELECT max(seq) AS s FROM sync_outbox').get() as { s: number }).s)

    const { pool } = db()
    const held = await pool.query('SELECT count(*)::int AS n FROM journal_events WHERE terminal_uid = $1', [reg.terminal_uid])
    expect(held.rows[0].n).toBe(total)
    const projected = await pool.query("SELECT body FROM counter_rows WHERE terminal_uid = $1 AND tbl = 'sales' AND pk = $2", [reg.terminal_uid, settled.id])
    expect(projected.rows[0].body).toMatchObject({ state: 'settled', setl_id: settled.settlementId })
    expect(projected.rows[0].body).not.toHaveProperty('cert_no')
  })

  it('is pushed by the core itself once the counter is paired (the sync concern starts the pusher)', async () => {
    const dir = tempDir()
    let counter = await rig.counter(dir)
    await settleInsuredSale(counter)
    await pair(counter, '二号收银台')
    await counter.close()

    counter = await rig.counter(dir)
    const outbox = new Outbox(counter.core.db, () => new Date())
    const reg = outbox.state()!
    // Held there, and the counter heard so: acked_seq is the outbox's last seq.
    await eventually(
      'the outbox at the store node',
      async () => ({
        held: (await db().pool.query('SELECT count(*)::int AS n FROM journal_events WHERE terminal_uid = $1', [reg.terminalUid])).rows[0].n as number,
        count: outbox.count(),
        acked: outbox.state()!.ackedSeq,
      }),
      (v) => v.held > 0 && v.held === v.count && v.acked === v.count,
    )
  })
})
