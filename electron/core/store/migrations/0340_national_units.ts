/**
 * The national files (1301/1306 as the platform hands them out) say how an entry is sold and used:
 * the smallest unit sold (min_salunt, e.g. 盒), the smallest unit used (min_useunt, e.g. 粒) and how many
 * of those a pack holds (min_pac_cnt). Splitting a pack at the counter (拆零) reads them; the names are
 * the national fields'. NULL for entries imported from a file that does not carry them.
 */
export default {
  id: 340,
  name: 'national units',
  sql: `
ALTER TABLE national_item ADD COLUMN min_useunt TEXT;
ALTER TABLE national_item ADD COLUMN min_salunt TEXT;
ALTER TABLE national_item ADD COLUMN min_pac_cnt INTEGER CHECK (min_pac_cnt IS NULL OR min_pac_cnt > 0);
`,
}
