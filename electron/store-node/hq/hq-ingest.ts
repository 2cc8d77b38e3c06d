import type { Pool } from 'pg'
import { WITHHELD_TABLE, type HqPushRequest } from '../../../shared/contract/sync/hq'
import type { Clock } from '../../base/clock'
import { StoreNodeError } from '../errors'
import { ingestBatch, type IngestHooks } from '../ingest'
import type { HqRegistry, HqStore } from './hq-registry'
import { personalPath, WITHHELD_TABLES } from './personal-data'

/** HQ takes nothing personal: a row that names a person refuses the whole batch, whatever the store meant. */
function refusePersonal(req: HqPushRequest): void {
  for (const r of req.rows) {
    if (r.tbl === WITHHELD_TABLE ? r.body !== '{}' : WITHHELD_TABLES.has(r.tbl))
      throw new StoreNodeError('PERSONAL_DATA', `第 ${r.seq} 条（${r.tbl}）不应上传到总部，整批未保存`)
    let body: unknown
    try {
      body = JSON.parse(r.body)
    } catch {
      continue // ingestion refuses it in its own words
    }
    const path = personalPath(body)
    if (path) throw new StoreNodeError('PERSONAL_DATA', `第 ${r.seq} 条（${r.tbl}）带有个人信息（${path}），总部不接收，整批未保存`)
  }
}

/**
 * One source's batch of a store's push, at HQ: checked for personal data, its source mirrored under the
 * store, then stored exactly as a store node stores a counter's push (one transaction, idempotent by the
 * source's own `(terminal_uid, seq)`, the same key with other content refused and the source blocked).
 */
export async function ingestFromStore(
  pool: Pool,
  clock: Clock,
  registry: HqRegistry,
  store: HqStore,
  req: HqPushRequest,
  hooks?: IngestHooks,
): Promise<number> {
  refusePersonal(req)
  await registry.mirror(store, req.source)
  const acked = await ingestBatch(pool, clock, { terminal_uid: req.source.terminal_uid, rows: req.rows }, hooks)
  await registry.touched(store.storeUid)
  return acked
}
