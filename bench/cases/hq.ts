import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { chainBoard } from '../../electron/store-node/hq/board'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import { chainReport } from '../../electron/store-node/hq/reports'
import { startCluster, stopCluster, TEMPLATE } from '../../test/support/pg-cluster'
import { ChainStore, clock, PEOPLE, startHq } from '../../test/store-node/chain-rig'
import { elapsedMs, type BenchCase } from '../harness'

const COUNTERS = 3
const SALES = Number(process.env.BENCH_HQ_SALES ?? 15_000)
const DAY = '2026-11-20'
const BATCH = 2000

export const cases: BenchCase[] = [
  {
    name: `HQ: a store's ${SALES.toLocaleString('en')}-sale day pushed up, reported and on the board`,
    issue: 15,
    notes: 'hq',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-pg-'))
      const cluster = await startCluster(dir, process.pid, { durable: true })
      const admin = new pg.Client({ host: cluster.socketDir, user: cluster.user, database: 'postgres' })
      await admin.connect()
      await admin.query(`CREATE DATABASE hq_bench TEMPLATE ${TEMPLATE}`)
      await admin.end()
      const storePool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: TEMPLATE, max: 4 })
      const hqPool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: 'hq_bench', max: 4 })
      try {
        const hq = await startHq(hqPool)
        const store = await ChainStore.start(storePool, 'P41010500218', '基准药房', '410105', COUNTERS, { batchRows: BATCH })
        for (const c of store.counters) {
          for (let i = 0; i < SALES / COUNTERS; i += 500) {
            const rows = Array.from({ length: 500 }, (_, k) =>
              c.saleRows({
                day: DAY,
                person: (i + k) % PEOPLE.length,
                fund: 1500,
                account: 300,
                mutualAid: (i + k) % 5 === 0 ? 200 : 0,
                cash: 500,
                goods: 0,
                insutype: '310',
                refunded: (i + k) % 10 === 0,
              }),
            ).flat()
            await c.push(rows)
          }
        }
        const rows = store.counters.reduce((n, c) => n + c.seq, 0)
        const { code } = await new HqRegistry(hqPool, clock).newPairingCode(store.storeId, '基准药房', '410105')
        await store.uplink().link(store.storeId, hq.url, code)
        const t = process.hrtime.bigint()
        const sent = await store.uplink().drain()
        const pushMs = elapsedMs(t)
        if (sent !== rows) throw new Error(`sent ${sent} of ${rows}`)
        const r0 = process.hrtime.bigint()
        const report = await chainReport(hqPool, DAY, DAY)
        const reportMs = elapsedMs(r0)
        const b0 = process.hrtime.bigint()
        await chainBoard(hqPool, DAY, new Date())
        const boardMs = elapsedMs(b0)
        if (report.total.sales !== SALES) throw new Error(`HQ counted ${report.total.sales} sales of ${SALES}`)
        await store.close()
        await hq.close()
        const load = `load average ${loadavg()[0].toFixed(1)}`
        return [
          { metric: `store → HQ: ${rows.toLocaleString('en')} rows of the day pushed up`, value: Math.round(pushMs), unit: 'ms', note: load },
          {
            metric: 'store → HQ rate',
            value: Math.round((rows / pushMs) * 1000),
            unit: 'rows/s',
            note: 'personal keys stripped at the store and checked again at HQ',
          },
          { metric: "HQ's consolidated report of the store's day", value: Math.round(reportMs), unit: 'ms' },
          { metric: 'the board for the day', value: Math.round(boardMs), unit: 'ms' },
        ]
      } finally {
        await storePool.end()
        await hqPool.end()
        stopCluster(cluster)
      }
    },
  },
]
