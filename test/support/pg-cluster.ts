/**
 * A private PostgreSQL cluster in a temp directory, listening on a unix socket in that directory only
 * (listen_addresses=''), so nothing on the network can reach it; run as the `postgres` user when the
 * runner is root (PostgreSQL refuses to run as root). Used by the tests (test/support/postgres.ts) and
 * the bench.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { migrate } from '../../electron/store-node/migrations'

export const TEMPLATE = 'store_template'

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

const postgresIds = (): [number, number] => [
  Number(execFileSync('id', ['-u', 'postgres']).toString()),
  Number(execFileSync('id', ['-g', 'postgres']).toString()),
]

/** util-linux's runuser is in sbin, which a clean environment's PATH (CI's `env -i`) may leave out. */
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser'

/** Runs a PostgreSQL binary as the cluster's owner. */
function asOwner(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? [RUNUSER, ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  execFileSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/**
 * initdb and start a cluster in `dir` (which must exist, empty), unix socket only, with the store node's
 * schema in the database `store_template`. A detached reaper stops it and removes `dir` once the process
 * `ownerPid` is gone. `durable: false` turns fsync off (tests); the bench keeps PostgreSQL's defaults.
 */
export async function startCluster(dir: string, ownerPid: number, opts: { durable: boolean }): Promise<PgCluster> {
  const bin = binDir()
  const data = join(dir, 'data')
  // The reaper starts first, so a run that fails or is killed while PostgreSQL starts leaves nothing behind.
  spawn(
    process.execPath,
    [
      '-e',
      `const {execFileSync}=require('child_process'),{rmSync}=require('fs');
       const alive=()=>{try{process.kill(${ownerPid},0);return true}catch{return false}};
       setInterval(()=>{if(alive())return;
         try{execFileSync(${JSON.stringify(isRoot() ? RUNUSER : join(bin, 'pg_ctl'))},${JSON.stringify([...(isRoot() ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop'])},{stdio:'ignore'})}catch{}
         rmSync(${JSON.stringify(dir)},{recursive:true,force:true});process.exit(0)},500)`,
    ],
    { detached: true, stdio: 'ignore' },
  ).unref()
  mkdirSync(data, { mode: 0o700 })
  if (isRoot()) {
    chownSync(dir, ...postgresIds())
    chownSync(data, ...postgresIds())
  }
  const user = isRoot() ? 'postgres' : (process.env.USER ?? 'postgres')
  asOwner(join(bin, 'initdb'), ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8'])
  asOwner(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-k ${dir} -c listen_addresses='' -c max_connections=200${opts.durable ? '' : ' -c fsync=off -c full_page_writes=off'}`,
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

/** Stops a cluster now and removes its directory (the reaper would, once its owner process is gone). */
export function stopCluster(c: PgCluster): void {
  asOwner(join(binDir(), 'pg_ctl'), ['-D', join(c.socketDir, 'data'), '-m', 'fast', '-w', 'stop'])
  rmSync(c.socketDir, { recursive: true, force: true })
}
