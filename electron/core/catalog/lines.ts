import { createReadStream } from 'node:fs'
import { CatalogImportError } from './errors'

export interface SourceLine {
  text: string
  /** 1-based physical line number. */
  lineNo: number
  /** False only for a last line with no newline after it: how a cut-off file usually ends. */
  terminated: boolean
}

export interface LineBatch {
  lines: SourceLine[]
  bytesDone: number
}

const NOT_UTF8 = '文件不是 UTF-8 编码（可能是 GBK），请在表格软件中另存为 UTF-8 后再导入'

function lineOfBadByte(bytes: Buffer, linesBefore: number, carry: string): number {
  const text = carry + new TextDecoder('utf-8').decode(bytes)
  const bad = text.indexOf('\uFFFD')
  let line = linesBefore + 1
  for (let i = 0; i < bad; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/**
 * Streams a UTF-8 text file as batches of lines (one batch per read chunk), so a large file never sits
 * in memory and the caller can yield, report progress and honour cancellation between batches. The
 * decoder is fatal: a GBK file is refused with the line of the first bad byte instead of importing
 * mojibake. A leading BOM is dropped; a CR before LF is dropped.
 */
export async function* readLines(file: string): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  let carry = ''
  let lineNo = 0
  let bytesDone = 0
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesDone += chunk.length
      let text: string
      try {
        text = carry + decoder.decode(chunk, { stream: true })
      } catch {
        throw new CatalogImportError('CATALOG_CORRUPT', NOT_UTF8, lineOfBadByte(chunk, lineNo, carry))
      }
      const parts = text.split('\n')
      carry = parts.pop() ?? ''
      const lines: SourceLine[] = new Array(parts.length)
      for (let i = 0; i < parts.length; i++) {
        const raw = parts[i]
        lines[i] = {
          text: raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw,
          lineNo: ++lineNo,
          terminated: true,
        }
      }
      yield { lines, bytesDone }
    }
  } catch (e) {
    if (e instanceof CatalogImportError) throw e
    throw new CatalogImportError('CATALOG_UNREADABLE', `无法读取文件 ${file}：${(e as Error).message}`)
  } finally {
    stream.destroy()
  }
  try {
    carry += decoder.decode()
  } catch {
    throw new CatalogImportError('CATALOG_TRUNCATED', '文件在一个字符的中间结束，文件不完整', lineNo + 1)
  }
  if (carry !== '') {
    yield { lines: [{ text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, lineNo: lineNo + 1, terminated: false }], bytesDone }
  }
}
