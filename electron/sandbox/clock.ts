import type { Clock } from '../base/clock'

/**
 * The sandbox's own clock: it runs in real time from wherever an administrator last set it, so tests
 * can cross a day or year boundary or expire a QR code without waiting.
 */
export class SandboxClock implements Clock {
  private offsetMs = 0

  constructor(private readonly base: Clock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs)
  }

  set(to: Date): void {
    this.offsetMs = to.getTime() - this.base.now().getTime()
  }
}
