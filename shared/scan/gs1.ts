import { AI_TABLE, matchAi } from './gs1-ai'
import { hasValidGtinCheckDigit } from './gtin'

/** ASCII 29, what scanners send for FNC1 inside a GS1 DataMatrix or GS1-128. */
export const GS = '\u001d'

export interface Gs1Element {
  ai: string
  value: string
}

export type Gs1Parse = { ok: true; elements: Gs1Element[] } | { ok: false; reason: string }

/** AIM symbology identifiers announcing GS1 data: DataMatrix ]d2, GS1-128 ]C1, GS1 QR ]Q3. */
const GS1_SYMBOLOGY_IDS = [']d2', ']C1', ']Q3', ']e0']

export function stripGs1SymbologyId(text: string): { text: string; announced: boolean } {
  for (const id of GS1_SYMBOLOGY_IDS) if (text.startsWith(id)) return { text: text.slice(id.length), announced: true }
  return { text, announced: false }
}

function validateValue(ai: string, value: string): string | undefined {
  const spec = AI_TABLE[ai]
  if (value.length === 0) return `AI ${ai} 无数据`
  if (spec.numeric && !/^\d+$/.test(value)) return `AI ${ai} 应为数字`
  // GS1 restricts element values to a subset of printable ASCII (character set 82).
  if (!/^[\x21-\x7e]+$/.test(value)) return `AI ${ai} 含非法字符`
  if (spec.fixed === 6 && ['11', '13', '15', '16', '17'].includes(ai)) {
    const month = Number(value.slice(2, 4))
    const day = Number(value.slice(4, 6))
    if (month < 1 || month > 12 || day > 31) return `AI ${ai} 日期无效`
  }
  if ((ai === '01' || ai === '02') && !hasValidGtinCheckDigit(value)) return `AI ${ai} 校验位错误`
  return undefined
}

/** Parses an unbracketed element string where variable-length fields end at GS or at the end. */
export function parseGs1ElementString(data: string): Gs1Parse {
  const elements: Gs1Element[] = []
  let pos = 0
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++
      continue
    }
    const ai = matchAi(data.slice(pos))
    if (!ai) return { ok: false, reason: `未知的应用标识符：${data.slice(pos, pos + 4)}` }
    const spec = AI_TABLE[ai]
    pos += ai.length
    let value: string
    if (spec.fixed !== undefined) {
      value = data.slice(pos, pos + spec.fixed)
      if (value.length !== spec.fixed) return { ok: false, reason: `AI ${ai} 数据不完整` }
      pos += spec.fixed
    } else {
      const end = data.indexOf(GS, pos)
      value = data.slice(pos, end === -1 ? data.length : end)
      if (value.length > (spec.max ?? 0)) return { ok: false, reason: `AI ${ai} 超长，可能缺少分隔符` }
      pos += value.length
    }
    const problem = validateValue(ai, value)
    if (problem) return { ok: false, reason: problem }
    elements.push({ ai, value })
  }
  if (elements.length === 0) return { ok: false, reason: '没有数据' }
  return { ok: true, elements }
}

/** Parses the human-readable form "(01)06901234567892(17)271231(10)A1". */
export function parseBracketedGs1(text: string): Gs1Parse {
  const pattern = /\((\d{2,4})\)([^()]*)/gy
  const elements: Gs1Element[] = []
  let match: RegExpExecArray | null
  let consumed = 0
  while ((match = pattern.exec(text)) !== null) {
    const [whole, ai, value] = match
    consumed += whole.length
    const spec = AI_TABLE[ai]
    if (!spec) return { ok: false, reason: `未知的应用标识符：${ai}` }
    if (spec.fixed !== undefined && value.length !== spec.fixed) return { ok: false, reason: `AI ${ai} 长度错误` }
    if (spec.max !== undefined && value.length > spec.max) return { ok: false, reason: `AI ${ai} 超长` }
    const problem = validateValue(ai, value)
    if (problem) return { ok: false, reason: problem }
    elements.push({ ai, value })
  }
  if (consumed !== text.length || elements.length === 0) return { ok: false, reason: '格式不是 (AI)数据' }
  return { ok: true, elements }
}

/** "271231" -> "2027-12-31"; day 00 means the last day of the month (GS1 rule). */
export function gs1DateToIso(yymmdd: string): string {
  const yy = Number(yymmdd.slice(0, 2))
  const month = Number(yymmdd.slice(2, 4))
  let day = Number(yymmdd.slice(4, 6))
  // GS1 sliding century window simplified to the range a drug pack can carry: 2000-2099.
  const year = 2000 + yy
  if (day === 0) day = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
