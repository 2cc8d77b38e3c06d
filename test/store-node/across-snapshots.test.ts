import { expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import type { StoreCounter } from '../stock/stock-rig'
import { pairedStoreCounter, untilOffline, useSharedTrainingStore } from './shared-training'

/**
 * Offline identity within the store: a customer counter A identified online can buy offline at counter B, which
 * never saw them, with A's snapshot and its age. The store node keeps it under the store's key, never the ID number.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useSharedTrainingStore(db, tempDir)

async function counter(label: string): Promise<StoreCounter> {
  const c = await pairedStoreCounter(db, store.node, store.sandbox, tempDir(), label)
  store.counters.push(c)
  return c
}

it('B sells offline to a customer only A saw online: the store’s snapshot, with A’s time; no ID number at the store node', async () => {
  const a = await counter('一号收银台')
  const b = await counter('二号收银台')
  const person = DEMO_PEOPLE.zhangHusband
  await a.member('zhangHusband')
  const held = await eventually(
    'A’s snapshot at the store node',
    () =>
      db().pool.query<{ cert_hash: string; psn_no: string; snapshot: object; seen_at: Date }>(
        'SELECT cert_hash, psn_no, snapshot, seen_at FROM member_snapshots',
      ),
    (r) => r.rows.some((s) => s.psn_no === person.psn_no),
  )
  const row = held.rows.find((s) => s.psn_no === person.psn_no)!
  // Keyed by the store's HMAC, not A's own key, and never the number itself; not a counter row (nothing for HQ).
  expect(row.cert_hash).toMatch(/^[0-9a-f]{64}$/)
  expect(a.core.db.prepare('SELECT 1 FROM member_snapshots WHERE cert_hash = ?').get(row.cert_hash)).toBeUndefined()
  expect(JSON.stringify(row.snapshot)).not.toContain(person.certno)
  expect((await db().pool.query("SELECT 1 FROM counter_rows WHERE body::text LIKE '%' || $1 || '%'", [person.certno])).rowCount).toBe(0)

  await a.faults({ down: true })
  await untilOffline(b)
  const found = await b.call('identifyOffline', { idCardNo: person.certno })
  expect(found.member).toMatchObject({ nameMasked: '张*', insutype: '310' })
  expect(found.snapshotSeenAt).toBe(row.seen_at.toISOString())

  // The store node unreachable and nothing kept here: B says it has not seen the customer.
  await store.node.close()
  expect((await b.core.dispatch('identifyOffline', { idCardNo: DEMO_PEOPLE.liRetired.certno })).ok).toBe(false)
}, 120_000)
