import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { startCluster, stopCluster, TEMPLATE, type PgCluster } from '../support/pg-cluster'
import { test } from './fixtures'

export const STORE = 'P41010500218'
export const clock = { now: () => new Date() }

/** One store node for the spec file, in process, on a private PostgreSQL cluster, with the demo institution registered. */
export function useStoreNode(): { pool: () => pg.Pool; node: () => StoreNodeServer } {
  let cluster: PgCluster
  let pool: pg.Pool
  let node: StoreNodeServer
  test.beforeAll(async () => {
    test.setTimeout(120_000)
    cluster = await startCluster(mkdtempSync(join(tmpdir(), 'gongji-e2e-pg-')), process.pid, { durable: false })
    pool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: TEMPLATE, max: 4 })
    await new TerminalRegistry(pool, clock).addStore(STORE, '测试大药房')
    node = await startStoreNode({ pool, clock, adminToken: 'e2e' })
  })
  test.afterAll(async () => {
    await node?.close()
    await pool?.end()
    if (cluster) stopCluster(cluster)
  })
  return { pool: () => pool, node: () => node }
}
