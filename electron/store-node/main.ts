/**
 * The store node: `npm run store-node -- --pg <socket dir or postgres:// URL> --port N`
 * [--host 127.0.0.1] [--db gongji_store] [--admin-token T | env STORE_NODE_ADMIN_TOKEN]
 * [--key-file store-node.key] (the key sealing the platform secret in the change log; made 0600 on first start).
 * Prints one JSON line `{url, admin_token}` once it listens; SIGTERM/SIGINT stop it.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
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
    'key-file': { type: 'string', default: 'store-node.key' },
  },
})
if (!values.pg) {
  process.stderr.write('用法：npm run store-node -- --pg <PostgreSQL 套接字目录或 postgres:// 地址> --port <端口>\n')
  process.exit(2)
}

/** The seal key lives beside the service, never in PostgreSQL: a database dump alone opens no secret. */
function sealKey(path: string): Buffer {
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
  const key = readFileSync(path)
  if (key.length !== 32) throw new Error(`${path} 不是门店服务器的密钥文件（应为 32 字节）`)
  return key
}

async function main(): Promise<void> {
  await ensureDatabase(values.pg!, values.db!)
  const pool = new pg.Pool(poolConfig(values.pg!, values.db!))
  await migrate(pool)
  const adminToken = values['admin-token'] ?? process.env.STORE_NODE_ADMIN_TOKEN ?? randomBytes(18).toString('base64url')
  const node = await startStoreNode({
    pool,
    clock: systemClock,
    adminToken,
    host: values.host,
    port: Number(values.port),
    sealKey: sealKey(values['key-file']!),
  })
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
