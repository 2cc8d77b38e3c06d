/**
 * A counter process for the crash tests: recovers, then rings up sales, and kills itself with SIGKILL
 * at the step it is told to. Usage: crash-worker.ts DATA_DIR PLATFORM_URL SALES [STEP SALE_INDEX]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JournalStep } from '../../electron/core/journal/hooks'
import { buildRig, DEMO, identify, NIFEDIPINE } from './journal-rig'

const [dataDir, url, salesArg, killStep, killIndexArg] = process.argv.slice(2)
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

const recovered = await rig.journal.recover(50)
process.stdout.write(JSON.stringify({ recovered }) + '\n')
const receipts = join(dataDir, 'receipts')
mkdirSync(receipts, { recursive: true })
for (current = 0; current < sales; current++) {
  const member = await identify({ url }, rig.platform, DEMO.people.wangFather.psn_no)
  const sale = rig.journal.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
  await rig.journal.presettle(sale.id, 'C001')
  const setl = await rig.journal.settle(sale.id, 'C001')
  // The receipt is printed only once settle() has returned, i.e. after the result is on disk.
  writeFileSync(join(receipts, `${sale.id}.txt`), `${setl.setl_id}\n`)
}
rig.db.close()
process.stdout.write(JSON.stringify({ done: sales }) + '\n')
