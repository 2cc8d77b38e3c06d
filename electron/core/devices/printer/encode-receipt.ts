import type { ReceiptDoc } from '../../../../shared/receipt'
import { CMD, EscPosWriter, qrCodeCommands } from './escpos'

export interface EncodeOptions {
  /** Kick the cash drawer first, so it opens while the paper is still printing. */
  openDrawer?: boolean
  feedBeforeCut?: number
}

/**
 * Turns a laid-out receipt into printer bytes. Lines arrive already padded (the layout measured them
 * in display width), so alignment stays left and the paper matches the preview byte for byte; only the
 * QR image is centred by the printer, since its width is in dots, not columns.
 */
export function encodeReceipt(doc: ReceiptDoc, opts: EncodeOptions = {}): Buffer {
  const w = new EscPosWriter().raw(CMD.init).raw(CMD.chineseOn)
  if (opts.openDrawer) w.raw(CMD.drawerKick)
  w.raw(CMD.alignLeft)
  for (const block of doc.blocks) {
    if (block.kind === 'qr') {
      w.raw(CMD.alignCenter).raw(qrCodeCommands(block.data)).raw(CMD.alignLeft)
      continue
    }
    if (block.bold) w.raw(CMD.boldOn)
    if (block.tall) w.raw(CMD.sizeTall).raw(CMD.chineseSizeTall)
    w.line(block.text)
    if (block.tall) w.raw(CMD.sizeNormal).raw(CMD.chineseSizeNormal)
    if (block.bold) w.raw(CMD.boldOff)
  }
  return w
    .raw(CMD.feedLines(opts.feedBeforeCut ?? 4))
    .raw(CMD.cut)
    .raw(CMD.chineseOff)
    .toBuffer()
}

/** Only the drawer pulse: the cashier's "open drawer" button, and cash sales whose receipt failed. */
export function encodeDrawerKick(): Buffer {
  return new EscPosWriter().raw(CMD.init).raw(CMD.drawerKick).toBuffer()
}
