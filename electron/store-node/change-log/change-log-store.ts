import type { Pool, PoolClient } from 'pg'
import type { MasterKind } from '../../../shared/contract/sync/master-data'

type Queryable = Pool | PoolClient

export interface LogRow {
  seq: number
  kind: MasterKind
  key: string
  body: unknown
  actor: string
  created_at: Date
}

/** The one lock every append takes: seq order is commit order (migration 10). */
const APPEND_LOCK = 1510

/** Appends one entry inside the caller's transaction; answers its seq. */
export async function appendEntry(
  client: PoolClient,
  e: { storeId: string; kind: MasterKind; key: string; body: unknown; byTerminal: string | null; actor: string; at: Date },
): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK])
  const r = await client.query<{ seq: string }>(
    `INSERT INTO change_log (seq, store_id, kind, key, body, by_terminal, actor, created_at)
     SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6, $7 FROM change_log RETURNING seq`,
    [e.storeId, e.kind, e.key, JSON.stringify(e.body), e.byTerminal, e.actor, e.at],
  )
  return Number(r.rows[0].seq)
}

/** A store's entries after `after`, oldest first. */
export async function entriesAfter(db: Queryable, storeId: string, after: number, limit: number): Promise<LogRow[]> {
  const r = await db.query<LogRow & { seq: string }>(
    'SELECT seq, kind, key, body, actor, created_at FROM change_log WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [storeId, after, limit],
  )
  return r.rows.map((row) => ({ ...row, seq: Number(row.seq) }))
}

export interface CatalogFileRow {
  file_id: string
  store_id: string
  list: '1301' | '1306' | 'store'
  source_name: string
  bytes: number
  sha256: string
  chunks: number
  committed_at: Date | null
}

export async function insertCatalogFile(db: Queryable, f: Omit<CatalogFileRow, 'committed_at'>, at: Date): Promise<void> {
  await db.query(
    'INSERT INTO catalog_files (file_id, store_id, list, source_name, bytes, sha256, chunks, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [f.file_id, f.store_id, f.list, f.source_name, f.bytes, f.sha256, f.chunks, at],
  )
}

export async function catalogFile(db: Queryable, storeId: string, fileId: string, lock = false): Promise<CatalogFileRow | undefined> {
  const r = await db.query<CatalogFileRow & { bytes: string }>(
    `SELECT file_id, store_id, list, source_name, bytes, sha256, chunks, committed_at FROM catalog_files WHERE file_id = $1 AND store_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [fileId, storeId],
  )
  return r.rows[0] && { ...r.rows[0], bytes: Number(r.rows[0].bytes) }
}

/** A chunk sent again (a lost answer) replaces itself: the file is checked whole at commit. */
export async function putChunk(db: Queryable, fileId: string, n: number, data: Buffer): Promise<void> {
  await db.query('INSERT INTO catalog_chunks (file_id, n, data) VALUES ($1, $2, $3) ON CONFLICT (file_id, n) DO UPDATE SET data = excluded.data', [
    fileId,
    n,
    data,
  ])
}

export async function chunk(db: Queryable, fileId: string, n: number): Promise<Buffer | undefined> {
  const r = await db.query<{ data: Buffer }>('SELECT data FROM catalog_chunks WHERE file_id = $1 AND n = $2', [fileId, n])
  return r.rows[0]?.data
}

/** The chunks in order, one at a time (a whole 500,000-item file is never held in memory twice). */
export async function chunkNumbers(db: Queryable, fileId: string): Promise<number[]> {
  const r = await db.query<{ n: number }>('SELECT n FROM catalog_chunks WHERE file_id = $1 ORDER BY n', [fileId])
  return r.rows.map((x) => x.n)
}

export async function markCommitted(db: Queryable, fileId: string, at: Date): Promise<void> {
  await db.query('UPDATE catalog_files SET committed_at = $2 WHERE file_id = $1', [fileId, at])
}

/** The seq of the entry a committed catalog file was published under. */
export async function catalogEntrySeq(client: PoolClient, fileId: string): Promise<number> {
  const r = await client.query<{ seq: string }>("SELECT seq FROM change_log WHERE kind = 'catalog' AND body->>'file_id' = $1", [fileId])
  return Number(r.rows[0].seq)
}
