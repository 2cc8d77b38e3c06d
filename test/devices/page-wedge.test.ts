import { describe, expect, it } from 'vitest'
import { PageWedgeCapture, withoutLeaked, type KeyLike } from '../../shared/contract/devices/page-capture'
import { shownScanText } from '../../shared/contract/devices/shown-scan'
import { classifyScan } from '../../shared/scan'

function key(k: string, at: number, extra: Partial<KeyLike> = {}): KeyLike {
  const code = /^\d$/.test(k) ? `Digit${k}` : /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : k
  return {
    key: k,
    code,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    repeat: false,
    isComposing: false,
    keyCode: 0,
    timeStamp: at,
    ...extra,
  }
}

function rig(enabled = true) {
  let t = 0
  const scans: string[] = []
  const leaked: string[] = []
  const timers: Array<{ fn: () => void; at: number }> = []
  const capture = new PageWedgeCapture(
    {
      scan: (text) => scans.push(text),
      removeLeaked: (l) => leaked.push(l),
      setTimer: (fn, ms) => timers.push({ fn, at: t + ms }) - 1,
      clearTimer: (h) => {
        if (typeof h === 'number' && timers[h]) timers[h].fn = () => {}
      },
      now: () => t,
    },
    { enabled, maxGapMs: 35, minLength: 8, confirmAfter: 4 },
  )
  const advance = (to: number) => {
    t = to
    for (const timer of timers.splice(0)) if (timer.at <= to) timer.fn()
  }
  return { capture, scans, leaked, advance, at: (v: number) => (t = v) }
}

describe('browser-shell page capture', () => {
  it('lets the first keys of a burst through, swallows the rest and the Enter, and asks to remove the leaked ones', () => {
    const { capture, scans, leaked } = rig()
    const swallowed = [...'4006381333931'].map((c, i) => capture.onKeyDown(key(c, i * 3)))
    expect(swallowed).toEqual([false, false, false, ...Array(10).fill(true)])
    expect(capture.onKeyDown(key('Enter', 40))).toBe(true)
    expect(scans).toEqual(['4006381333931'])
    expect(leaked).toEqual(['400'])
  })

  it('never swallows typing, and a short fast run is not a scan', () => {
    const { capture, scans } = rig()
    expect([...'abc'].map((c, i) => capture.onKeyDown(key(c, i * 120)))).toEqual([false, false, false])
    expect([...'1234'].map((c, i) => capture.onKeyDown(key(c, 1000 + i * 5)))).toEqual([false, false, false, true])
    capture.onKeyDown(key('Enter', 1030))
    expect(scans).toEqual([])
  })

  it('ends a burst without Enter by silence', () => {
    const { capture, scans, advance } = rig()
    ;[...'96385074'].forEach((c, i) => capture.onKeyDown(key(c, i * 4)))
    advance(100)
    expect(scans).toEqual(['96385074'])
  })

  it('reads an IME-processed burst from the physical keys', () => {
    const { capture, scans } = rig()
    ;[...'6901234567892'].forEach((c, i) => capture.onKeyDown(key('Process', i * 3, { code: `Digit${c}`, keyCode: 229, isComposing: true })))
    capture.onKeyDown(key('Enter', 50))
    expect(scans).toEqual(['6901234567892'])
  })

  it('does nothing while off', () => {
    const { capture, scans } = rig(false)
    expect([...'4006381333931', 'Enter'].map((c, i) => capture.onKeyDown(key(c, i * 3))).some(Boolean)).toBe(false)
    expect(scans).toEqual([])
  })

  it('removes leaked characters only when they sit right before the caret', () => {
    expect(withoutLeaked('abc400', 6, '400')).toEqual({ value: 'abc', caret: 3 })
    expect(withoutLeaked('40x', 3, '400')).toBeUndefined()
    expect(withoutLeaked('ab400cd', 5, '400')).toEqual({ value: 'abcd', caret: 2 })
    expect(withoutLeaked('400', 1, '400')).toBeUndefined()
  })

  it('never shows a member QR token whole', () => {
    const token = 'GJ7Q2mK9xPzR4tLw8NvB3cHd6YsF1aEu'
    const shown = shownScanText(classifyScan(token, { prefixes: [], minLength: 16, maxLength: 512 }))
    expect(shown).toBe('GJ7Q******（32）')
    expect(shownScanText(classifyScan('4006381333931', { prefixes: [], minLength: 16, maxLength: 512 }))).toBe('4006381333931')
  })
})
