/**
 * A counter process that only forwards its offline queue, for the restart test: the parent kills it
 * with SIGKILL in the middle of forwarding and starts another on the same data directory. When the queue
 * is empty it prints how long forwarding took in this process.
 * Usage: forward-worker.ts DATA_DIR PLATFORM_URL TERMINAL_NO
 */
import { openTerminal } from './rig'

const [dataDir, url, no] = process.argv.slice(2)
const t = openTerminal(dataDir, url, { no: Number(no), timeoutMs: 2000 })
const started = Date.now()
t.offline.queue.forwardNow()
for (;;) {
  await t.offline.queue.idle()
  if (t.offline.queue.status().queued === 0) break
  await new Promise((r) => setTimeout(r, 50))
  t.offline.queue.forwardNow()
}
process.stdout.write(`drained ${Date.now() - started}\n`)
await t.close()
process.exit(0)
