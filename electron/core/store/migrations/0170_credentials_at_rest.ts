/**
 * Personal data at rest (docs/security.md): scrubs the ecTokens and ID numbers earlier versions wrote in
 * clear. `sales.cert_no` is emptied (the credential now lives in memory for the sale). Every stored
 * request's `mdtrt_cert_no` becomes 'withheld', except in messages still waiting to be resent as written
 * (open visit messages, queued offline sales): SQL has no key to seal them, so the core seals those at its
 * first start after this (journal/stored-credentials.ts, sealWaitingCredentials). The member snapshots are
 * deleted, not re-keyed: their key was a plain hash of the ID number, and re-keying would mean recovering
 * each number from it; a customer is snapshotted again at the next online identification.
 */
export default {
  id: 170,
  name: 'credentials at rest scrubbed',
  sql: `
UPDATE sales SET cert_no = NULL WHERE cert_no IS NOT NULL;
UPDATE platform_messages SET request = json_set(request, '$.data.mdtrt_cert_no', 'withheld')
 WHERE json_extract(request, '$.data.mdtrt_cert_no') IS NOT NULL
   AND NOT (infno IN ('2201', '2202', '2203', '2204', '2205') AND state IN ('intent', 'unknown'));
UPDATE offline_queue SET request = json_set(request, '$.data.mdtrt_cert_no', 'withheld')
 WHERE json_extract(request, '$.data.mdtrt_cert_no') IS NOT NULL AND state NOT IN ('queued', 'sending');
DELETE FROM member_snapshots;
`,
}
