import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { sealedPairingKey } from '../../electron/core/secrets/pairing-key'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { applyRegistration, OutboxPusher } from '../../electron/core/sync'
import { startStoreNode } from '../../electron/store-node/http'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { startCluster, stopCluster, TEMPLATE } from '../../test/support/pg-cluster'
import { elapsedMs, type BenchCase } from '../harness'

const ROWS = 30_000
const BATCH = 1000
const clock = { now: () => new Date() }

/** A settled insured sale's row as the outbox carries it (about 1 KB, like the real trigger's body). */
function saleBody(i: number): string {
  return JSON.stringify({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    kind: 'pharmacy',
    state: 'settled',
    terminal_id: 'T01',
    cashier: 'c01',
    created_at: '2026-12-05T09:00:00.000Z',
    updated_at: '2026-12-05T09:00:01.000Z',
    training: 0,
    psn_no: '41010099000000000001',
    insuplc_admdvs: '410100',
    insutype: '310',
    psn_type: '1101',
    cert_type: '02',
    name_masked: '王*国',
    med_type: '41',
    acct_used: 1,
    medfee_fen: 3960,
    goods_fen: 1500,
    setl_id: `ST20261205090000${String(i).padStart(8, '0')}`,
    settled_msgid: `P41010500218202612050900000${String(i % 1000).padStart(3, '0')}`,
    setlinfo: JSON.stringify({ medfee_sumamt: 39.6, fund_pay_sumamt: 20.5, acct_pay: 19.1, psn_cash_pay: 0, hifp_pay: 20.5, setl_time: '2026-12-05 09:00:01' }),
    pay_method: 'cash',
    cash_due_fen: 1500,
    tendered_fen: 2000,
    change_fen: 500,
  })
}

export const cases: BenchCase[] = [
  {
    name: 'store node ingest',
    issue: 15,
    notes: 'store-node',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-pg-'))
      // PostgreSQL's defaults (fsync on): a commit per batch is a real flush.
      const cluster = await startCluster(dir, process.pid, { durable: true })
      const pool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: TEMPLATE, max: 4 })
      const counterDir = mkdtempSync(join(tmpdir(), 'gongji-bench-'))
      try {
        const registry = new TerminalRegistry(pool, clock)
        await registry.addStore('P41010500218', '基准药房')
        const { code } = await registry.newPairingCode('P41010500218', '一号收银台')
        const reg = await registry.pair(code, '一号收银台')
        const node = await startStoreNode({ pool, clock, adminToken: 'bench' })
        // The store node's own share: from a push's arrival to its answer (parse, check, one transaction).
        let serverNs = 0n
        node.server.on('request', (_req, res) => {
          const at = process.hrtime.bigint()
          res.once('finish', () => (serverNs += process.hrtime.bigint() - at))
        })
        const db = openDatabase(join(counterDir, 'gongji.db'), coreMigrations)
        const key = sealedPairingKey(new SecretStore(db, clock, fileKeyBox(counterDir)))
        applyRegistration(db, node.url, reg, new Date(), key)
        const insert = db.prepare("INSERT INTO sync_outbox (tbl, pk, op, body, created_at) VALUES ('sales', ?, 'update', ?, '2026-12-05T09:00:01.000Z')")
        db.transaction(() => {
          for (let i = 0; i < ROWS; i++) insert.run(`S${i}`, saleBody(i))
        })()
        // The counter's own pusher over HTTP: outbox read, hashing, JSON, zod on both sides, one transaction per batch.
        const t = process.hrtime.bigint()
        const pushed = await new OutboxPusher(db, clock, () => {}, key, { batchRows: BATCH }).drain()
        const ms = elapsedMs(t)
        if (pushed !== ROWS) throw new Error(`pushed ${pushed} of ${ROWS}`)
        db.close()
        await node.close()
        return [
          {
            metric: `outbox rows ingested per second (${ROWS.toLocaleString('en')} sale rows of ~1 KB, batches of ${BATCH}, fsync on)`,
            value: Math.round((ROWS / ms) * 1000),
            unit: 'rows/s',
            target: '≥ 5,000',
            note: `load average ${loadavg()[0].toFixed(1)} during the run`,
          },
          {
            metric: 'of which inside the store node (request to answer: parse, checks, one PostgreSQL transaction per batch)',
            value: Math.round((Number(serverNs) / 1e6 / ms) * 100),
            unit: '%',
            note: `the store node alone would take ${Math.round(ROWS / (Number(serverNs) / 1e9)).toLocaleString('en')} rows/s; the rest is the counter's pusher (outbox read, hashing, JSON) and waiting between batches, which it sends one at a time`,
          },
        ]
      } finally {
        await pool.end()
        stopCluster(cluster)
        rmSync(counterDir, { recursive: true, force: true })
      }
    },
  },
]
