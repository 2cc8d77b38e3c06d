/**
 * A store node (or HQ) process for the crash tests: it SIGKILLs itself right after its Nth batch commits,
 * before the answer leaves (0: never). Usage: kill-worker.ts SOCKET_DIR DATABASE N [store|hq]
 */
import pg from 'pg'
import { startStoreNode } from '../../electron/store-node/http'

const [socketDir, database, killArg, role = 'store'] = process.argv.slice(2)
const killAfter = Number(killArg)
let commits = 0
const pool = new pg.Pool({ host: socketDir, user: process.env.PGUSER ?? 'postgres', database })
const node = await startStoreNode({
  pool,
  clock: { now: () => new Date() },
  adminToken: 'unused',
  role: role as 'store' | 'hq',
  hooks: {
    afterCommit() {
      if (++commits === killAfter) process.kill(process.pid, 'SIGKILL')
    },
  },
})
process.stdout.write(node.url + '\n')
