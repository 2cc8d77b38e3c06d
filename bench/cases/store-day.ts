import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { sealedPairingKey } from '../../electron/core/secrets/pairing-key'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { coreMigrations } from '../../electron/core/store/migrations'
import { applyRegistration, OutboxPusher, StoreLink } from '../../electron/core/sync'
import { startStoreNode } from '../../electron/store-node/http'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { reconPrepareAnswerSchema, StoreReconRunSchema, StoreZSchema } from '../../shared/contract/sync/store-day'
import { totalsRow } from '../../shared/recon/store-side'
import { startCluster, stopCluster, TEMPLATE } from '../../test/support/pg-cluster'
import { elapsedMs, type BenchCase } from '../harness'

const COUNTERS = 3
const SALES = Number(process.env.BENCH_STORE_DAY_SALES ?? 15_000)
const DAY = '2026-11-20'
const STORE = 'P41010500218'
const clock = { now: () => new Date() }

/** msgid of the n-th message of a counter on DAY: 100 a second from 09:00 CST, its own two digits. */
function msgidOf(terminalNo: number, n: number): string {
  const at = new Date(Date.UTC(2026, 10, 20, 1, 0, 0) + Math.floor(n / 100) * 1000 + 8 * 3600_000)
  const t = at.toISOString().replace(/\D/g, '').slice(0, 14)
  return `${STORE}${t}${String(terminalNo).padStart(2, '0')}${String(n % 100).padStart(2, '0')}`
}

/**
 * One counter's day as its outbox carries it to the store node: per sale the sales row, one line, and the
 * 2101 and 2102 messages (the 2102 answered with its setlinfo), about the rows the real triggers write.
 */
function fillOutbox(db: Db, terminalNo: number, sales: number): void {
  const insert = db.prepare("INSERT INTO sync_outbox (tbl, pk, op, body, created_at) VALUES (?, ?, 'insert', ?, '2026-11-20T01:00:00.000Z')")
  db.transaction(() => {
    for (let i = 0; i < sales; i++) {
      const id = `00000000-0000-4000-8${String(terminalNo).padStart(3, '0')}-${String(i).padStart(12, '0')}`
      const boxes = 1 + (i % 3)
      const medfee = 2000 * boxes
      const setlId = `ST${terminalNo}${String(i).padStart(10, '0')}`
      const setlinfo = {
        setl_id: setlId,
        mdtrt_id: `MD${terminalNo}${String(i).padStart(10, '0')}`,
        psn_no: `4101009900000000000${i % 4}`,
        insutype: i % 2 === 0 ? '310' : '390',
        clr_type: '41',
        clr_optins: '410100',
        setl_time: `${DAY} 09:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00`,
        medfee_sumamt: medfee / 100,
        fund_pay_sumamt: medfee / 200,
        acct_pay: medfee / 200,
        acct_mulaid_pay: 0,
        psn_cash_pay: 0,
        hosp_part_amt: 0,
      }
      const sale = {
        id,
        kind: 'pharmacy',
        state: 'settled',
        terminal_id: `T0${terminalNo}`,
        cashier: `C00${terminalNo}`,
        created_at: '2026-11-20T01:00:00.000Z',
        updated_at: '2026-11-20T01:00:01.000Z',
        training: 0,
        psn_no: setlinfo.psn_no,
        medfee_fen: medfee,
        goods_fen: 0,
        setl_id: setlId,
        pay_method: 'cash',
      }
      const msg = (n: number, infno: string, response: object | null) => ({
        msgid: msgidOf(terminalNo, n),
        sale_id: id,
        infno,
        state: 'answered',
        request: '{}',
        response: response && JSON.stringify(response),
        created_at: '2026-11-20T01:00:00.000Z',
        updated_at: '2026-11-20T01:00:01.000Z',
      })
      insert.run('sales', id, JSON.stringify(sale))
      insert.run(
        'sale_lines',
        `${id}|1`,
        JSON.stringify({
          sale_id: id,
          seq: 1,
          insured: 1,
          national_code: 'XC08CAA083A001010104082',
          store_code: 'S-0001',
          name: '苯磺酸氨氯地平片',
          qty: String(boxes),
          price: '20.00',
          amount_fen: medfee,
        }),
      )
      insert.run('platform_messages', msgidOf(terminalNo, 2 * i), JSON.stringify(msg(2 * i, '2101', { setlinfo: {} })))
      insert.run('platform_messages', msgidOf(terminalNo, 2 * i + 1), JSON.stringify(msg(2 * i + 1, '2102', setlinfo)))
    }
  })()
}

export const cases: BenchCase[] = [
  {
    name: `store day: reconcile and close ${SALES.toLocaleString('en')} sales at ${COUNTERS} counters`,
    issue: 15,
    notes: 'store-day',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-pg-'))
      const cluster = await startCluster(dir, process.pid, { durable: true })
      const pool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: TEMPLATE, max: 4 })
      const counterDirs: string[] = []
      try {
        const registry = new TerminalRegistry(pool, clock)
        await registry.addStore(STORE, '基准药房')
        const node = await startStoreNode({ pool, clock, adminToken: 'bench' })
        const links: { key: string; uid: string }[] = []
        const pushStart = process.hrtime.bigint()
        let rows = 0
        for (let t = 0; t < COUNTERS; t++) {
          const label = `${t + 1} 号收银台`
          const reg = await registry.pair((await registry.newPairingCode(STORE, label)).code, label)
          const counterDir = mkdtempSync(join(tmpdir(), 'gongji-bench-'))
          counterDirs.push(counterDir)
          const db = openDatabase(join(counterDir, 'gongji.db'), coreMigrations)
          const key = sealedPairingKey(new SecretStore(db, clock, fileKeyBox(counterDir)))
          applyRegistration(db, node.url, reg, new Date(), key)
          fillOutbox(db, reg.terminal_no, SALES / COUNTERS)
          // The counter's own pusher, which reports its watermark once its outbox is empty.
          rows += await new OutboxPusher(db, clock, () => {}, key, { batchRows: 1000 }).drain()
          links.push({ key: reg.pairing_key, uid: reg.terminal_uid })
          db.close()
        }
        const pushMs = elapsedMs(pushStart)

        // The store node's share of the manager's reconcile and close, over HTTP as the manager's counter asks
        // it: the store side over every counter's synced settlements (prepare: 3201 totals with their msgids,
        // the 3202 file), the run kept with the platform's agreement, the store close with its Z. The messages
        // to the platform themselves are the single-counter case's (3201 × 12, 255 ms on a 5,000-sale day).
        const link = new StoreLink(node.url, 120_000)
        const m = links[0]
        const t0 = process.hrtime.bigint()
        const prep = await link.call('/store/v1/recon/prepare', m.key, m.uid, { day: DAY, setl_optins: '410100' }, reconPrepareAnswerSchema)
        const prepareMs = elapsedMs(t0)
        const t1 = process.hrtime.bigint()
        const agreed = { setl_optins: '410100', stmt_rslt: '0' as const, stmt_rslt_dscr: '对账一致' }
        const totals = prep.totals.map(({ msgid: _msgid, ...g }) => totalsRow(g, agreed))
        const run = await link.call(
          '/store/v1/recon/record',
          m.key,
          m.uid,
          { day: DAY, actor: 'bench', fingerprint: prep.fingerprint, totals, detail: null, differences: [] },
          StoreReconRunSchema,
        )
        const recordMs = elapsedMs(t1)
        const t2 = process.hrtime.bigint()
        const z = await link.call('/store/v1/day/close', m.key, m.uid, { day: DAY, actor: 'bench', incomplete_note: null }, StoreZSchema)
        const closeMs = elapsedMs(t2)
        const total = prepareMs + recordMs + closeMs
        if (run.status !== 'agreed' || !run.complete || z.report.figures.sales !== SALES)
          throw new Error(`unexpected: ${run.status} ${run.complete} ${z.report.figures.sales}`)
        await node.close()
        const note = `load average ${loadavg()[0].toFixed(1)}`
        return [
          {
            metric: `push: ${COUNTERS} counters' outboxes to the store node`,
            value: Math.round(pushMs),
            unit: 'ms',
            note: `${rows.toLocaleString('en')} outbox rows (4 a sale), fsync on`,
          },
          {
            metric: 'store side (prepare: 3201 totals, msgids 00, 3202 detail file)',
            value: Math.round(prepareMs),
            unit: 'ms',
            note: `${prep.totals.length} totals, detail file of ${prep.detail.count} rows`,
          },
          { metric: 'reconciliation run kept (agreed, watermarks checked)', value: Math.round(recordMs), unit: 'ms' },
          {
            metric: 'store close (store side again, fingerprint, Z with sections)',
            value: Math.round(closeMs),
            unit: 'ms',
            note: `${z.report.byCounter.length} counters, ${z.report.byCashier.length} cashiers`,
          },
          { metric: 'store reconcile and close, store node total', value: Math.round(total), unit: 'ms', target: '< 2,000', note },
        ]
      } finally {
        await pool.end()
        stopCluster(cluster)
        for (const d of counterDirs) rmSync(d, { recursive: true, force: true })
      }
    },
  },
]
