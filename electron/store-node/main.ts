/**
 * The store node: `npm run store-node -- --pg <socket dir or postgres:// URL> --port N`
 * [--host 127.0.0.1] [--db gongji_store] [--admin-token T | env STORE_NODE_ADMIN_TOKEN].
 * Prints one JSON line `{url, admin_token}` once it listens; SIGTERM/SIGINT stop it.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { systemClock } from '../base/clock'
import { ensureDatabase, poolConfig } from './database'
import { startStoreNode } from './http'
import { migrate } from './migrations'

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    port: { type: 'string', default: '8431' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: 'gongji_store' },
    'admin-token': { type: 'string' },
  },
})
if (!values.pg) {
  process.stderr.write('用法：npm run store-node -- --pg <PostgreSQL 套接字目录或 postgres:// 地址> --port <端口>\n')
  process.exit(2)
}

async function main(): Promise<void> {
  await ensureDatabase(values.pg!, values.db!)
  const pool = new pg.Pool(poolConfig(values.pg!, values.db!))
  await migrate(pool)
  const adminToken = values['admin-token'] ?? process.env.STORE_NODE_ADMIN_TOKEN ?? randomBytes(18).toString('base64url')
  const node = await startStoreNode({ pool, clock: systemClock, adminToken, host: values.host, port: Number(values.port) })
  process.stdout.write(JSON.stringify({ url: node.url, admin_token: adminToken }) + '\n')
  const stop = () =>
    void node
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

await main()
