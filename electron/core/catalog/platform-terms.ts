import type { CatalogPage } from '../../../shared/nhsa/answer'
import { type PlatformClient, wireTimeCst } from '../platform'
import { buildTerms, type TermsRows } from './terms'
import { CatalogImportError } from './errors'

/** The largest page the spec allows (page_size at most 1000 in every query's table). */
const PAGE_SIZE = 1000
/** A runaway gateway (pages that never end) is stopped here: the whole national list is well under it. */
const MAX_PAGES = 5000
/** "Changed after": earlier than any row, so every row comes (updt_time is required in the spec). */
const EVERYTHING = '2000-01-01 00:00:00'

type PagedInfno = '1312' | '1318' | '1319'

/**
 * Every row of one 医保目录 query, page by page as the real interface pages: until a page comes back
 * short, or the gateway's own page count or record count is reached.
 */
async function allPages(client: PlatformClient, infno: PagedInfno, queryDate: string): Promise<unknown[]> {
  const rows: unknown[] = []
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum++) {
    const { output } = await client.call(infno, { data: { query_date: queryDate, updt_time: EVERYTHING, page_num: pageNum, page_size: PAGE_SIZE } })
    const page: CatalogPage<unknown> = output
    rows.push(...page.rows)
    const got = page.rows.length + page.dropped
    if (got < PAGE_SIZE || (page.pages !== null && pageNum >= page.pages) || (page.total !== null && pageNum * PAGE_SIZE >= page.total)) return rows
  }
  throw new CatalogImportError('CATALOG_FAILED', `医保平台 ${infno} 翻页超过 ${MAX_PAGES} 页仍未结束，目录未改变；请稍后重试`)
}

/**
 * The region's 医保目录 as of today: classes (1312), price caps (1318) and self-pay shares (1319), merged
 * by hilist_code (terms.ts). Read before anything is imported, so a failure leaves the catalog as it was.
 */
export async function fetchCatalogTerms(client: PlatformClient, now: Date) {
  const day = wireTimeCst(now).slice(0, 10)
  const rows: TermsRows = {
    classes: (await allPages(client, '1312', day)) as TermsRows['classes'],
    caps: (await allPages(client, '1318', day)) as TermsRows['caps'],
    selfpays: (await allPages(client, '1319', day)) as TermsRows['selfpays'],
  }
  return { terms: buildTerms(rows, day), rows: rows.classes.length + rows.caps.length + rows.selfpays.length }
}
