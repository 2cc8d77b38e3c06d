import { MODIFIER_KEYS, scanCharOf, type WedgeKey } from './wedge-keys'

export interface WedgeBurstOptions {
  /** Largest gap between two keys of one scan. Scanners type every 1-20 ms; people rarely under 50 ms. */
  maxGapMs: number
  /** Shortest scan worth reporting (EAN-8 is the shortest code we classify). */
  minLength: number
  /** Keys at scanner speed needed before the burst counts as a scan and keys start being swallowed. */
  confirmAfter: number
  /** Keys that end a scan; scanners without a suffix end by silence. */
  terminators: readonly string[]
  /**
   * Swallow keys from the very first one and give them back (`replay`) if no scan follows. Needed in
   * Electron with an IME active, where a leaked first key would start a pinyin composition.
   */
  holdLeadIn: boolean
}

export const DEFAULT_WEDGE_OPTIONS: WedgeBurstOptions = {
  maxGapMs: 35,
  minLength: 8,
  confirmAfter: 4,
  terminators: ['Enter', 'Tab'],
  holdLeadIn: false,
}

export type WedgeOutput =
  /** `leaked` characters at the start of `text` reached the focused field: the page removes them. */
  | { type: 'scan'; text: string; leaked: number; at: number }
  /** Keys that were swallowed but turned out to be typing: the host types them back, in order. */
  | { type: 'replay'; keys: string[] }

export interface WedgeDecision {
  /** Prevent the key's default action (Electron `event.preventDefault()`, DOM `preventDefault`). */
  swallow: boolean
  outputs: WedgeOutput[]
}

/**
 * Tells scanner bursts from typing by timing alone. Pure and clock-injected: the host feeds key-down
 * events with their timestamps and calls `tick(now)` at `nextDeadline()`, so the same machine runs in
 * Electron's `before-input-event` and in the browser page.
 */
export class WedgeBurstDetector {
  private readonly opts: WedgeBurstOptions
  private chars: string[] = []
  private held: string[] = []
  private leaked = 0
  private confirmed = false
  private lastAt = 0

  constructor(options: Partial<WedgeBurstOptions> = {}) {
    this.opts = { ...DEFAULT_WEDGE_OPTIONS, ...options }
  }

  /** When the current burst ends by silence, if nobody types: call `tick` then. */
  nextDeadline(): number | undefined {
    return this.chars.length > 0 ? this.lastAt + this.opts.maxGapMs : undefined
  }

  tick(now: number): WedgeOutput[] {
    if (this.chars.length === 0 || now - this.lastAt <= this.opts.maxGapMs) return []
    return this.finish(now, [])
  }

  feed(k: WedgeKey): WedgeDecision {
    if (MODIFIER_KEYS.has(k.key)) return { swallow: this.chars.length > 0 && this.confirmed, outputs: [] }
    const outputs = this.tick(k.at)

    if (this.opts.terminators.includes(k.key) && !k.control && !k.alt && !k.meta) {
      if (this.chars.length === 0) return { swallow: false, outputs }
      if (this.confirmed && this.chars.length >= this.opts.minLength) {
        outputs.push(...this.finish(k.at, []))
        return { swallow: true, outputs }
      }
      // A short fast run ended by Enter is typing: give back what was held, then the Enter itself.
      const hadHeld = this.held.length > 0
      outputs.push(...this.finish(k.at, hadHeld ? [k.key] : []))
      return { swallow: hadHeld, outputs }
    }

    const ch = k.repeat ? undefined : scanCharOf(k)
    if (ch === undefined) {
      const hadHeld = this.held.length > 0
      outputs.push(...this.finish(k.at, hadHeld ? [k.key] : []))
      return { swallow: hadHeld, outputs }
    }

    this.chars.push(ch)
    this.lastAt = k.at
    if (!this.confirmed && this.chars.length >= this.opts.confirmAfter) this.confirmed = true
    if (this.confirmed || this.opts.holdLeadIn) {
      this.held.push(ch)
      return { swallow: true, outputs }
    }
    this.leaked++
    return { swallow: false, outputs }
  }

  /** Ends the burst: a scan if it is one, otherwise the held keys go back (followed by `trailing`). */
  private finish(at: number, trailing: string[]): WedgeOutput[] {
    const outputs: WedgeOutput[] = []
    if (this.confirmed && this.chars.length >= this.opts.minLength) {
      outputs.push({ type: 'scan', text: this.chars.join(''), leaked: this.leaked, at })
    } else if (this.held.length > 0) {
      outputs.push({ type: 'replay', keys: [...this.held, ...trailing] })
    }
    this.chars = []
    this.held = []
    this.leaked = 0
    this.confirmed = false
    return outputs
  }
}
