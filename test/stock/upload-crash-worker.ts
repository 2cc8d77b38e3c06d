/**
 * A counter process for the upload crash test: receives a box, sells it to an insured customer while the
 * platform holds every 3505 it is sent, and kills itself with SIGKILL once the sale is settled — the
 * sale's upload committed with the answer, on the wire, unanswered.
 * Usage: upload-crash-worker.ts DATA_DIR
 */
import { IBUPROFEN, startStore, traceCode } from './stock-rig'
import { recordFacts, drained } from './uploads-rig'

const store = await startStore(process.argv[2])
await recordFacts(store)
await store.call('setStockUploadFact', { scope: 'item', key: IBUPROFEN, field: 'aprvno', value: '国药准字H10900089' })
const code = traceCode()
await store.receive(IBUPROFEN, 'K1', 2, { traceCodes: [code] })
await drained(store)
await store.faults({ latency_ms: 60_000, infnos: ['3505'] })
const member = await store.member('wangFather')
const sale = await store.call('openSale', { memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [code] }], acctUsed: false })
await store.call('presettleSale', { saleId: sale.id })
await store.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '100' } })
process.stdout.write(JSON.stringify({ saleId: sale.id }) + '\n')
// Let the forwarder put the 3505 on the wire, where the platform holds it; then die without a word.
for (let i = 0; i < 100; i++) {
  const sending = store.core.db.prepare("SELECT COUNT(*) AS n FROM offline_queue WHERE infno = '3505' AND attempts = 0").get() as { n: number }
  if (sending.n > 0) break
  await new Promise((r) => setTimeout(r, 20))
}
await new Promise((r) => setTimeout(r, 300))
process.kill(process.pid, 'SIGKILL')
