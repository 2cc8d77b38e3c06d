/**
 * Platform answers kept as they came (raw_answer), beside the normalised record the rest of the app reads
 * (response), and the answers a manager should look at: committed with oddities, or rejected (infcode 0
 * but unusable, or not describing the sale) and reversed.
 */
export default {
  id: 125,
  name: 'platform answers raw and reviews',
  sql: `
ALTER TABLE platform_messages ADD COLUMN raw_answer TEXT;
CREATE TABLE answer_reviews (
  msgid TEXT PRIMARY KEY REFERENCES platform_messages (msgid),
  sale_id TEXT NOT NULL REFERENCES sales (id),
  infno TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('odd', 'rejected', 'unrecorded')),
  notes TEXT NOT NULL,
  raw_answer TEXT,
  at TEXT NOT NULL
) STRICT;
`,
}
