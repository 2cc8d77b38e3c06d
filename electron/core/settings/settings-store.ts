import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * The `settings` table, named: one JSON value per key. The settings service keeps the contract's keys;
 * the devices concern keeps its own (printer, scanner) in the same table.
 */

export function allSettingRows(db: Db): { key: string; value: string }[] {
  return prepared(db, 'SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]
}

/** A key's stored JSON text, undefined when never written. */
export function settingValue(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value
}

/** Writes keys' JSON texts, each replacing what it held; the caller holds the transaction. */
export function writeSettings(db: Db, entries: Iterable<[key: string, json: string]>, at: string): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  )
  for (const [key, json] of entries) upsert.run(key, json, at)
}
