/**
 * A sale can have more than one receipt: an offline sale's corrected receipt follows its first one once
 * the platform has answered. `kind` tells the original, a corrected receipt and a reprint apart, and
 * `reprint` is the number the paper says ("重打小票 第n次"), no longer the row's copy number.
 */
export default {
  id: 100,
  name: 'print job kinds',
  sql: `
ALTER TABLE print_jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'original' CHECK (kind IN ('original', 'corrected', 'reprint'));
ALTER TABLE print_jobs ADD COLUMN reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint >= 0);
UPDATE print_jobs SET kind = 'reprint', reprint = copy WHERE copy > 0;
`,
}
