/**
 * The audit trail keyed: each row also carries an HMAC of its hash under a per-install key sealed apart
 * from the database (`audit/audit-keys.ts`), and a day close records that MAC beside the hash. Rows written
 * before this migration keep a NULL MAC; at the first start after it the core appends one `audit.keyed`
 * row whose MAC covers the last unkeyed hash, which anchors the existing chain from the upgrade on.
 */
export default {
  id: 150,
  name: 'audit trail keyed MAC',
  sql: `
ALTER TABLE audit_log ADD COLUMN mac TEXT;
ALTER TABLE audit_log ADD COLUMN mac_key TEXT;
ALTER TABLE day_closes ADD COLUMN audit_mac TEXT;
`,
}
