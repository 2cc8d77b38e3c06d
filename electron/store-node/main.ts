/**
 * The store node: `npm run store-node -- --pg <socket dir or postgres:// URL> --port N`
 * [--host 127.0.0.1] [--db gongji_store] [--admin-token T | env STORE_NODE_ADMIN_TOKEN]
 * [--role store|hq] [--seal-key FILE] [--page-dir DIR] [--page-host NAME:PORT …].
 * `--role hq` starts the same service as a chain's head office on its own database (default `gongji_hq`),
 * serving the head office's page at /hq/ from the built renderer (`--page-dir`, default out/renderer).
 * `--role hq … add-user <id> --name <name> [--regions …]` adds a user of that page and exits (hq/users-cli.ts).
 * The node's own key, in `--seal-key` (default ~/.gongji/store-node-seal.key, made 0600 on first start), seals
 * the platform secret in the change log and a store's key at HQ; it lives beside the service, never in
 * PostgreSQL, so a database dump alone opens no secret.
 * Prints one JSON line `{url, admin_token, role}` once it listens; SIGTERM/SIGINT stop it.
 * `npm run store-node -- --role hq publish …` publishes the chain's master data to a running HQ node instead
 * (hq/publish-command.ts).
 */
import { randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { systemClock } from '../base/clock'
import { ensureDatabase, poolConfig } from './database'
import { startStoreNode } from './http'
import { migrate } from './migrations'
import { SealBox } from './hq/seal'
import { ADD_USER_USAGE, addUserCommand } from './hq/users-cli'
import { publishCommand } from './hq/publish-command'

if (process.argv.includes('publish')) {
  await publishCommand(process.argv.slice(2).filter((a) => a !== 'publish')).then(
    (seq) => process.stdout.write(JSON.stringify({ seq }) + '\n'),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`)
      process.exitCode = 1
    },
  )
  process.exit()
}

// `add-user` and what follows it are the subcommand's own arguments.
const subcommand = process.argv.indexOf('add-user')

const { values } = parseArgs({
  args: process.argv.slice(2, subcommand < 0 ? undefined : subcommand),
  options: {
    pg: { type: 'string' },
    port: { type: 'string', default: '8431' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    'admin-token': { type: 'string' },
    role: { type: 'string', default: 'store' },
    'seal-key': { type: 'string' },
    'page-dir': { type: 'string' },
    'page-host': { type: 'string', multiple: true },
  },
})
if (!values.pg || (values.role !== 'store' && values.role !== 'hq')) {
  process.stderr.write('用法：npm run store-node -- --pg <PostgreSQL 套接字目录或 postgres:// 地址> --port <端口> [--role store|hq]\n')
  process.exit(2)
}
if (subcommand >= 0 && values.role !== 'hq') {
  process.stderr.write(ADD_USER_USAGE)
  process.exit(2)
}

async function main(): Promise<void> {
  const role = values.role as 'store' | 'hq'
  const db = values.db ?? (role === 'hq' ? 'gongji_hq' : 'gongji_store')
  await ensureDatabase(values.pg!, db)
  const pool = new pg.Pool(poolConfig(values.pg!, db))
  // An idle connection PostgreSQL closes (a restart, an administrator) is reported here; unheard it would stop the
  // service. The pool opens a new connection for the next request.
  pool.on('error', (e) => process.stderr.write(`门店服务器：数据库连接中断（${e.message}），下一次请求时重新连接\n`))
  await migrate(pool)
  if (subcommand >= 0) {
    try {
      process.stdout.write(await addUserCommand(pool, systemClock, process.argv.slice(subcommand + 1)))
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`)
      process.exitCode = 2
    }
    await pool.end()
    return
  }
  const adminToken = values['admin-token'] ?? process.env.STORE_NODE_ADMIN_TOKEN ?? randomBytes(18).toString('base64url')
  const box = SealBox.fromFile(values['seal-key'] ?? join(homedir(), '.gongji', 'store-node-seal.key'))
  const node = await startStoreNode({
    pool,
    clock: systemClock,
    adminToken,
    host: values.host,
    port: Number(values.port),
    role,
    seal: role === 'store' ? box : undefined,
    sealKey: box.key,
    page: { pageDir: values['page-dir'] ?? resolve(import.meta.dirname, '../../out/renderer'), hosts: values['page-host'] },
  })
  process.stdout.write(JSON.stringify({ url: node.url, admin_token: adminToken, role }) + '\n')
  const stop = () =>
    void node
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

await main()
