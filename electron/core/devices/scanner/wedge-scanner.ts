import {
  classifyScan,
  memberQrRulesSchema,
  WedgeBurstDetector,
  wedgeScannerSettingsSchema,
  type MemberQrRules,
  type ScanEvent,
  type ScanSource,
  type WedgeDecision,
  type WedgeKey,
  type WedgeScannerSettings,
} from '../../../../shared/scan'
import type { z } from 'zod'
import type { Clock } from '../../../base/clock'
import { TypedEmitter } from '../typed-emitter'

export interface WedgeScannerEvents extends Record<string, unknown> {
  scan: ScanEvent
  /** Keys the host swallowed and must type back (Electron: `webContents.sendInputEvent`). */
  replay: { device: string; keys: string[] }
  /** A scan whose first `leaked` characters reached the focused field: the page removes them. */
  leaked: { device: string; text: string; leaked: number }
}

/**
 * Keyboard-wedge scanners on the main side: the Electron `before-input-event` hook feeds every key-down
 * here and obeys `swallow`. Timers for scanners without a suffix run here, so the hook stays a one-liner.
 * The browser shell runs the same detector in the page and hands finished text to `submitText`.
 */
export class WedgeScannerService extends TypedEmitter<WedgeScannerEvents> {
  private readonly detectors = new Map<string, { detector: WedgeBurstDetector; timer?: NodeJS.Timeout }>()
  private settings: WedgeScannerSettings
  private rules: MemberQrRules

  constructor(
    private readonly clock: Clock,
    settings: z.input<typeof wedgeScannerSettingsSchema> = {},
    memberQr?: MemberQrRules,
    /** Monotonic milliseconds, the time base of key timestamps when the host does not give one. */
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    super()
    this.settings = wedgeScannerSettingsSchema.parse(settings)
    this.rules = memberQrRulesSchema.parse(memberQr ?? {})
  }

  /** The timing in force: the Electron hook needs `confirmAfter` to know when a burst is a scan. */
  get timing(): WedgeScannerSettings {
    return this.settings
  }

  configure(settings: z.input<typeof wedgeScannerSettingsSchema>, memberQr?: MemberQrRules): void {
    this.settings = wedgeScannerSettingsSchema.parse(settings)
    if (memberQr) this.rules = memberQrRulesSchema.parse(memberQr)
    for (const d of this.detectors.values()) clearTimeout(d.timer)
    this.detectors.clear()
  }

  /** One key-down from a window (`device` names it, e.g. "window-1"). Answer synchronously. */
  feedKey(device: string, key: Omit<WedgeKey, 'at'> & { at?: number }): WedgeDecision {
    if (!this.settings.enabled) return { swallow: false, outputs: [] }
    const entry = this.entry(device)
    const decision = entry.detector.feed({ ...key, at: key.at ?? this.monotonic() })
    this.deliver(device, decision.outputs)
    this.arm(device, entry)
    return decision
  }

  /** Text the page's own detector (or a manual entry box) recognised as a scan. */
  submitText(text: string, source: ScanSource, device: string): ScanEvent {
    const event: ScanEvent = { source, device, at: this.clock.now().toISOString(), result: classifyScan(text, this.rules) }
    this.emit('scan', event)
    return event
  }

  dispose(): void {
    for (const d of this.detectors.values()) clearTimeout(d.timer)
    this.detectors.clear()
  }

  private entry(device: string) {
    let entry = this.detectors.get(device)
    if (!entry) {
      const { enabled: _enabled, ...options } = this.settings
      entry = { detector: new WedgeBurstDetector(options) }
      this.detectors.set(device, entry)
    }
    return entry
  }

  private arm(device: string, entry: { detector: WedgeBurstDetector; timer?: NodeJS.Timeout }): void {
    clearTimeout(entry.timer)
    const deadline = entry.detector.nextDeadline()
    if (deadline === undefined) return
    entry.timer = setTimeout(
      () => {
        this.deliver(device, entry.detector.tick(this.monotonic()))
        this.arm(device, entry)
      },
      Math.max(0, deadline - this.monotonic()) + 1,
    )
  }

  private deliver(device: string, outputs: ReturnType<WedgeBurstDetector['tick']>): void {
    for (const o of outputs) {
      if (o.type === 'replay') this.emit('replay', { device, keys: o.keys })
      else {
        if (o.leaked > 0) this.emit('leaked', { device, text: o.text, leaked: o.leaked })
        this.submitText(o.text, 'wedge', device)
      }
    }
  }
}
