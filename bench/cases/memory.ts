import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { storeItemAt } from '../../dev-tools/catalog-generator'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { WEB_NODE_FLAGS } from '../../scripts/web-shell.mjs'
import { shellApi, startWebShellProcess } from '../../test/support/web-shell-process'
import { catalogued, SEED } from '../catalog-data'
import type { BenchCase, BenchResult } from '../harness'

const COUNT = Number(process.env.BENCH_MEMORY_ITEMS ?? 500_000)
const SALES = Number(process.env.BENCH_MEMORY_SALES ?? 2000)
const ROOT = resolve(import.meta.dirname, '..', '..')
/** BENCH_WEB_NODE_FLAGS="--flag …" measures other Node flags than the ones `npm start` uses. */
const FLAGS = process.env.BENCH_WEB_NODE_FLAGS !== undefined ? process.env.BENCH_WEB_NODE_FLAGS.split(' ').filter(Boolean) : WEB_NODE_FLAGS

/** Resident memory of a process as the kernel counts it (MiB): all of it, its anonymous part (heaps, SQLite's caches) and its file-backed part (code). */
interface Resident {
  rss: number
  anon: number
  file: number
}

function residentOf(pid: number): Resident {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  const mib = (k: number) => Math.round((k / 1024) * 10) / 10
  return { rss: mib(kib('VmRSS')), anon: mib(kib('RssAnon')), file: mib(kib('RssFile') + kib('RssShmem')) }
}

/**
 * A quiet moment, as between two customers: V8's memory reducer collects a few seconds after the calls
 * stop (BENCH_MEMORY_SETTLE_MS, 10 s), then the kernel's count is read.
 */
const SETTLE_MS = Number(process.env.BENCH_MEMORY_SETTLE_MS ?? 10_000)
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS))

export const cases: BenchCase[] = [
  {
    name: `core memory with ${COUNT.toLocaleString('en')} catalog items`,
    issue: 20,
    notes: 'memory',
    async run(): Promise<BenchResult[]> {
      execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: ROOT, stdio: 'ignore' })
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-memory-'))
      try {
        const dataDir = join(dir, 'data')
        const importS = await catalogued(COUNT, dataDir)
        // Every tenth item is ordinary goods: sold for cash, no prescription, no platform.
        const codes = Array.from({ length: 50 }, (_, k) => storeItemAt(SEED, Math.floor((k * COUNT) / 500) * 10 + 9).storeCode)
        const t0 = performance.now()
        const shell = await startWebShellProcess({ dataDir, built: true, nodeFlags: FLAGS })
        try {
          const call = shellApi(shell)
          const pid = shell.child.pid!
          const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!
          await call('login', { userId: cashier.id, pin: cashier.pin })
          await call('searchCatalog', { query: '阿莫', limit: 20 })
          await call('lookupStoreCode', { storeCode: codes[0] })
          const startMs = performance.now() - t0
          await settle()
          const afterStart = residentOf(pid)
          const s0 = performance.now()
          let peak = afterStart.rss
          for (let i = 0; i < SALES; i++) {
            await call('searchCatalog', { query: ['感冒', 'amxl', '维生素', '6901', 'xst'][i % 5], limit: 20 })
            const opened = await call<{ id: string }>('openSale', { lines: [{ storeCode: codes[i % codes.length], qty: '1' }], acctUsed: false })
            await call('settleSale', { saleId: opened.id, payment: { method: 'cash', tendered: '500' } })
            if (i % 100 === 99) peak = Math.max(peak, residentOf(pid).rss)
          }
          const sellMs = performance.now() - s0
          await settle()
          const afterSales = residentOf(pid)
          const note = (m: Resident) => `anonymous (V8 heap, SQLite caches, malloc) ${m.anon} MiB, file-backed (code) ${m.file} MiB`
          return [
            {
              metric: 'catalog imported before the measurement',
              value: Math.round(importS),
              unit: 's',
              note: `${COUNT} store items and their national entries, on the bench's thread`,
            },
            {
              metric: 'shell start to first search and scan answered (built, over HTTP)',
              value: Math.round(startMs),
              unit: 'ms',
              note: 'process start, cashier signed in, training platform in-process',
            },
            { metric: 'RSS after start', value: afterStart.rss, unit: 'MiB', target: '< 150 MB', note: note(afterStart) },
            {
              metric: `RSS after ${SALES} sales`,
              value: afterSales.rss,
              unit: 'MiB',
              target: '< 150 MB',
              note: `${note(afterSales)}; highest while selling ${peak} MiB; ${(sellMs / SALES).toFixed(1)} ms a sale over HTTP`,
            },
          ]
        } finally {
          await shell.stop()
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
