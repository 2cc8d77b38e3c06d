import type { Db } from '../../base/store/database'
import { prepared } from '../../base/store/statements'

/**
 * The msgid sequence's rows in `counters`: 'msgid' holds the last slot reserved (value: its counter, aux:
 * its second), 'msgid-spare' the token of the write that reserved it.
 */

const READ = "SELECT value, aux FROM counters WHERE name = 'msgid'"
const WRITE = "INSERT INTO counters (name, value, aux) VALUES ('msgid', ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, aux = excluded.aux"
const READ_SPARE = "SELECT name, value, aux FROM counters WHERE name IN ('msgid', 'msgid-spare')"
const WRITE_SPARE = "INSERT INTO counters (name, value, aux) VALUES ('msgid-spare', ?, 0) ON CONFLICT(name) DO UPDATE SET value = excluded.value"

export function storedMsgid(db: Db): { value: number; aux: number } | undefined {
  return prepared(db, READ).get() as { value: number; aux: number } | undefined
}

/** Writes the reserved slot and the token beside it, in the caller's transaction. */
export function reserveMsgid(db: Db, slot: { second: number; counter: number }, token: number): void {
  prepared(db, WRITE).run(slot.counter, slot.second)
  prepared(db, WRITE_SPARE).run(token)
}

/** The committed slot and token (outside a transaction: what is on disk). */
export function storedMsgidAndSpare(db: Db): { name: string; value: number; aux: number }[] {
  return prepared(db, READ_SPARE).all() as { name: string; value: number; aux: number }[]
}
