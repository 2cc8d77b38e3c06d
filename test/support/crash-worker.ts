/**
 * A counter process for the crash tests: recovers, then rings up sales, prints each receipt on a
 * (virtual) ESC/POS printer, and kills itself with SIGKILL at the step it is told to.
 * Usage: crash-worker.ts DATA_DIR PLATFORM_URL PRINTER_PORT SALES [STEP SALE_INDEX]
 */
import type { JournalStep } from '../../electron/core/journal/hooks'
import { PrintService } from '../../electron/core/devices/printer/print-service'
import { receiptOf } from '../../electron/core/sale/receipt'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { buildRig, clock, DEMO, identify, NIFEDIPINE } from './journal-rig'

const [dataDir, url, printerPort, salesArg, killStep, killIndexArg] = process.argv.slice(2)
const sales = Number(salesArg)
const killIndex = killIndexArg === undefined ? -1 : Number(killIndexArg)
let current = -1

const rig = buildRig(dataDir, url, {
  timeoutMs: 2000,
  hooks: {
    async at(step: JournalStep) {
      if (step !== killStep || current !== killIndex) return
      // "After the request left": give it time to reach the platform, which holds it (latency fault).
      if (step === 'after-send') await new Promise((r) => setTimeout(r, 40))
      process.kill(process.pid, 'SIGKILL')
    },
  },
})

const printer = new PrintService({
  db: rig.db,
  clock,
  settings: { enabled: true, connection: { kind: 'tcp', host: '127.0.0.1', port: Number(printerPort) }, paper: '58', statusQuery: false },
})
printer.start()
const recovered = await rig.journal.recover(50)
process.stdout.write(JSON.stringify({ recovered }) + '\n')
for (current = 0; current < sales; current++) {
  const member = await identify({ url }, rig.platform, DEMO.people.wangFather.psn_no)
  const sale = rig.journal.ledger.open(
    { member, acctUsed: false, mulaidId: 'MA0000000001', mulaidPayer: { payerNameMasked: '王*', relation: 'child' }, lines: [{ ...NIFEDIPINE, qty: '1' }] },
    'C001',
  )
  await rig.journal.presettle(sale.id, 'C001')
  await rig.journal.settle(sale.id, 'C001', { method: 'cash', tendered: '100' })
  // The receipt is queued only once settle() has returned, i.e. after the result is on disk.
  const settled = rig.journal.ledger.get(sale.id)
  printer.printCommittedSale({ saleCommitted: true, receipt: receiptOf(settled, rig.journal.ledger.lines(sale.id), DEFAULT_SETTINGS, 'C001') })
  await printer.whenIdle()
}
await printer.close()
rig.db.close()
process.stdout.write(JSON.stringify({ done: sales }) + '\n')
