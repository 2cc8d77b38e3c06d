/**
 * A private PostgreSQL for a test run: `initdb` into a temp directory, listening on a unix socket in that
 * directory only (listen_addresses=''), so nothing on the network can reach it. Run as the `postgres`
 * user when the runner is root (PostgreSQL refuses to run as root). The first test file of a run that
 * asks starts the cluster and builds `store_template` (the store node's schema); every later file of the
 * run finds it through a directory keyed by the vitest process. Each file gets its own database, copied
 * from the template, dropped afterwards. A detached reaper stops the cluster and removes its directory
 * when the vitest process is gone, however it ended.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { migrate } from '../../electron/store-node/migrations'

const TEMPLATE = 'store_template'

export interface PgCluster {
  /** The socket directory: `host` for pg, `--pg` for the store node. */
  socketDir: string
  user: string
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))) : []
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql')
  return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin')
}

const isRoot = () => process.getuid?.() === 0

/** Runs a PostgreSQL binary as the cluster's owner. */
function asOwner(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}

/** One cluster per vitest run: the forks share their parent, the vitest process. */
async function sharedCluster(): Promise<PgCluster> {
  const dir = join(tmpdir(), `gongji-pg-${process.ppid}`)
  const ready = join(dir, 'ready.json')
  try {
    mkdirSync(dir, { mode: 0o700 })
  } catch {
    // Another file of this run is starting it.
    for (let i = 0; i < 600 && !existsSync(ready); i++) await sleep(100)
    const shared = JSON.parse(readFileSync(ready, 'utf8')) as PgCluster | { error: string }
    if ('error' in shared) throw new Error(`the run's PostgreSQL did not start: ${shared.error}`)
    return shared
  }
  try {
    const cluster = await startCluster(dir)
    writeFileSync(ready + '.tmp', JSON.stringify(cluster))
    return cluster
  } catch (e) {
    writeFileSync(ready + '.tmp', JSON.stringify({ error: (e as Error).message }))
    throw e
  } finally {
    renameSync(ready + '.tmp', ready)
  }
}

async function startCluster(dir: string): Promise<PgCluster> {
  const bin = binDir()
  const data = join(dir, 'data')
  // The reaper starts first, so a run that fails or is killed while PostgreSQL starts leaves nothing behind.
  spawn(
    process.execPath,
    [
      '-e',
      `const {execFileSync}=require('child_process'),{rmSync}=require('fs');
       const alive=()=>{try{process.kill(${process.ppid},0);return true}catch{return false}};
       setInterval(()=>{if(alive())return;
         try{execFileSync(${JSON.stringify(isRoot() ? 'runuser' : join(bin, 'pg_ctl'))},${JSON.stringify([...(isRoot() ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop'])},{stdio:'ignore'})}catch{}
         rmSync(${JSON.stringify(dir)},{recursive:true,force:true});process.exit(0)},500)`,
    ],
    { detached: true, stdio: 'ignore' },
  ).unref()
  mkdirSync(data, { mode: 0o700 })
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString())
    chownSync(dir, uid, gid)
    chownSync(data, uid, gid)
  }
  const user = isRoot() ? 'postgres' : (process.env.USER ?? 'postgres')
  asOwner(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'])
  asOwner(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-k ${dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=200`,
    '-w',
    'start',
  ])
  const cluster: PgCluster = { socketDir: dir, user }
  const admin = new pg.Client({ host: dir, user, database: 'postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${TEMPLATE}`)
  await admin.end()
  const pool = new pg.Pool({ host: dir, user, database: TEMPLATE, max: 1 })
  await migrate(pool)
  await pool.end()
  return cluster
}

export interface TestDatabase extends PgCluster {
  database: string
  pool: pg.Pool
}

/**
 * A database of its own for the calling test file, with the store node's schema, and a pool on it.
 * Call at the top level of a test file; the returned getter works inside tests.
 */
export function usePostgres(): () => TestDatabase {
  let db: TestDatabase | undefined
  beforeAll(async () => {
    const cluster = await sharedCluster()
    const database = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Client({ host: cluster.socketDir, user: cluster.user, database: 'postgres' })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE}`)
    await admin.end()
    db = { ...cluster, database, pool: new pg.Pool({ host: cluster.socketDir, user: cluster.user, database, max: 8 }) }
  })
  afterAll(async () => {
    if (!db) return
    await db.pool.end()
    const admin = new pg.Client({ host: db.socketDir, user: db.user, database: 'postgres' })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${db.database} WITH (FORCE)`)
    await admin.end()
  })
  return () => {
    if (!db) throw new Error('usePostgres(): the database exists only inside tests')
    return db
  }
}
