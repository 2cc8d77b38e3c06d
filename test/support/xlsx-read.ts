import JSZip from 'jszip'

export interface ReadSheet {
  name: string
  /** Row number (1-based) → column letters → value: a number for a number cell, else its text. */
  rows: Map<number, Map<string, string | number>>
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/**
 * Reads an xlsx back the way a spreadsheet does, from its parts: the workbook's sheet list through its
 * relationships, then each sheet's cells (inline strings, shared strings, numbers). Enough to check an
 * export; not a general reader (no formulas, dates or rich text runs beyond their text).
 */
export async function readXlsx(data: Buffer): Promise<ReadSheet[]> {
  const zip = await JSZip.loadAsync(data)
  const text = async (path: string) => {
    const f = zip.file(path)
    if (!f) throw new Error(`xlsx: no part ${path}`)
    return f.async('string')
  }
  const shared = zip.file('xl/sharedStrings.xml')
    ? [...(await text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
      )
    : []
  const rels = new Map(
    [...(await text('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  )
  const sheets: ReadSheet[] = []
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"/g)) {
    const target = rels.get(m[2])!.replace(/^\/?(xl\/)?/, '')
    const rows = new Map<number, Map<string, string | number>>()
    for (const c of (await text(`xl/${target}`)).matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, col, row, attrs, body = ''] = c
      const type = /t="(\w+)"/.exec(attrs)?.[1]
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1]
      const value =
        type === 'inlineStr'
          ? unescape([...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
          : type === 's'
            ? shared[Number(v)]
            : type === 'str'
              ? unescape(v ?? '')
              : v === undefined
                ? undefined
                : Number(v)
      if (value === undefined) continue
      if (!rows.has(Number(row))) rows.set(Number(row), new Map())
      rows.get(Number(row))!.set(col, value)
    }
    sheets.push({ name: unescape(m[1]), rows })
  }
  return sheets
}
