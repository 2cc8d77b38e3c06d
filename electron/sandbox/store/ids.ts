import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/** Next value of a named counter; called inside the caller's transaction, so ids are never reused. */
export function nextSequence(db: Db, name: string): number {
  const row = prepared(db, 'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').get(
    name,
  ) as { value: number }
  return row.value
}

export function padded(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** Makes sure the counter never hands out `atLeast` or below again (after rows inserted with fixed ids). */
export function advanceSequence(db: Db, name: string, atLeast: number): void {
  prepared(db, 'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)').run(name, atLeast)
}
