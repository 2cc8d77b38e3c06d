import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { usePostgres } from '../support/postgres'

const db = usePostgres()

describe('the private PostgreSQL of a test run', () => {
  it('listens on a unix socket only and holds the store node schema from the template', async () => {
    const { pool } = db()
    const r = await pool.query<{ listen: string }>("SELECT current_setting('listen_addresses') AS listen")
    expect(r.rows[0].listen).toBe('')
    const tables = await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    expect(tables.rows.map((x) => x.t)).toEqual([
      'alarms',
      'catalog_chunks',
      'catalog_files',
      'change_log',
      'counter_rows',
      'journal_events',
      'pairing_codes',
      'sale_leases',
      'schema_migrations',
      'store_commands',
      'store_day_closes',
      'store_msgids',
      'store_recon_differences',
      'store_recon_entries',
      'store_recon_runs',
      'stores',
      'terminals',
    ])
  })
})

describe('npm run store-node', () => {
  it('starts on the given PostgreSQL, creates and migrates its database, and answers on loopback', async () => {
    const { socketDir, user, pool } = db()
    const database = `cli_${process.pid}`
    const keyFile = join(tmpdir(), `gongji-store-node-${process.pid}.key`)
    const child = spawn(
      'npm',
      ['run', '--silent', 'store-node', '--', '--pg', socketDir, '--port', '0', '--db', database, '--admin-token', 'cli-token', '--key-file', keyFile],
      {
        cwd: resolve(import.meta.dirname, '../..'),
        env: { ...process.env, PGUSER: user },
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      },
    )
    try {
      const line = await new Promise<string>((r, reject) => {
        createInterface({ input: child.stdout! }).once('line', r)
        child.once('exit', (code) => reject(new Error(`store node exited with ${code}`)))
      })
      const started = JSON.parse(line) as { url: string; admin_token: string }
      expect(started).toMatchObject({ admin_token: 'cli-token' })
      expect(new URL(started.url).hostname).toBe('127.0.0.1')
      expect(await (await fetch(new URL('/health', started.url))).json()).toEqual({ ok: true })
      const migrated = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
      expect(migrated.rowCount).toBe(1)
    } finally {
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid!, 'SIGTERM')
      await exited
      await pool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      rmSync(keyFile, { force: true })
    }
  })
})
