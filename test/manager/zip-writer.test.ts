import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { writeZip } from '../../electron/core/manager/zip-writer'

const at = new Date('2026-11-20T01:02:04Z')

describe('the zip writer (native deflate)', () => {
  it('writes parts a ZIP reader opens, checks and reads back byte for byte, dated in UTC', async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `<row r="${i}"><c t="inlineStr"><is><t>布洛芬 ${i}</t></is></c></row>`).join('')
    const data = writeZip(
      [
        { path: '[Content_Types].xml', text: '<Types/>' },
        { path: 'xl/worksheets/sheet1.xml', text: big },
        { path: 'docProps/名字.xml', text: '' },
      ],
      at,
    )
    // Deflated, not stored: 20,000 rows fit in a small part of their text.
    expect(data.length).toBeLessThan(Buffer.byteLength(big) / 10)
    const zip = await JSZip.loadAsync(data, { checkCRC32: true })
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'docProps/名字.xml'])
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toBe(big)
    expect(await zip.file('docProps/名字.xml')!.async('string')).toBe('')
    expect(zip.file('[Content_Types].xml')!.date.toISOString()).toBe(at.toISOString())
  })

  it('is the same bytes for the same parts and time', () => {
    const one = () => writeZip([{ path: 'a.xml', text: '<a>甲</a>' }], at)
    expect(one().equals(one())).toBe(true)
  })
})
