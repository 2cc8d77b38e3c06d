import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvRecordReader } from '../../electron/core/catalog/csv'
import { FieldError } from '../../electron/core/catalog/errors'
import { isEan13, moneyFen, ratioBp } from '../../electron/core/catalog/fields'
import { gtinCheckDigit } from '../../shared/scan/gtin'
import { csvField, ean13 } from '../../dev-tools/catalog-generator'
import { ratioString } from '../../electron/core/catalog/rows'
import { gramsOf, initialsOf, searchKey } from '../../electron/core/catalog/searchText'

function parseCsv(text: string): string[][] {
  const reader = new CsvRecordReader()
  const out: string[][] = []
  const lines = text.split('\n')
  lines.forEach((t, k) => {
    const r = reader.push({ text: t, lineNo: k + 1, terminated: k < lines.length - 1 })
    if (r) out.push(r.fields)
  })
  reader.finish()
  return out
}

describe('field parsing', () => {
  it('turns yuan into fen exactly for every amount with up to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => {
        const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
        expect(moneyFen('price', yuan)).toBe(fen)
      }),
    )
    expect(moneyFen('price', '0.1')).toBe(10)
    expect(moneyFen('price', '19')).toBe(1900)
  })

  it('rejects what is not an amount', () => {
    for (const bad of ['12.3.4', '-1.00', '1.005', '1e3', ' 1', '', '¥5', '1,000.00', '0x10']) {
      expect(() => moneyFen('price', bad), bad).toThrow(FieldError)
    }
  })

  it('keeps ratios exact in ten-thousandths and writes them back the platform way', () => {
    expect(ratioBp('selfpay_prop', '0.1')).toBe(1000)
    expect(ratioBp('selfpay_prop', '0.0575')).toBe(575)
    expect(ratioBp('selfpay_prop', '1.00')).toBe(10000)
    expect(() => ratioBp('selfpay_prop', '1.01')).toThrow(FieldError)
    expect(() => ratioBp('selfpay_prop', '0.12345')).toThrow(FieldError)
    expect(ratioString(1000)).toBe('0.10')
    expect(ratioString(575)).toBe('0.0575')
    expect(ratioString(10000)).toBe('1.00')
  })

  it('computes EAN-13 check digits (any single wrong digit is caught)', () => {
    expect(gtinCheckDigit('690123456789')).toBe(2)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        const code = ean13('69', n)
        expect(isEan13(code)).toBe(true)
        const digit = (code.charCodeAt(pos) - 48 + delta) % 10
        expect(isEan13(code.slice(0, pos) + digit + code.slice(pos + 1))).toBe(false)
      }),
    )
  })
})

describe('CSV records', () => {
  it('round-trips any fields through RFC 4180 quoting', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '阿', ',', '"', '\n', ' ', '1'), maxLength: 8 })
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        const text = records.map((r) => r.map(csvField).join(',')).join('\n') + '\n'
        expect(parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''))).toEqual(records)
      }),
    )
  })

  it('reads escaped quotes, empty fields and a quoted field across lines', () => {
    expect(parseCsv('a,"b ""c""",,"d\ne",\n')).toEqual([['a', 'b "c"', '', 'd\ne', ''], ['']])
  })
})

describe('search keys', () => {
  it('spells names by pinyin initials, keeping Latin letters and digits', () => {
    expect(initialsOf(searchKey('阿莫西林胶囊')).primary).toBe('amxljn')
    expect(initialsOf(searchKey('999感冒灵颗粒')).primary).toBe('999gmlkl')
    expect(initialsOf(searchKey('维生素C片（0.1g）')).primary).toBe('wsscp01g')
    // pinyin-pro reads polyphones in context.
    expect(initialsOf(searchKey('长春西汀注射液')).primary).toBe('ccxtzsy')
    expect(initialsOf(searchKey('重组人胰岛素')).primary).toBe('zzryds')
  })

  it('adds the other reading of a polyphone as an extra spelling', () => {
    const { primary, all } = initialsOf(searchKey('参苓白术散'))
    expect(all[0]).toBe(primary)
    expect(all).toContain('slbzs')
    expect(all).toContain('clbzs')
    expect(all.length).toBeLessThanOrEqual(4)
  })

  it('folds full-width input and case', () => {
    expect(searchKey('  ＶｉｔａｍｉｎＣ　片 ')).toBe('vitaminc 片')
  })

  it('indexes every 1- and 2-character gram of letters and digits', () => {
    expect(gramsOf('阿莫(c)').split(' ').sort()).toEqual(['c', '莫', '阿', '阿莫'].sort())
  })
})
