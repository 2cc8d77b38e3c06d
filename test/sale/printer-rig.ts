import { afterEach } from 'vitest'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { signIn } from '../support/core-session'
import { startCounter, type Counter } from './counter-rig'

/** A counter whose receipts go to a real TCP virtual printer on 58 mm paper. */
export async function counterWithPrinter(dir: string): Promise<{ counter: Counter; printer: VirtualPrinter }> {
  const c = await startCounter(dir)
  const p = await new VirtualPrinter({ columns: 32 }).start()
  await signIn(c.core, 'manager')
  await c.call('savePrinterSettings', {
    enabled: true,
    connection: { kind: 'tcp', host: '127.0.0.1', port: p.address.port },
    paper: '58',
    openDrawerForCash: false,
    statusQuery: true,
    timeoutMs: 2000,
    slowAfterMs: 1000,
    feedBeforeCut: 4,
  })
  await signIn(c.core, 'cashier')
  return { counter: c, printer: p }
}

/** Polls until the printer has what the test waits for. */
export async function until(done: () => boolean, ms = 10_000) {
  const end = Date.now() + ms
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** What a test opened, closed after it: assign the counter (and printer) a test starts. */
export function closedAfterEach(): { counter?: Counter; printer?: VirtualPrinter } {
  const open: { counter?: Counter; printer?: VirtualPrinter } = {}
  afterEach(async () => {
    await open.counter?.close()
    await open.printer?.stop()
    open.counter = open.printer = undefined
  })
  return open
}
