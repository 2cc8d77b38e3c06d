import { existsSync } from 'node:fs'
import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import QRCode from 'qrcode'
import { charWidth, QR_PREVIEW_LINE } from '../../shared/receipt'
import type { DecodedReceipt } from './decoder'

/** The printer's standard font cell: 12 x 24 dots; a Chinese character takes two cells. */
const CELL_W = 12
const CELL_H = 24
const MARGIN = 16
const QR_MODULE = 4

const FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc']
let fontsLoaded = false

function loadFonts(): string {
  if (!fontsLoaded) {
    for (const f of FONT_FILES) if (existsSync(f)) GlobalFonts.registerFromPath(f, 'ReceiptCJK')
    fontsLoaded = true
  }
  return GlobalFonts.has('ReceiptCJK') ? 'ReceiptCJK' : 'sans-serif'
}

/**
 * Draws a decoded receipt as the paper would look: every character in its column, tall lines twice
 * as high, QR codes as real scannable symbols. For demos and for eyeballing alignment in test output.
 */
export function renderReceiptPng(receipt: DecodedReceipt, columns: number): Buffer {
  const family = loadFonts()
  const qrs = receipt.qr.map((data) => QRCode.create(data, { errorCorrectionLevel: 'M' }).modules)
  let height = MARGIN * 2
  let qrIndex = 0
  for (const line of receipt.lines) {
    if (line.text.trim() === QR_PREVIEW_LINE && qrs[qrIndex]) height += qrs[qrIndex++].size * QR_MODULE + CELL_H
    else height += line.tall ? CELL_H * 2 : CELL_H
  }
  const width = columns * CELL_W + MARGIN * 2
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)
  ctx.fillStyle = '#000000'
  ctx.textBaseline = 'top'

  let y = MARGIN
  qrIndex = 0
  for (const line of receipt.lines) {
    const qr = line.text.trim() === QR_PREVIEW_LINE ? qrs[qrIndex++] : undefined
    if (qr) {
      const size = qr.size * QR_MODULE
      const x0 = Math.floor((width - size) / 2)
      for (let r = 0; r < qr.size; r++)
        for (let c = 0; c < qr.size; c++) if (qr.get(r, c)) ctx.fillRect(x0 + c * QR_MODULE, y + CELL_H / 2 + r * QR_MODULE, QR_MODULE, QR_MODULE)
      y += size + CELL_H
      continue
    }
    const lineHeight = line.tall ? CELL_H * 2 : CELL_H
    ctx.font = `${line.bold ? 'bold ' : ''}${CELL_H - 4}px ${family}`
    let col = 0
    for (const ch of line.text) {
      const w = charWidth(ch)
      if (ch !== ' ' && w > 0) {
        ctx.save()
        ctx.translate(MARGIN + col * CELL_W, y + 2)
        if (line.tall) ctx.scale(1, 2)
        // Stretch or squeeze each glyph into its cells, as the printer's bitmap font does.
        const natural = ctx.measureText(ch).width || CELL_W * w
        ctx.scale((CELL_W * w) / natural, 1)
        ctx.fillText(ch, 0, 0)
        ctx.restore()
      }
      col += w
    }
    y += lineHeight
  }
  return canvas.toBuffer('image/png')
}
