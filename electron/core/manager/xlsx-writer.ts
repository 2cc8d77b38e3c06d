/**
 * A workbook as SpreadsheetML parts in a ZIP (ECMA-376), written directly: tables of text and numbers,
 * a bold header row, 2-decimal amounts and column widths are all the exports need, so no spreadsheet
 * library. Strings are inline (no shared-string table); characters XML 1.0 cannot carry (control
 * characters from a name typed into the catalog) are dropped rather than breaking the file.
 */
export type XlsxCell = string | number | null
export interface XlsxRow {
  cells: XlsxCell[]
  bold?: boolean
}
export interface XlsxSheet {
  name: string
  rows: XlsxRow[]
  /** Column widths in characters, first column first. */
  widths: number[]
  /** Number cells shown with two decimals (amounts); others as General. */
  twoDecimals: (row: number, column: number) => boolean
}

// cellXfs of styles.xml: 0 General, 1 bold, 2 built-in number format 2 ("0.00").
const STYLE = { plain: 0, bold: 1, amount: 2 } as const

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

// Not allowed in XML 1.0: C0 controls but tab, LF and CR; U+FFFE/U+FFFF; unpaired surrogates.
// eslint-disable-next-line no-control-regex -- these are exactly the characters being removed
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// Most cells hold none of the characters above nor any to escape: they are written as they are.
// eslint-disable-next-line no-control-regex -- the same characters as NOT_XML, and the ones XML escapes
const NEEDS_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF&<>"]/

export function xmlText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1
  let name = ''
  while (n > 0) {
    const r = (n - 1) % 26
    name = String.fromCharCode(65 + r) + name
    n = Math.floor((n - 1) / 26)
  }
  return name
}

function cellXml(value: XlsxCell, ref: string, style: number): string {
  if (value === null) return ''
  const s = style ? ` s="${style}"` : ''
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`xlsx: ${ref} is not a finite number`)
    return `<c r="${ref}"${s}><v>${value}</v></c>`
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`
}

function sheetXml(sheet: XlsxSheet): string {
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  const letters: string[] = []
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row.cells
        .map((v, c) =>
          cellXml(
            v,
            `${(letters[c] ??= columnName(c))}${r + 1}`,
            row.bold ? STYLE.bold : typeof v === 'number' && sheet.twoDecimals(r, c) ? STYLE.amount : STYLE.plain,
          ),
        )
        .join('')
      return `<row r="${r + 1}">${cells}</row>`
    })
    .join('')
  return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rows}</sheetData></worksheet>`
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** The workbook file; `at` dates the entries and the document properties (the caller's clock). */
export async function writeXlsx(sheets: XlsxSheet[], meta: { creator: string; at: Date }): Promise<Buffer> {
  const names = new Set<string>()
  for (const s of sheets) {
    // Excel refuses a name over 31 characters, with []:*?/\ in it, or repeated.
    if (!s.name || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || names.has(s.name)) throw new Error(`xlsx: bad sheet name ${JSON.stringify(s.name)}`)
    names.add(s.name)
  }
  // Loaded when the first workbook is written: the shell starts without it (docs/benchmarks.md, start).
  const { default: JSZip } = await import('jszip')
  const zip = new JSZip()
  // Entries dated by the caller's clock, so the same day exported twice gives the same bytes.
  const add = (path: string, text: string) => zip.file(path, text, { date: meta.at })
  add(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  )
  add(
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
  )
  const when = meta.at.toISOString().replace(/\.\d{3}Z$/, 'Z')
  add(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${xmlText(meta.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
      '</cp:coreProperties>',
  )
  add(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  )
  add(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  )
  add('xl/styles.xml', STYLES_XML)
  sheets.forEach((s, i) => add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)))
  // Level 1: an xlsx of 5,000 sales deflates about twice as fast and a third larger than at the default 6.
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 1 },
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
}
