import { WedgeBurstDetector, type WedgeKey, type WedgeOutput } from '../../scan'

/** The wedge timing the core answers in `getScannerStatus` (the manager sets it in 设备). */
export interface PageWedgeTiming {
  enabled: boolean
  maxGapMs: number
  minLength: number
  confirmAfter: number
}

/** The parts of a DOM KeyboardEvent the capture reads. */
export interface KeyLike {
  key: string
  code: string
  shiftKey: boolean
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  repeat: boolean
  isComposing: boolean
  keyCode: number
  timeStamp: number
}

export function wedgeKeyOf(e: KeyLike): WedgeKey {
  return {
    key: e.key,
    code: e.code,
    shift: e.shiftKey,
    control: e.ctrlKey,
    alt: e.altKey,
    meta: e.metaKey,
    // 229 is what Chromium reports for every key an IME takes, whatever `key` says.
    composing: e.isComposing || e.keyCode === 229 || e.key === 'Process',
    repeat: e.repeat,
    at: e.timeStamp,
  }
}

/**
 * Removes a scan's first characters that reached the field before the burst was recognised: only when
 * they sit right before the caret, exactly as typed, so nothing the cashier typed is ever taken out.
 */
export function withoutLeaked(value: string, caret: number, leakedText: string): { value: string; caret: number } | undefined {
  if (!leakedText || caret < leakedText.length) return undefined
  if (value.slice(caret - leakedText.length, caret) !== leakedText) return undefined
  return { value: value.slice(0, caret - leakedText.length) + value.slice(caret), caret: caret - leakedText.length }
}

export interface PageWedgeHost {
  /** A recognised scan: send it to the core. */
  scan(text: string): void
  /** The first `leaked.length` characters of the scan went into the focused field: take them out. */
  removeLeaked(leaked: string): void
  setTimer(fn: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
  /** The same clock as the events' `timeStamp` (performance.now()). */
  now(): number
}

/**
 * The browser shell's own keyboard-wedge capture (Electron does this in the main process). Keys are
 * never held back: the first few keys of a burst reach the page as typed (so shortcuts, typing and an
 * IME work as ever), the rest of a recognised burst is swallowed, and the leaked first characters are
 * taken out of the field again.
 */
export class PageWedgeCapture {
  private detector: WedgeBurstDetector
  private timer: unknown

  constructor(
    private readonly host: PageWedgeHost,
    private timing: PageWedgeTiming,
  ) {
    this.detector = this.build()
  }

  configure(timing: PageWedgeTiming): void {
    this.timing = timing
    this.host.clearTimer(this.timer)
    this.detector = this.build()
  }

  /** Returns true when the key must be swallowed (preventDefault and stop it reaching other handlers). */
  onKeyDown(e: KeyLike): boolean {
    if (!this.timing.enabled) return false
    const decision = this.detector.feed(wedgeKeyOf(e))
    this.deliver(decision.outputs)
    this.arm()
    return decision.swallow
  }

  dispose(): void {
    this.host.clearTimer(this.timer)
  }

  private build(): WedgeBurstDetector {
    const { maxGapMs, minLength, confirmAfter } = this.timing
    return new WedgeBurstDetector({ maxGapMs, minLength, confirmAfter, holdLeadIn: false })
  }

  private arm(): void {
    this.host.clearTimer(this.timer)
    const deadline = this.detector.nextDeadline()
    if (deadline === undefined) return
    this.timer = this.host.setTimer(
      () => {
        this.deliver(this.detector.tick(this.host.now()))
        this.arm()
      },
      Math.max(0, deadline - this.host.now()) + 1,
    )
  }

  private deliver(outputs: WedgeOutput[]): void {
    for (const o of outputs) {
      // Replays only come from held keys, and the page never holds any.
      if (o.type !== 'scan') continue
      if (o.leaked > 0) this.host.removeLeaked(o.text.slice(0, o.leaked))
      this.host.scan(o.text)
    }
  }
}
