import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { layoutReceipt, previewLines, receiptSchema, saleQrPayload, PAPER_COLUMNS, type PaperWidth } from '../../shared/receipt'
import { encodeReceipt } from '../../electron/core/devices/printer/encode-receipt'
import { EscPosDecoder } from '../../dev-tools/virtual-printer/decoder'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { mutualAidReceipt, quotaOnlyReceipt } from './fixtures'

const printers: VirtualPrinter[] = []
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.stop()))
})

async function startPrinter(paper: PaperWidth): Promise<VirtualPrinter> {
  const p = await new VirtualPrinter({ columns: PAPER_COLUMNS[paper] }).start()
  printers.push(p)
  return p
}

function sendRaw(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.end(bytes))
    s.on('close', () => resolve())
    s.on('error', reject)
  })
}

describe('virtual ESC/POS printer', () => {
  it.each(['58', '80'] as const)('decodes a %s mm receipt sent over TCP to exactly the preview text', async (paper) => {
    const printer = await startPrinter(paper)
    for (const input of [mutualAidReceipt(), quotaOnlyReceipt()]) {
      const receipt = receiptSchema.parse(input)
      const doc = layoutReceipt(receipt, { paper, copy: 1 })
      const got = new Promise((resolve) => printer.on('receipt', resolve))
      await sendRaw(printer.address.port, encodeReceipt(doc, { openDrawer: true }))
      await got
      const decoded = printer.receipts.at(-1)!
      expect(decoded.lines.map((l) => l.text)).toEqual(previewLines(doc))
      expect(decoded.qr).toEqual([saleQrPayload(receipt)])
      expect(decoded.drawerKicks).toBe(1)
      expect(decoded.unknown).toEqual([])
      expect(decoded.outsideChineseMode).toBe(0)
      expect(decoded.lines.find((l) => l.text.startsWith('合计'))).toMatchObject({ bold: true, tall: true })
    }
  })

  it('decodes the same however the bytes are split across TCP segments', () => {
    const doc = layoutReceipt(receiptSchema.parse(mutualAidReceipt()), { paper: '58' })
    const bytes = encodeReceipt(doc)
    for (const size of [1, 2, 3, 7, 64]) {
      const d = new EscPosDecoder(32)
      for (let i = 0; i < bytes.length; i += size) d.feed(bytes.subarray(i, i + size))
      expect(d.receipts).toHaveLength(1)
      expect(d.receipts[0].lines.map((l) => l.text)).toEqual(previewLines(doc))
    }
  })

  it('shows garbage, as a real printer would, when an encoder forgets FS &', () => {
    const doc = layoutReceipt(receiptSchema.parse(quotaOnlyReceipt()), { paper: '58' })
    const bytes = encodeReceipt(doc)
    const withoutChineseMode = Buffer.concat([bytes.subarray(0, 2), bytes.subarray(4)])
    const d = new EscPosDecoder(32)
    d.feed(withoutChineseMode)
    expect(d.receipts[0].outsideChineseMode).toBeGreaterThan(0)
    expect(d.receipts[0].lines.map((l) => l.text)).not.toEqual(previewLines(doc))
  })

  it('answers DLE EOT status queries according to its simulated state', async () => {
    const printer = await startPrinter('80')
    const ask = (n: number) =>
      new Promise<number>((resolve, reject) => {
        const s = connect({ host: '127.0.0.1', port: printer.address.port }, () => s.write(Buffer.from([0x10, 0x04, n])))
        s.once('data', (b) => {
          resolve(b[0])
          s.destroy()
        })
        s.on('error', reject)
      })
    expect(await ask(1)).toBe(0x12)
    expect(await ask(4)).toBe(0x12)
    printer.mode = 'paper-out'
    expect(await ask(1)).toBe(0x1a)
    expect((await ask(4)) & 0x60).toBe(0x60)
    printer.mode = 'cover-open'
    expect((await ask(2)) & 0x04).toBe(0x04)
  })
})
