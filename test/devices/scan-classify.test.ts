import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyScan, GS, gtinCheckDigit, hasValidGtinCheckDigit } from '../../shared/scan'

describe('GTIN check digit', () => {
  it('accepts published valid codes', () => {
    expect(hasValidGtinCheckDigit('4006381333931')).toBe(true) // EAN-13
    expect(hasValidGtinCheckDigit('036000291452')).toBe(true) // UPC-A
    expect(hasValidGtinCheckDigit('96385074')).toBe(true) // EAN-8
    expect(gtinCheckDigit('690123456789')).toBe(2)
  })

  it('rejects every single-digit change of the check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const good = body + String(gtinCheckDigit(body))
        const bad = body + String((gtinCheckDigit(body) + delta) % 10)
        return hasValidGtinCheckDigit(good) && !hasValidGtinCheckDigit(bad)
      }),
    )
  })

  it('catches every adjacent transposition of unequal digits that mod-10 can catch', () => {
    // Weights 3 and 1 miss a swap only when the two digits differ by 5.
    const code = '4006381333931'
    for (let i = 0; i < code.length - 2; i++) {
      const a = code[i]
      const b = code[i + 1]
      if (a === b || Math.abs(Number(a) - Number(b)) === 5) continue
      const swapped = code.slice(0, i) + b + a + code.slice(i + 2)
      expect(hasValidGtinCheckDigit(swapped), swapped).toBe(false)
    }
  })
})

describe('classifyScan', () => {
  it('recognises retail barcodes by length with the check digit verified', () => {
    expect(classifyScan('4006381333931')).toMatchObject({ kind: 'barcode', symbology: 'ean13', gtin14: '04006381333931' })
    expect(classifyScan('036000291452\r\n')).toMatchObject({ kind: 'barcode', symbology: 'upca', raw: '036000291452' })
    expect(classifyScan('96385074')).toMatchObject({ kind: 'barcode', symbology: 'ean8' })
    expect(classifyScan(']E04006381333931')).toMatchObject({ kind: 'barcode', symbology: 'ean13' })
  })

  it('reports a barcode with a wrong check digit as unknown, never as a product', () => {
    const r = classifyScan('4006381333932')
    expect(r.kind).toBe('unknown')
    expect(r.kind === 'unknown' && r.reason).toContain('校验位')
  })

  it('recognises 20-digit drug traceability codes', () => {
    expect(classifyScan('81234567890123456789')).toEqual({
      kind: 'traceability',
      raw: '81234567890123456789',
      code: '81234567890123456789',
      productCode: '8123456',
    })
  })

  it('parses GS1 DataMatrix element strings with GS separators and a symbology id', () => {
    const raw = `]d2010690123456789217271231105A123${GS}2112345678`
    expect(classifyScan(raw)).toEqual({
      kind: 'gs1',
      raw,
      elements: [
        { ai: '01', value: '06901234567892' },
        { ai: '17', value: '271231' },
        { ai: '10', value: '5A123' },
        { ai: '21', value: '12345678' },
      ],
      gtin14: '06901234567892',
      expiry: '2027-12-31',
      lot: '5A123',
      serial: '12345678',
    })
  })

  it('parses GS1 without the leading FNC1 and in bracketed form; day 00 means month end', () => {
    expect(classifyScan('010690123456789217260200')).toMatchObject({ kind: 'gs1', expiry: '2026-02-28' })
    expect(classifyScan('(01)06901234567892(10)LOT7(21)S1')).toMatchObject({ kind: 'gs1', lot: 'LOT7', serial: 'S1' })
  })

  it('refuses GS1 data it cannot read exactly', () => {
    expect(classifyScan(`]d2010690123456789317271231`).kind).toBe('unknown') // bad GTIN check digit
    expect(classifyScan(`]d20106901234567892171399`).kind).toBe('unknown') // month 13, truncated
    expect(classifyScan(`]d2010690123456789299X1`).kind).toBe('unknown') // unknown AI 99
    expect(classifyScan(`]d20106901234567892${'10'}${'A'.repeat(21)}`).kind).toBe('unknown') // lot > 20
  })

  it('treats opaque printable tokens as member QR codes, and can require prefixes', () => {
    const token = 'A1B2C3D4E5F6G7H8I9J0K1L2M3N4:0102'
    expect(classifyScan(token)).toEqual({ kind: 'member-qr', raw: token, token })
    expect(classifyScan(token, { prefixes: ['NHSA'], minLength: 16, maxLength: 512 }).kind).toBe('unknown')
    expect(classifyScan('NHSA' + token, { prefixes: ['NHSA'], minLength: 16, maxLength: 512 }).kind).toBe('member-qr')
  })

  it('reports garbage and partial input as unknown', () => {
    for (const junk of [
      '',
      '\r\n',
      '12345',
      '1234567890123456',
      'abc',
      'https://example.com/pay?id=12345',
      '药品名称条码内容',
      'AB\u0000\u0007CDEFGHIJKLMNOPQRS',
      '400638133393',
    ])
      expect(classifyScan(junk).kind, JSON.stringify(junk)).toBe('unknown')
  })

  it('never throws and always returns a kind, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const r = classifyScan(s)
        return ['member-qr', 'barcode', 'traceability', 'gs1', 'unknown'].includes(r.kind)
      }),
    )
  })
})
