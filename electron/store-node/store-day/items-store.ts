import type { Pool, PoolClient } from 'pg'
import type { OwnEntries, Setlinfo } from './items'

/**
 * The store's day as its counters pushed it (`counter_rows` of platform messages, sales and reconciliation
 * entries) and the store node's own reconciliation entries: the reads under the day's items.
 */

type Db = Pool | PoolClient

const OWN_ENTRIES: Record<OwnEntries, string> = {
  'store-node': "SELECT 0, kind, setl_id, setlinfo, actor FROM store_recon_entries WHERE store_id = $1 AND state = 'answered' AND day = $3",
  synced: `SELECT 0, o.body->>'kind', o.body->>'setl_id', o.body->'setlinfo', o.body->>'actor' FROM counter_rows o JOIN terminals t ON t.terminal_uid = o.terminal_uid
           WHERE t.store_id = $1 AND t.terminal_no = 0 AND o.tbl = 'store_recon_entries' AND o.op <> 'delete' AND o.body->>'state' = 'answered' AND o.body->>'day' = $3`,
}

/** Answered settlements and revokes of the CST day (by the platform's setl_time), live only, with what the day shows of their sale. */
export async function answeredSettlements(db: Db, storeId: string, day: string) {
  const r = await db.query<{
    terminal_no: number
    infno: string
    response: Setlinfo
    cashier: string
    pay_method: string | null
    goods_fen: string
    shift_id: string | null
    insuplc: string | null
    mulaid_payer: string | null
  }>(
    `SELECT t.terminal_no, m.body->>'infno' AS infno, (m.body->>'response')::jsonb AS response,
            s.body->>'cashier' AS cashier, s.body->>'pay_method' AS pay_method, s.body->>'goods_fen' AS goods_fen, s.body->>'shift_id' AS shift_id,
            s.body->>'insuplc_admdvs' AS insuplc, s.body->>'mulaid_payer' AS mulaid_payer
     FROM counter_rows m
     JOIN terminals t ON t.terminal_uid = m.terminal_uid
     JOIN counter_rows s ON s.terminal_uid = m.terminal_uid AND s.tbl = 'sales' AND s.pk = m.body->>'sale_id' AND s.op <> 'delete'
     WHERE t.store_id = $1 AND m.tbl = 'platform_messages' AND m.op <> 'delete'
       AND m.body->>'state' = 'answered' AND m.body->>'infno' IN ('2102', '2207', '2103', '2208')
       AND s.body->>'training' = '0'
       AND left((m.body->>'response')::jsonb->>'setl_time', 10) = $2`,
    [storeId, day],
  )
  return r.rows
}

/** Live sales settled at the counter alone (no settlement id) made or refunded in [from, to). */
export async function counterOnlySales(db: Db, storeId: string, from: string, to: string) {
  const r = await db.query<{
    terminal_no: number
    id: string
    state: string
    cashier: string
    pay_method: string | null
    medfee_fen: string
    goods_fen: string
    created_at: string
    updated_at: string
    shift_id: string | null
  }>(
    `SELECT t.terminal_no, s.body->>'id' AS id, s.body->>'state' AS state, s.body->>'cashier' AS cashier, s.body->>'pay_method' AS pay_method,
            s.body->>'medfee_fen' AS medfee_fen, s.body->>'goods_fen' AS goods_fen, s.body->>'created_at' AS created_at, s.body->>'updated_at' AS updated_at,
            s.body->>'shift_id' AS shift_id
     FROM counter_rows s JOIN terminals t ON t.terminal_uid = s.terminal_uid
     WHERE t.store_id = $1 AND s.tbl = 'sales' AND s.op <> 'delete' AND s.body->>'training' = '0' AND s.body->>'setl_id' IS NULL
       AND s.body->>'state' IN ('settled', 'refunded')
       AND ((s.body->>'created_at' >= $2 AND s.body->>'created_at' < $3) OR (s.body->>'state' = 'refunded' AND s.body->>'updated_at' >= $2 AND s.body->>'updated_at' < $3))`,
    [storeId, from, to],
  )
  return r.rows
}

/** Answered reconciliation entries of the day: the counters' own (before store mode), and the store node's. */
export async function reconEntries(db: Db, storeId: string, day: string, own: OwnEntries) {
  const r = await db.query<{ terminal_no: number; kind: 'settle' | 'revoke'; setl_id: string; setlinfo: Setlinfo; actor: string }>(
    `SELECT t.terminal_no, e.body->>'kind' AS kind, e.body->>'setl_id' AS setl_id, (e.body->>'setlinfo')::jsonb AS setlinfo, e.body->>'actor' AS actor
     FROM counter_rows e JOIN terminals t ON t.terminal_uid = e.terminal_uid
     WHERE t.store_id = $1 AND e.tbl = 'recon_entries' AND e.op <> 'delete' AND e.body->>'state' = 'answered' AND e.body->>'training' = '0' AND e.body->>'day' = $2
     UNION ALL
     ${OWN_ENTRIES[own]}`,
    [storeId, day, day],
  )
  return r.rows
}

/** The counter that owns a settlement id, on any day: a second till's settlement is never an orphan. */
export async function ownerOfSettlement(db: Db, storeId: string, setlId: string): Promise<number | null> {
  const r = await db.query<{ terminal_no: number }>(
    `SELECT t.terminal_no FROM counter_rows m JOIN terminals t ON t.terminal_uid = m.terminal_uid
     WHERE t.store_id = $1 AND m.tbl = 'platform_messages' AND m.body->>'state' = 'answered' AND m.body->>'infno' IN ('2102', '2207', '2103', '2208')
       AND (m.body->>'response')::jsonb->>'setl_id' = $2
     LIMIT 1`,
    [storeId, setlId],
  )
  return r.rows[0]?.terminal_no ?? null
}

/** A counter's message between intent and answer, by its msgid. */
export interface InBetweenRow {
  terminal_no: number
  terminal_uid: string
  msgid: string
}

/** A counter's 2102/2207 between intent and answer for the same person and medical total (fen), the oldest first. */
export async function inBetweenPayment(db: Db, storeId: string, psnNo: string, medfeeFen: number): Promise<InBetweenRow | undefined> {
  const r = await db.query<InBetweenRow>(
    `SELECT t.terminal_no, t.terminal_uid, m.pk AS msgid FROM counter_rows m JOIN terminals t ON t.terminal_uid = m.terminal_uid
           JOIN counter_rows s ON s.terminal_uid = m.terminal_uid AND s.tbl = 'sales' AND s.pk = m.body->>'sale_id'
           WHERE t.store_id = $1 AND m.tbl = 'platform_messages' AND m.body->>'state' IN ('intent', 'unknown') AND m.body->>'infno' IN ('2102', '2207')
             AND s.body->>'psn_no' = $2 AND (s.body->>'medfee_fen')::bigint = $3 ORDER BY m.body->>'created_at' LIMIT 1`,
    [storeId, psnNo, medfeeFen],
  )
  return r.rows[0]
}

/** A counter's 2103/2208 between intent and answer revoking the visit, the oldest first. */
export async function inBetweenRevoke(db: Db, storeId: string, mdtrtId: string): Promise<InBetweenRow | undefined> {
  const r = await db.query<InBetweenRow>(
    `SELECT t.terminal_no, t.terminal_uid, m.pk AS msgid FROM counter_rows m JOIN terminals t ON t.terminal_uid = m.terminal_uid
           WHERE t.store_id = $1 AND m.tbl = 'platform_messages' AND m.body->>'state' IN ('intent', 'unknown') AND m.body->>'infno' IN ('2103', '2208')
             AND (m.body->>'request')::jsonb->'data'->>'mdtrt_id' = $2 ORDER BY m.body->>'created_at' LIMIT 1`,
    [storeId, mdtrtId],
  )
  return r.rows[0]
}
