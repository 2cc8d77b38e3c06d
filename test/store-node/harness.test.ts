import { describe, expect, it } from 'vitest'
import { usePostgres } from '../support/postgres'

const db = usePostgres()

describe('the private PostgreSQL of a test run', () => {
  it('listens on a unix socket only and holds the store node schema from the template', async () => {
    const { pool } = db()
    const r = await pool.query<{ listen: string }>("SELECT current_setting('listen_addresses') AS listen")
    expect(r.rows[0].listen).toBe('')
    const tables = await pool.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    expect(tables.rows.map((x) => x.t)).toEqual(['alarms', 'counter_rows', 'journal_events', 'pairing_codes', 'schema_migrations', 'stores', 'terminals'])
  })
})
