/**
 * A store node linked with HQ, as its own process, for the master-data crash test: it SIGKILLs itself inside the
 * transaction copying HQ's entry number N into its log, before that commits (0: never), and pulls every 300 ms.
 * Usage: hq-master-kill-worker.ts SOCKET_DIR DATABASE SEAL_KEY_FILE N
 */
import pg from 'pg'
import { startStoreNode } from '../../electron/store-node/http'
import { SealBox } from '../../electron/store-node/hq/seal'

const [socketDir, database, keyFile, killArg] = process.argv.slice(2)
const killAt = Number(killArg)
const pool = new pg.Pool({ host: socketDir, user: process.env.PGUSER ?? 'postgres', database })
const node = await startStoreNode({
  pool,
  clock: { now: () => new Date() },
  adminToken: 'unused',
  seal: SealBox.fromFile(keyFile),
  uplink: {
    intervalMs: 300,
    backoffMs: 300,
    beforeMasterCommit(hqSeq) {
      if (hqSeq === killAt) process.kill(process.pid, 'SIGKILL')
    },
  },
})
process.stdout.write(node.url + '\n')
process.once('SIGTERM', () => void node.close().then(() => pool.end().then(() => process.exit(0))))
