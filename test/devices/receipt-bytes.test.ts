import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { layoutReceipt, receiptSchema, saleQrPayload, type PaperWidth } from '../../shared/receipt'
import { encodeReceipt } from '../../electron/core/devices/printer/encode-receipt'
import { qrCodeCommands } from '../../electron/core/devices/printer/escpos'
import { mutualAidReceipt } from './fixtures'

function encoded(paper: PaperWidth, openDrawer = false) {
  const doc = layoutReceipt(receiptSchema.parse(mutualAidReceipt()), { paper })
  return { doc, bytes: encodeReceipt(doc, { openDrawer }) }
}

/** Command lengths of everything the encoder emits; the rest of the job is text bytes and LF. */
const COMMAND_LENGTHS: Record<string, number> = {
  '1b40': 2,
  '1c26': 2,
  '1c2e': 2,
  '1b61': 3,
  '1b45': 3,
  '1d21': 3,
  '1c21': 3,
  '1b70': 5,
  '1d56': 4,
  '1b64': 3,
}

/** Each printed line's text bytes, commands removed: what the printer puts into its columns. */
function textLinesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = []
  let current: number[] = []
  for (let i = 0; i < bytes.length;) {
    const head = bytes.subarray(i, i + 2).toString('hex')
    if (head === '1d28') {
      i += 5 + bytes.readUInt16LE(i + 3) // GS ( k pL pH + pL/pH bytes
    } else if (COMMAND_LENGTHS[head]) {
      i += COMMAND_LENGTHS[head]
    } else if (bytes[i] === 0x0a) {
      lines.push(Buffer.from(current))
      current = []
      i++
    } else {
      expect(bytes[i], `unexpected control byte at ${i}`).toBeGreaterThanOrEqual(0x20)
      current.push(bytes[i++])
    }
  }
  expect(current).toEqual([])
  return lines
}

describe.each([
  ['58', 32],
  ['80', 48],
] as const)('ESC/POS receipt on %s mm', (paper, columns) => {
  it('initialises, enters Chinese mode before any text and leaves it after the cut', () => {
    const { bytes } = encoded(paper)
    expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26])
    expect([...bytes.subarray(-9)]).toEqual([0x1b, 0x64, 4, 0x1d, 0x56, 66, 0, 0x1c, 0x2e])
  })

  it('writes Chinese as GB18030 double-byte codes', () => {
    const { bytes } = encoded(paper)
    // 阿莫西林 in GB2312: B0A2 C4AA CEF7 C1D6; × is A1C1; （ is A3A8.
    expect(bytes.includes(Buffer.from('b0a2c4aacef7c1d6', 'hex'))).toBe(true)
    expect(bytes.includes(Buffer.from('302e323567a1c13234', 'hex'))).toBe(true) // "0.25g×24"
    expect(bytes.includes(Buffer.from('王建国', 'utf8'))).toBe(false)
    expect(bytes.includes(iconv.encode('王*国', 'gb18030'))).toBe(true)
    expect(bytes.includes(iconv.encode('王建国', 'gb18030'))).toBe(false)
  })

  it('never lets a line of text bytes exceed the paper: one byte per column, two per Chinese character', () => {
    const { doc, bytes } = encoded(paper)
    const lines = textLinesOf(bytes)
    const textBlocks = doc.blocks.filter((b) => b.kind === 'text')
    expect(lines).toHaveLength(textBlocks.length)
    lines.forEach((l, i) => {
      expect(l.length, iconv.decode(l, 'gb18030')).toBeLessThanOrEqual(columns)
      expect(iconv.decode(l, 'gb18030')).toBe(textBlocks[i].kind === 'text' ? textBlocks[i].text : '')
    })
    const total = lines.find((l) => iconv.decode(l, 'gb18030').startsWith('合计'))!
    expect(total.length).toBe(columns)
    expect(total.subarray(-6).toString('ascii')).toBe('115.00')
  })

  it('prints the total bold and double height', () => {
    const { bytes } = encoded(paper)
    const at = bytes.indexOf(iconv.encode('合计', 'gb18030'))
    expect([...bytes.subarray(at - 9, at)]).toEqual([0x1b, 0x45, 0x01, 0x1d, 0x21, 0x01, 0x1c, 0x21, 0x08])
  })

  it('encodes the sale QR with GS ( k and kicks the drawer only when asked', () => {
    const { bytes } = encoded(paper)
    const qr = qrCodeCommands(saleQrPayload(receiptSchema.parse(mutualAidReceipt())))
    expect(saleQrPayload(receiptSchema.parse(mutualAidReceipt()))).toBe('GJPOS:P11010500123:S20260301-000123')
    expect(bytes.includes(qr)).toBe(true)
    expect(bytes.includes(Buffer.from([0x1b, 0x70, 0x00]))).toBe(false)
    expect([...encoded(paper, true).bytes.subarray(4, 9)]).toEqual([0x1b, 0x70, 0, 25, 250])
  })
})

describe('QR command bytes', () => {
  it('match the GS ( k layout: model 2, size, level M, store with length header, print', () => {
    expect([...qrCodeCommands('AB', 6)]).toEqual([
      0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00, 0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6, 0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31, 0x1d, 0x28, 0x6b, 5, 0,
      0x31, 0x50, 0x30, 0x41, 0x42, 0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30,
    ])
  })
})
