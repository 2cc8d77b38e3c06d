/**
 * Queued messages the platform refused because their msgid was already taken by a different message
 * (another counter of the institution issued the same msgid). That refusal says nothing about the sale:
 * the message is held out of the forwarding order for a manager to look into, never recorded as a
 * decline. The queue row itself stays as it was (queued, its msgid and body unchanged). A manager may
 * later send it again under a new msgid (replaced_by): the refusal proves the platform never processed
 * it under the old one, and it never went out under any other.
 */
export default {
  id: 130,
  name: 'offline msgid holds',
  sql: `
CREATE TABLE offline_holds (
  msgid TEXT PRIMARY KEY REFERENCES offline_queue (msgid),
  sale_id TEXT NOT NULL REFERENCES sales (id),
  reason TEXT NOT NULL,
  held_at TEXT NOT NULL,
  replaced_by TEXT UNIQUE REFERENCES offline_queue (msgid),
  released_by TEXT,
  released_at TEXT
) STRICT;
`,
}
