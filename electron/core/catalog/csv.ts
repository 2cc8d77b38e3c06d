import { CatalogImportError } from './errors'
import type { SourceLine } from './lines'

export interface CsvRecord {
  fields: string[]
  /** Line the record starts on: a quoted field may span lines. */
  lineNo: number
  terminated: boolean
}

interface Open {
  fields: string[]
  field: string
  lineNo: number
}

/**
 * RFC 4180 records from physical lines, one line at a time so it runs inside the streaming import.
 * Unquoted lines (almost all of a real export) take a split fast path.
 */
export class CsvRecordReader {
  private open: Open | null = null

  push(line: SourceLine): CsvRecord | null {
    if (this.open === null && line.text.indexOf('"') === -1) {
      return { fields: line.text.split(','), lineNo: line.lineNo, terminated: line.terminated }
    }
    return this.scan(line)
  }

  /** Call at end of input: an open quote there means the file was cut off inside a field. */
  finish(): void {
    if (this.open !== null) {
      throw new CatalogImportError('CATALOG_TRUNCATED', '文件在一个带引号的字段中间结束，文件不完整', this.open.lineNo)
    }
  }

  private scan(line: SourceLine): CsvRecord | null {
    const s = line.text
    let fields: string[]
    let field: string
    let lineNo: number
    let i = 0
    let quoted: boolean
    if (this.open) {
      ;({ fields, lineNo } = this.open)
      field = this.open.field + '\n'
      quoted = true
      this.open = null
    } else {
      fields = []
      field = ''
      lineNo = line.lineNo
      quoted = false
      if (s.charCodeAt(0) === 34) {
        quoted = true
        i = 1
      }
    }
    for (;;) {
      if (quoted) {
        const close = s.indexOf('"', i)
        if (close === -1) {
          this.open = { fields, field: field + s.slice(i), lineNo }
          return null
        }
        field += s.slice(i, close)
        if (s.charCodeAt(close + 1) === 34) {
          field += '"'
          i = close + 2
          continue
        }
        i = close + 1
        if (i < s.length && s.charCodeAt(i) !== 44) {
          throw new CatalogImportError('CATALOG_CORRUPT', `第 ${fields.length + 1} 列的引号后面应是逗号`, lineNo)
        }
        quoted = false
        fields.push(field)
        field = ''
        if (i >= s.length) return { fields, lineNo, terminated: line.terminated }
        i++
        if (s.charCodeAt(i) === 34) {
          quoted = true
          i++
        } else if (i >= s.length) {
          fields.push('')
          return { fields, lineNo, terminated: line.terminated }
        }
        continue
      }
      const comma = s.indexOf(',', i)
      const end = comma === -1 ? s.length : comma
      const piece = s.slice(i, end)
      if (piece.indexOf('"') !== -1) {
        throw new CatalogImportError('CATALOG_CORRUPT', `第 ${fields.length + 1} 列含有未加引号的双引号`, lineNo)
      }
      fields.push(piece)
      if (comma === -1) return { fields, lineNo, terminated: line.terminated }
      i = comma + 1
      if (s.charCodeAt(i) === 34) {
        quoted = true
        i++
      } else if (i >= s.length) {
        fields.push('')
        return { fields, lineNo, terminated: line.terminated }
      }
    }
  }
}
