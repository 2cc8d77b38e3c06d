import { spawn } from 'node:child_process'
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'

const db = usePostgres()
const tempDir = useTempDir()

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
      'hq_links',
      'hq_outbox',
      'hq_pairing_codes',
      'hq_sessions',
      'hq_stores',
      'hq_users',
      'journal_events',
      'member_snapshots',
      'offline_grants',
      'offline_promises',
      'pairing_codes',
      'sale_leases',
      'schema_migrations',
      'store_commands',
      'store_day_closes',
      'store_msgids',
      'store_recon_differences',
      'store_recon_entries',
      'store_recon_runs',
      'store_snapshot_keys',
      'stores',
      'terminals',
    ])
  })
})

/** `npm run store-node -- …` with the given arguments; resolves with its first line and a stop. */
async function cli(args: string[], user: string) {
  const child = spawn('npm', ['run', '--silent', 'store-node', '--', ...args], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PGUSER: user },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const exited = new Promise((r) => child.once('exit', r))
  const line = await new Promise<string>((r, reject) => {
    createInterface({ input: child.stdout! }).once('line', r)
    child.once('exit', (code) => reject(new Error(`store node exited with ${code}`)))
  }).catch(async (e: unknown) => {
    await exited
    throw e
  })
  return {
    started: JSON.parse(line) as { url: string; admin_token: string; role: string },
    stop: () => (process.kill(-child.pid!, 'SIGTERM'), exited),
  }
}

describe('npm run store-node', () => {
  it('starts on the given PostgreSQL, creates and migrates its database, and answers on loopback', async () => {
    const { socketDir, user, pool } = db()
    const database = `cli_${process.pid}`
    const sealKey = join(tempDir(), 'seal.key')
    const node = await cli(['--pg', socketDir, '--port', '0', '--db', database, '--admin-token', 'cli-token', '--seal-key', sealKey], user)
    try {
      expect(node.started).toMatchObject({ admin_token: 'cli-token', role: 'store' })
      expect(new URL(node.started.url).hostname).toBe('127.0.0.1')
      expect(await (await fetch(new URL('/health', node.started.url))).json()).toEqual({ ok: true })
      const migrated = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
      expect(migrated.rowCount).toBe(1)
      // The store's key at HQ will be sealed under a key kept beside the service, readable by its owner only.
      expect(statSync(sealKey).mode & 0o777).toBe(0o600)
      const hq = await fetch(new URL('/admin/v1/hq/status', node.started.url), { method: 'POST', headers: { 'x-admin-token': 'cli-token' }, body: '{}' })
      expect(await hq.json()).toEqual([])
    } finally {
      await node.stop()
      await pool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    }
  })

  it('--role hq starts the same service as a head office on its own database, with the board', async () => {
    const { socketDir, user, pool } = db()
    const database = `cli_hq_${process.pid}`
    const node = await cli(
      ['--pg', socketDir, '--port', '0', '--db', database, '--admin-token', 'hq-token', '--role', 'hq', '--seal-key', join(tempDir(), 'hq-seal.key')],
      user,
    )
    try {
      expect(node.started).toMatchObject({ role: 'hq' })
      const board = await fetch(new URL('/hq/v1/board', node.started.url), {
        method: 'POST',
        headers: { 'x-admin-token': 'hq-token' },
        body: '{"day":"2026-12-05"}',
      })
      expect(await board.json()).toEqual({ day: '2026-12-05', stores: [], notReconciled: [], notClosed: [] })
    } finally {
      await node.stop()
      await pool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    }
  })
})
