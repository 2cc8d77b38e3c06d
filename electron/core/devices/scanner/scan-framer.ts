import type { SerialTerminator } from '../../../../shared/scan'

export type Frame = { complete: true; bytes: Buffer } | { complete: false; bytes: Buffer }

const TERMINATOR_BYTES: Record<Exclude<SerialTerminator, 'none'>, number[]> = {
  // CR, LF and CRLF are treated alike: scanners reprogrammed by a technician often send the other one.
  CR: [0x0d, 0x0a],
  LF: [0x0d, 0x0a],
  CRLF: [0x0d, 0x0a],
  TAB: [0x09],
}

/**
 * Cuts a serial byte stream into codes: at the terminator, or after `interByteTimeoutMs` of silence.
 * With a terminator configured, bytes cut off by silence are an incomplete scan (reported, never
 * completed by guessing); without one, silence is the end of the code.
 */
export class ScanFramer {
  private buffer: Buffer = Buffer.alloc(0)
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly terminator: SerialTerminator,
    private readonly interByteTimeoutMs: number,
    private readonly onFrame: (frame: Frame) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    if (this.terminator !== 'none') {
      const ends = TERMINATOR_BYTES[this.terminator]
      let start = 0
      for (let i = 0; i < this.buffer.length; i++) {
        if (!ends.includes(this.buffer[i])) continue
        if (i > start) this.onFrame({ complete: true, bytes: this.buffer.subarray(start, i) })
        start = i + 1
      }
      this.buffer = this.buffer.subarray(start)
    }
    clearTimeout(this.timer)
    if (this.buffer.length > 0) this.timer = setTimeout(() => this.flush(), this.interByteTimeoutMs)
  }

  /** Ends what is buffered now (silence, or the port went away). */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.buffer.length === 0) return
    const bytes = this.buffer
    this.buffer = Buffer.alloc(0)
    this.onFrame({ complete: this.terminator === 'none', bytes })
  }

  /** Drops buffered bytes without reporting them. */
  reset(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.buffer = Buffer.alloc(0)
  }
}
