import type { Pool, PoolClient } from 'pg'
import type { MasterKind, MasterOrigin } from '../../../shared/contract/sync/master-data'

type Queryable = Pool | PoolClient

export interface LogRow {
  seq: number
  kind: MasterKind
  key: string
  body: unknown
  actor: string
  created_at: Date
  origin: MasterOrigin
}

/** The one lock every append takes: seq order is commit order (migration 10). */
const APPEND_LOCK = 1510

export interface NewEntry {
  /** null: HQ's entry for the whole chain. */
  storeId: string | null
  kind: MasterKind
  key: string
  body: unknown
  byTerminal: string | null
  actor: string
  at: Date
  origin?: MasterOrigin
  /** A store's copy of HQ's entry: HQ's seq, so the store holds it once however often it is pulled. */
  hqSeq?: number
}

/** Appends one entry inside the caller's transaction; answers its seq (the one it already has, for an HQ entry held before). */
export async function appendEntry(client: PoolClient, e: NewEntry): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK])
  if (e.hqSeq !== undefined) {
    const held = await client.query<{ seq: string }>('SELECT seq FROM change_log WHERE store_id = $1 AND hq_seq = $2', [e.storeId, e.hqSeq])
    if (held.rows[0]) return Number(held.rows[0].seq)
  }
  const r = await client.query<{ seq: string }>(
    `INSERT INTO change_log (seq, store_id, kind, key, body, by_terminal, actor, created_at, origin, hq_seq)
     SELECT coalesce(max(seq), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM change_log RETURNING seq`,
    [e.storeId, e.kind, e.key, JSON.stringify(e.body), e.byTerminal, e.actor, e.at, e.origin ?? 'store', e.hqSeq ?? null],
  )
  return Number(r.rows[0].seq)
}

/** A store's entries after `after`, oldest first, with HQ's chain-wide ones (those alone for `storeId` null). */
export async function entriesAfter(db: Queryable, storeId: string | null, after: number, limit: number): Promise<LogRow[]> {
  const r = await db.query<LogRow & { seq: string }>(
    'SELECT seq, kind, key, body, actor, created_at, origin FROM change_log WHERE (store_id IS NULL OR store_id = $1) AND seq > $2 ORDER BY seq LIMIT $3',
    [storeId, after, limit],
  )
  return r.rows.map((row) => ({ ...row, seq: Number(row.seq) }))
}

/** The newest seq of HQ's chain-wide entries (0: none). */
export async function lastChainSeq(db: Queryable): Promise<number> {
  const r = await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM change_log WHERE store_id IS NULL')
  return Number(r.rows[0].seq ?? 0)
}

export interface CatalogFileRow {
  file_id: string
  store_id: string | null
  list: '1301' | '1306' | 'store'
  source_name: string
  bytes: number
  sha256: string
  chunks: number
  committed_at: Date | null
}

/** A file begun again under the same id (a store copying HQ's file after a crash) is the same file: kept as it was. */
export async function insertCatalogFile(db: Queryable, f: Omit<CatalogFileRow, 'committed_at'>, at: Date): Promise<void> {
  await db.query(
    'INSERT INTO catalog_files (file_id, store_id, list, source_name, bytes, sha256, chunks, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (file_id) DO NOTHING',
    [f.file_id, f.store_id, f.list, f.source_name, f.bytes, f.sha256, f.chunks, at],
  )
}

/**
 * The file, if it is `storeId`'s (null: HQ's own). `chainToo`: HQ's chain files are read by every store's
 * counters as well (a small chain's counters paired with HQ itself).
 */
export async function catalogFile(
  db: Queryable,
  storeId: string | null,
  fileId: string,
  opts: { lock?: boolean; chainToo?: boolean } = {},
): Promise<CatalogFileRow | undefined> {
  const r = await db.query<CatalogFileRow & { bytes: string }>(
    `SELECT file_id, store_id, list, source_name, bytes, sha256, chunks, committed_at FROM catalog_files
     WHERE file_id = $1 AND (store_id IS NOT DISTINCT FROM $2${opts.chainToo ? ' OR store_id IS NULL' : ''})${opts.lock ? ' FOR UPDATE' : ''}`,
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
