import iconv from 'iconv-lite'

/**
 * ESC/POS command bytes, as the Epson reference and Chinese clones (Xprinter, Gprinter, Sunmi) share
 * them. Text is GB18030: the printer must be in Chinese mode (FS &) for double-byte codes to print
 * as Chinese instead of two code-page-437 symbols.
 */
export const ESC = 0x1b
export const GS = 0x1d
export const FS = 0x1c
export const DLE = 0x10
export const EOT = 0x04
export const LF = 0x0a

export const CMD = {
  init: [ESC, 0x40],
  chineseOn: [FS, 0x26],
  chineseOff: [FS, 0x2e],
  alignLeft: [ESC, 0x61, 0],
  alignCenter: [ESC, 0x61, 1],
  alignRight: [ESC, 0x61, 2],
  boldOn: [ESC, 0x45, 1],
  boldOff: [ESC, 0x45, 0],
  /** GS ! n: 0x01 double height for the Latin font; FS ! 0x08 does the same for Chinese. */
  sizeNormal: [GS, 0x21, 0x00],
  sizeTall: [GS, 0x21, 0x01],
  chineseSizeNormal: [FS, 0x21, 0x00],
  chineseSizeTall: [FS, 0x21, 0x08],
  /** GS V 66 0: feed to the cutter and cut partially (the n of GS V 66 is in dots, not lines). */
  cut: [GS, 0x56, 66, 0],
  /** ESC p m t1 t2: pulse drawer pin 2 for 50 ms on, 500 ms off. */
  drawerKick: [ESC, 0x70, 0, 25, 250],
  feedLines: (n: number) => [ESC, 0x64, n],
} as const

/** DLE EOT n: 1 printer status, 2 offline cause, 4 paper roll sensor. Answered with one byte. */
export const statusQuery = (n: 1 | 2 | 4) => Buffer.from([DLE, EOT, n])

export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030')
}

/** GS ( k function with its pL pH length header. */
function qrFunction(fn: number, data: number[] | Buffer): number[] {
  const len = data.length + 2 // pL pH count cn and fn too
  return [GS, 0x28, 0x6b, len & 0xff, (len >> 8) & 0xff, 0x31, fn, ...data]
}

/**
 * QR code via GS ( k: model 2, module size, error correction M, store, print. The data is ASCII by
 * construction (sale ids), so there is no code page question inside the symbol.
 */
export function qrCodeCommands(data: string, moduleSize = 6): Buffer {
  const bytes = Buffer.from(data, 'ascii')
  if (bytes.length > 7000) throw new RangeError('QR data too long')
  return Buffer.from([
    ...qrFunction(0x41, [0x32, 0x00]), // fn 165: model 2
    ...qrFunction(0x43, [moduleSize]), // fn 167: module size in dots
    ...qrFunction(0x45, [0x31]), // fn 169: error correction level M
    ...qrFunction(0x50, Buffer.concat([Buffer.from([0x30]), bytes])), // fn 180: store data
    ...qrFunction(0x51, [0x30]), // fn 181: print
  ])
}

/** Accumulates one job's bytes. */
export class EscPosWriter {
  private readonly parts: Buffer[] = []

  raw(bytes: readonly number[] | Buffer): this {
    this.parts.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))
    return this
  }

  text(text: string): this {
    return this.raw(encodeGb18030(text))
  }

  line(text = ''): this {
    return this.text(text).raw([LF])
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts)
  }
}
