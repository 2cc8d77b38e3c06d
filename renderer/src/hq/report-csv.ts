import type { HqFigures, HqReport } from '../../../shared/contract/sync/hq'

/** The figures' columns, in the order the page and the CSV show them. */
export const FIGURE_COLUMNS = ['sales', 'refunds', 'insuredCount', 'medical', 'fund', 'account', 'mutualAid', 'hospital', 'goods', 'cash', 'mobile'] as const
export const CROSS_COLUMNS = ['crossCount', 'crossMedical', 'crossMutualAid'] as const
export type FigureColumn = (typeof FIGURE_COLUMNS)[number] | (typeof CROSS_COLUMNS)[number]

export function figureCells(f: HqFigures): string[] {
  return [...FIGURE_COLUMNS.map((k) => String(f[k])), String(f.crossProvince.insuredCount), f.crossProvince.medical, f.crossProvince.mutualAid]
}

export type Grouping = 'byStore' | 'byRegion' | 'byDay' | 'byMonth' | 'byInsutype'
export const GROUPINGS: readonly Grouping[] = ['byStore', 'byRegion', 'byDay', 'byMonth', 'byInsutype']

/** One grouping's rows as the report gives them: a key to show and its figures (never added up again here). */
export function groupRows(r: HqReport, g: Grouping, insutypeName: (code: string | null) => string): { key: string; figures: HqFigures }[] {
  switch (g) {
    case 'byStore':
      return r.byStore.map((x) => ({ key: `${x.name} ${x.storeId}`, figures: x.figures }))
    case 'byRegion':
      return r.byRegion.map((x) => ({ key: x.admdvs, figures: x.figures }))
    case 'byDay':
      return r.byDay.map((x) => ({ key: x.day, figures: x.figures }))
    case 'byMonth':
      return r.byMonth.map((x) => ({ key: x.month, figures: x.figures }))
    case 'byInsutype':
      return r.byInsutype.map((x) => ({ key: insutypeName(x.insutype), figures: x.figures }))
  }
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/**
 * The whole report as CSV: every grouping's rows under its name, then the total, the figures exactly as the HQ
 * node answered them. A BOM first, so a spreadsheet opens the Chinese as UTF-8.
 */
export function reportCsv(
  r: HqReport,
  words: {
    group: string
    key: string
    total: string
    columns: Record<FigureColumn, string>
    groupName: (g: Grouping) => string
    insutypeName: (code: string | null) => string
  },
): string {
  const head = [words.group, words.key, ...[...FIGURE_COLUMNS, ...CROSS_COLUMNS].map((c) => words.columns[c])]
  const rows = GROUPINGS.flatMap((g) => groupRows(r, g, words.insutypeName).map((x) => [words.groupName(g), x.key, ...figureCells(x.figures)]))
  rows.push([words.total, `${r.from}~${r.to}`, ...figureCells(r.total)])
  return '\ufeff' + [head, ...rows].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n'
}
