/**
 * The tests' PostgreSQL: one private cluster per vitest run (test/support/pg-cluster.ts). The first test
 * file of a run that asks starts it and builds `store_template` (the store node's schema); every later
 * file of the run finds it through a directory keyed by the vitest process. Each file gets its own
 * database, copied from the template, dropped afterwards. The cluster's reaper stops it and removes its
 * directory when the vitest process is gone, however it ended.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { startCluster, TEMPLATE, type PgCluster } from './pg-cluster'

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
    const cluster = await startCluster(dir, process.ppid, { durable: false })
    writeFileSync(ready + '.tmp', JSON.stringify(cluster))
    return cluster
  } catch (e) {
    writeFileSync(ready + '.tmp', JSON.stringify({ error: (e as Error).message }))
    throw e
  } finally {
    renameSync(ready + '.tmp', ready)
  }
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
    const pool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database, max: 8 })
    // The database is dropped WITH (FORCE) after the file: a client a service under test still holds then ends with
    // 57P01, which pg reports on the pool. Expected at teardown; anything else a test must see through its own calls.
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') throw e
    })
    db = { ...cluster, database, pool }
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
