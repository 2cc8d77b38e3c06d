import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { PHARMACY_WIRE } from '../../electron/core/sale/wire'
import { PlatformClient } from '../../electron/core/platform/client'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { createTifTransport, type PlatformTransport } from '../../electron/core/platform/transport'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { DEMO, startSandbox } from '../../electron/sandbox'
import { admin, identify, NIFEDIPINE, PHARMACY } from '../../test/support/journal-rig'
import { elapsedMs, percentile, type BenchCase } from '../harness'

const SALES = 300
const clock = { now: () => new Date() }

export const cases: BenchCase[] = [
  {
    name: 'settlement client overhead',
    issue: 4,
    async run() {
      const sandbox = await startSandbox({ seed: 'demo' })
      await admin(sandbox, 'PUT', 'mutual-aid/MA0000000001/quota', { amount: 3000 })
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-'))
      const db = openDatabase(join(dir, 'gongji.db'), coreMigrations)
      const msgids = new MsgidSequence(db, clock, PHARMACY.fixmedins_code, 1)
      // Each outermost transaction is one commit, and with synchronous=FULL one flush of the WAL to disk.
      let commits = 0
      let inCommitsMs = 0
      const transaction = db.transaction.bind(db)
      db.transaction = ((fn: (...args: never[]) => unknown) => {
        const tx = transaction(fn)
        return (...args: never[]) => {
          if (db.inTransaction) return tx(...args)
          commits += 1
          const t = process.hrtime.bigint()
          try {
            return tx(...args)
          } finally {
            inCommitsMs += elapsedMs(t)
          }
        }
      }) as typeof db.transaction
      // Time spent waiting on the platform is subtracted: what is left is ours (journal, zod, envelope).
      let platformMs = 0
      const roundTrips: number[] = []
      const real = createTifTransport({ baseUrl: sandbox.url, paasid: DEMO.paasid, secret: DEMO.secret, timeoutMs: 5000, clock })
      const timed: PlatformTransport = {
        async post(path, body) {
          const t = process.hrtime.bigint()
          try {
            return await real.post(path, body)
          } finally {
            const ms = elapsedMs(t)
            platformMs += ms
            roundTrips.push(ms)
          }
        },
      }
      const platform = new PlatformClient(
        { fixmedinsCode: PHARMACY.fixmedins_code, fixmedinsName: PHARMACY.fixmedins_name, admdvs: PHARMACY.admdvs, opter: 'C001', opterName: '收银员' },
        timed,
        msgids,
        clock,
      )
      const journal = new SaleJournal(db, clock, { platform, msgids }, new AuditTrail(db, clock), { terminalId: 'T01', wires: { pharmacy: PHARMACY_WIRE } })
      const member = await identify(sandbox, platform, DEMO.people.wangFather.psn_no)
      const overhead: number[] = []
      const inCommits: number[] = []
      roundTrips.length = 0
      commits = 0
      for (let i = 0; i < SALES; i++) {
        platformMs = 0
        inCommitsMs = 0
        const t = process.hrtime.bigint()
        const sale = journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
        await journal.presettle(sale.id, 'C001')
        await journal.settle(sale.id, 'C001')
        overhead.push(elapsedMs(t) - platformMs)
        inCommits.push(inCommitsMs)
      }
      const commitsPerSale = commits / SALES

      // Durable writes: the intent transaction alone (msgid, message row, state, audit), fsync'd.
      const writes = 500
      const t = process.hrtime.bigint()
      for (let i = 0; i < writes; i++) {
        db.transaction(() => {
          msgids.next()
          db.prepare('INSERT INTO counters (name, value) VALUES (?, 0)').run(`bench-${i}`)
        })()
      }
      const perSecond = Math.round(writes / (elapsedMs(t) / 1000))
      db.close()
      rmSync(dir, { recursive: true, force: true })
      await sandbox.close()
      const r = (n: number) => Math.round(n * 100) / 100
      return [
        { metric: 'client overhead per settled sale p50 (open + 2101 + 2102, platform time excluded)', value: r(percentile(overhead, 50)), unit: 'ms' },
        { metric: 'client overhead per settled sale p99', value: r(percentile(overhead, 99)), unit: 'ms' },
        { metric: 'durable journal transactions (WAL, synchronous=FULL)', value: perSecond, unit: 'per s' },
        { metric: 'durable commits per settled sale (each one WAL flush)', value: r(commitsPerSale), unit: '' },
        {
          metric: 'of the overhead, inside those transactions p50 (statements and the WAL flush; swings with the disk)',
          value: r(percentile(inCommits, 50)),
          unit: 'ms',
        },
        { metric: 'platform round trip per call p50 (transport, HTTP and the in-process sandbox)', value: r(percentile(roundTrips, 50)), unit: 'ms' },
      ]
    },
  },
]
