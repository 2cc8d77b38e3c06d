import iconv from 'iconv-lite'
import { centerIn, padStartTo, QR_PREVIEW_LINE } from '../../shared/receipt'

export interface DecodedLine {
  text: string
  bold: boolean
  tall: boolean
}

/** One cut of paper: what a person would read off it. */
export interface DecodedReceipt {
  lines: DecodedLine[]
  /** Data of every QR code printed, in order. */
  qr: string[]
  drawerKicks: number
  /** Commands we do not model, as hex, so a test can see an encoder sent something odd. */
  unknown: string[]
  /** Bytes >= 0x80 printed outside Chinese mode: garbage on a real printer. */
  outsideChineseMode: number
}

type Align = 'left' | 'center' | 'right'

/** Thrown-free incremental parser: `null` means the command is not complete yet. */
type Step = { consumed: number } | null

function emptyReceipt(): DecodedReceipt {
  return { lines: [], qr: [], drawerKicks: 0, unknown: [], outsideChineseMode: 0 }
}

/**
 * Reads an ESC/POS byte stream the way a Chinese thermal printer does and turns it into text lines.
 * Chinese mode is off after power-on and ESC @, as on printers sold outside China: an encoder that
 * forgets FS & shows up here as garbage, not as a passing test.
 */
export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0)
  private lineBytes: Array<{ byte: number; chinese: boolean }> = []
  private chinese = false
  private align: Align = 'left'
  private bold = false
  private tall = false
  private qrData = ''
  private current = emptyReceipt()
  readonly receipts: DecodedReceipt[] = []

  constructor(
    readonly columns: number,
    /** Real-time status requests (DLE EOT n): the server answers them. */
    private readonly onStatusQuery: (n: number) => void = () => {},
  ) {}

  /** The receipt being printed, not cut yet. */
  get pendingReceipt(): DecodedReceipt {
    return this.current
  }

  feed(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    let pos = 0
    while (pos < this.pending.length) {
      const step = this.step(this.pending, pos)
      if (step === null) break
      pos += step.consumed
    }
    this.pending = this.pending.subarray(pos)
  }

  private step(b: Buffer, i: number): Step {
    const byte = b[i]
    const need = (n: number) => i + n <= b.length
    switch (byte) {
      case 0x0a:
        this.endLine()
        return { consumed: 1 }
      case 0x0d:
        return { consumed: 1 }
      case 0x10: {
        if (!need(3)) return null
        if (b[i + 1] === 0x04) {
          this.onStatusQuery(b[i + 2])
          return { consumed: 3 }
        }
        return this.unknownCommand(b, i, 2)
      }
      case 0x1b:
        return this.esc(b, i)
      case 0x1c:
        return this.fs(b, i)
      case 0x1d:
        return this.gs(b, i)
      default:
        if (byte < 0x20) return this.unknownCommand(b, i, 1)
        return this.textByte(b, i)
    }
  }

  private textByte(b: Buffer, i: number): Step {
    if (!this.chinese || b[i] < 0x81) {
      if (b[i] >= 0x80) this.current.outsideChineseMode++
      this.lineBytes.push({ byte: b[i], chinese: false })
      return { consumed: 1 }
    }
    // GB18030: lead 0x81-0xFE, then a second byte, or a digit 0x30-0x39 that starts a four-byte code.
    if (i + 2 > b.length) return null
    const width = b[i + 1] >= 0x30 && b[i + 1] <= 0x39 ? 4 : 2
    if (i + width > b.length) return null
    for (let k = 0; k < width; k++) this.lineBytes.push({ byte: b[i + k], chinese: true })
    return { consumed: width }
  }

  private esc(b: Buffer, i: number): Step {
    if (i + 2 > b.length) return null
    const cmd = b[i + 1]
    const arg = (n: number) => (i + 2 + n <= b.length ? true : false)
    switch (cmd) {
      case 0x40: // ESC @
        this.chinese = false
        this.align = 'left'
        this.bold = false
        this.tall = false
        return { consumed: 2 }
      case 0x61: // ESC a n
        if (!arg(1)) return null
        this.align = (['left', 'center', 'right'] as const)[b[i + 2] % 48] ?? 'left'
        return { consumed: 3 }
      case 0x45: // ESC E n
        if (!arg(1)) return null
        this.bold = (b[i + 2] & 1) === 1
        return { consumed: 3 }
      case 0x21: // ESC ! n: bit 4 double height
        if (!arg(1)) return null
        this.tall = (b[i + 2] & 0x10) !== 0
        return { consumed: 3 }
      case 0x64: // ESC d n: paper feed, not content
        if (!arg(1)) return null
        return { consumed: 3 }
      case 0x70: // ESC p m t1 t2
        if (!arg(3)) return null
        this.current.drawerKicks++
        return { consumed: 5 }
      default:
        return this.unknownCommand(b, i, 2)
    }
  }

  private fs(b: Buffer, i: number): Step {
    if (i + 2 > b.length) return null
    switch (b[i + 1]) {
      case 0x26: // FS &
        this.chinese = true
        return { consumed: 2 }
      case 0x2e: // FS .
        this.chinese = false
        return { consumed: 2 }
      case 0x21: // FS ! n: bit 3 double height for Chinese characters
        if (i + 3 > b.length) return null
        this.tall = this.tall || (b[i + 2] & 0x08) !== 0
        return { consumed: 3 }
      default:
        return this.unknownCommand(b, i, 2)
    }
  }

  private gs(b: Buffer, i: number): Step {
    if (i + 2 > b.length) return null
    switch (b[i + 1]) {
      case 0x21: // GS ! n: low nibble is the height multiplier
        if (i + 3 > b.length) return null
        this.tall = (b[i + 2] & 0x0f) > 0
        return { consumed: 3 }
      case 0x56: {
        // GS V m, or GS V m n for m = 65/66
        if (i + 3 > b.length) return null
        const m = b[i + 2]
        const length = m === 65 || m === 66 ? 4 : 3
        if (i + length > b.length) return null
        this.cut()
        return { consumed: length }
      }
      case 0x28: {
        if (i + 5 > b.length) return null
        const length = b.readUInt16LE(i + 3)
        if (i + 5 + length > b.length) return null
        if (b[i + 2] === 0x6b) this.qrFunction(b.subarray(i + 5, i + 5 + length))
        else this.current.unknown.push(b.subarray(i, i + 5 + length).toString('hex'))
        return { consumed: 5 + length }
      }
      default:
        return this.unknownCommand(b, i, 2)
    }
  }

  private qrFunction(params: Buffer): void {
    const fn = params[1]
    if (fn === 0x50) this.qrData = params.subarray(3).toString('latin1')
    if (fn === 0x51) {
      this.current.qr.push(this.qrData)
      this.pushLine(QR_PREVIEW_LINE, false)
    }
  }

  private unknownCommand(b: Buffer, i: number, length: number): Step {
    this.current.unknown.push(b.subarray(i, i + length).toString('hex'))
    return { consumed: length }
  }

  private endLine(): void {
    let text = ''
    let run: number[] = []
    let runChinese = false
    const flush = () => {
      if (run.length) text += iconv.decode(Buffer.from(run), runChinese ? 'gb18030' : 'cp437')
      run = []
    }
    for (const { byte, chinese } of this.lineBytes) {
      if (chinese !== runChinese) flush()
      runChinese = chinese
      run.push(byte)
    }
    flush()
    this.lineBytes = []
    this.pushLine(text, this.bold)
  }

  private pushLine(text: string, bold: boolean): void {
    const body = text.trimEnd()
    const placed = this.align === 'center' ? centerIn(body, this.columns) : this.align === 'right' ? padStartTo(body, this.columns) : body
    this.current.lines.push({ text: placed.trimEnd(), bold, tall: this.tall })
  }

  private cut(): void {
    if (this.lineBytes.length) this.endLine()
    this.receipts.push(this.current)
    this.current = emptyReceipt()
  }
}
