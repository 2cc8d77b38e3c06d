/**
 * Run by bench/cases/memory.ts in a child process, so only the core's own memory is measured: builds the
 * core on a data directory whose catalog is already imported, signs a cashier in, reports memory, sells
 * through the contract, reports again. Prints one JSON line.
 * Usage: node --expose-gc --import tsx bench/memory-child.ts <dataDir> <sales> <goods store codes, comma-separated>
 */
import { createCore } from '../electron/core/core'
import { trainingPlatform } from '../electron/sandbox/training'
import { signIn } from '../test/support/core-session'

const [dataDir, salesArg, codesArg] = process.argv.slice(2)
const sales = Number(salesArg)
const codes = codesArg.split(',')
const gc = (globalThis as { gc?: () => void }).gc

function memory() {
  // After a full collection: what stays resident, not garbage waiting for the next one.
  gc?.()
  const m = process.memoryUsage()
  const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10
  return { rss: mib(m.rss), heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers) }
}

const t0 = performance.now()
const core = await createCore({ dataDir, shell: 'web', version: 'bench' }, { training: trainingPlatform(), log: () => {} })
await signIn(core, 'cashier')
const call = async (name: string, input: unknown) => {
  const res = await core.dispatch(name as never, input as never)
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`)
  return res.value
}
// Ready as a cashier sees it: the first search and the first scan answered.
await call('searchCatalog', { query: '阿莫', limit: 20 })
await call('lookupStoreCode', { storeCode: codes[0] })
const startMs = performance.now() - t0
const afterStart = memory()

const s0 = performance.now()
for (let i = 0; i < sales; i++) {
  // A cashier types a few letters, then sells the item (ordinary goods, cash).
  await call('searchCatalog', { query: ['感冒', 'amxl', '维生素', '6901', 'xst'][i % 5], limit: 20 })
  const opened = (await call('openSale', { lines: [{ storeCode: codes[i % codes.length], qty: '1' }], acctUsed: false })) as { id: string }
  await call('settleSale', { saleId: opened.id, payment: { method: 'cash', tendered: '500' } })
}
const sellMs = performance.now() - s0
const afterSales = memory()
await core.close()
console.log(JSON.stringify({ startMs, sellMs, afterStart, afterSales }))
