import { GS, gs1DateToIso, parseBracketedGs1, parseGs1ElementString, stripGs1SymbologyId, type Gs1Element } from './gs1'
import { hasValidGtinCheckDigit, toGtin14 } from './gtin'
import { memberQrRulesSchema, type MemberQrRules, type ScanResult } from './schema'

const DEFAULT_RULES = memberQrRulesSchema.parse({})

/** AIM identifiers of non-GS1 symbologies ("]E0" EAN-13, "]Q1" QR ...): they carry no data. */
const PLAIN_SYMBOLOGY_ID = /^\][A-Za-z][0-9A-Za-z]/

const NUMERIC_SYMBOLOGIES = { 8: 'ean8', 12: 'upca', 13: 'ean13', 14: 'gtin14' } as const

function gs1Result(raw: string, elements: Gs1Element[]): ScanResult {
  const get = (ai: string) => elements.find((e) => e.ai === ai)?.value
  const expiry = get('17')
  return {
    kind: 'gs1',
    raw,
    elements,
    gtin14: get('01'),
    expiry: expiry ? gs1DateToIso(expiry) : undefined,
    lot: get('10'),
    serial: get('21'),
  }
}

function unknown(raw: string, reason: string): ScanResult {
  return { kind: 'unknown', raw, reason }
}

function classifyDigits(raw: string, digits: string): ScanResult | undefined {
  if (digits.length === 20) return { kind: 'traceability', raw, code: digits, productCode: digits.slice(0, 7) }
  const symbology = NUMERIC_SYMBOLOGIES[digits.length as keyof typeof NUMERIC_SYMBOLOGIES]
  if (symbology) {
    if (!hasValidGtinCheckDigit(digits)) return unknown(raw, `条码校验位错误（${digits.length}位），请重新扫描`)
    return { kind: 'barcode', raw, symbology, digits, gtin14: toGtin14(digits) }
  }
  return undefined
}

function looksLikeMemberQr(text: string, rules: MemberQrRules): boolean {
  if (text.length < rules.minLength || text.length > rules.maxLength) return false
  // Tokens are printable ASCII without spaces; anything else is not something a credential QR carries.
  if (!/^[\x21-\x7e]+$/.test(text)) return false
  if (!/[A-Za-z]/.test(text)) return false
  if (/^https?:\/\//i.test(text)) return false
  if (rules.prefixes.length > 0) return rules.prefixes.some((p) => text.startsWith(p))
  return true
}

/**
 * Tells what a scanned string is. Order matters: explicit GS1 markers first (they can look like
 * digits), then pure digit strings by length, then member QR tokens; the rest is unknown with a reason.
 */
export function classifyScan(input: string, rules: MemberQrRules = DEFAULT_RULES): ScanResult {
  const raw = input.replace(/[\r\n]+$/, '')
  if (raw.length === 0) return unknown(raw, '空扫码')

  const { text: afterGs1Id, announced } = stripGs1SymbologyId(raw)
  if (announced || raw.includes(GS)) {
    const parsed = parseGs1ElementString(afterGs1Id)
    return parsed.ok ? gs1Result(raw, parsed.elements) : unknown(raw, `GS1码无法解析：${parsed.reason}`)
  }
  if (raw.startsWith('(')) {
    const parsed = parseBracketedGs1(raw)
    return parsed.ok ? gs1Result(raw, parsed.elements) : unknown(raw, `GS1码无法解析：${parsed.reason}`)
  }

  const text = PLAIN_SYMBOLOGY_ID.test(raw) ? raw.slice(3) : raw
  if (/^\d+$/.test(text)) {
    const byLength = classifyDigits(raw, text)
    if (byLength) return byLength
    // Scanners configured to drop the leading FNC1 still send "01<GTIN>..." element strings.
    if (text.startsWith('01') && text.length >= 16) {
      const parsed = parseGs1ElementString(text)
      if (parsed.ok) return gs1Result(raw, parsed.elements)
    }
    return unknown(raw, `无法识别的数字码（${text.length}位）`)
  }
  if (text.startsWith('01') && /^01\d{14}/.test(text)) {
    const parsed = parseGs1ElementString(text)
    if (parsed.ok) return gs1Result(raw, parsed.elements)
  }
  if (looksLikeMemberQr(text, rules)) return { kind: 'member-qr', raw, token: text }
  return unknown(raw, '无法识别的条码内容')
}
