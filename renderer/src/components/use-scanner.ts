import { useContext, useEffect, useRef } from 'react'
import type { ScanEvent } from '../../../shared/scan'
import { pos } from '../api/pos'
import { PageWedgeCapture, withoutLeaked, type PageWedgeTiming } from '../../../shared/contract/devices/page-capture'
import { ActiveContext } from './FunctionKeys'

type Field = HTMLInputElement | HTMLTextAreaElement

function focusedField(): Field | undefined {
  const el = document.activeElement
  if (el instanceof HTMLTextAreaElement) return el
  if (el instanceof HTMLInputElement && /^(text|search|tel|url|email|password|number|)$/.test(el.type)) return el
  return undefined
}

/** Sets a field's value so React's onChange sees it (React tracks the native setter, not `.value =`). */
function setFieldValue(field: Field, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value)
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

function removeLeaked(leaked: string): void {
  const field = focusedField()
  if (!field || field.selectionStart === null || field.selectionStart !== field.selectionEnd) return
  const next = withoutLeaked(field.value, field.selectionStart, leaked)
  if (!next) return
  setFieldValue(field, next.value)
  field.setSelectionRange(next.caret, next.caret)
}

/**
 * One page-side capture however many screens use the hook, so a burst is submitted once. The browser
 * shell only: in Electron the main process's before-input-event hook does this before the page sees a key.
 */
let capture: { users: number; off: () => void; configure: (t: PageWedgeTiming) => void } | undefined

function startCapture(): { configure: (t: PageWedgeTiming) => void; release: () => void } {
  if (!capture) {
    const engine = new PageWedgeCapture(
      {
        scan: (text) => void pos.submitScan({ text, device: 'page' }).catch(() => undefined),
        removeLeaked,
        setTimer: (fn, ms) => window.setTimeout(fn, ms),
        clearTimer: (h) => window.clearTimeout(h as number),
        now: () => performance.now(),
      },
      // Off until the core has said how the store set it up.
      { enabled: false, maxGapMs: 35, minLength: 8, confirmAfter: 4 },
    )
    const onKeyDown = (e: KeyboardEvent) => {
      if (!engine.onKeyDown(e)) return
      // Swallowed: neither the focused field nor any shortcut handler sees this key of the scan.
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    // Capture phase on window: before any other listener of the page.
    window.addEventListener('keydown', onKeyDown, true)
    capture = {
      users: 0,
      configure: (t) => engine.configure(t),
      off: () => {
        window.removeEventListener('keydown', onKeyDown, true)
        engine.dispose()
      },
    }
  }
  const current = capture
  current.users++
  return {
    configure: current.configure,
    release: () => {
      if (--current.users > 0) return
      current.off()
      if (capture === current) capture = undefined
    },
  }
}

/** Applies new wedge timing to a running page capture at once (the 设备 screen after saving). */
export function reconfigurePageCapture(timing: PageWedgeTiming): void {
  capture?.configure(timing)
}

/**
 * Calls `onScan` for every scan (serial scanners, Electron's wedge hook, the page's own capture) while
 * the calling workspace is the one shown. In the browser shell it also captures keyboard-wedge bursts
 * itself and sends them through `submitScan`; they then arrive here as `scan` events like any other.
 */
export function useScanner(onScan: (e: ScanEvent) => void, opts: { capturePage?: boolean } = {}): void {
  const capturePage = opts.capturePage ?? true
  const active = useContext(ActiveContext)
  const latest = useRef(onScan)
  useEffect(() => {
    latest.current = onScan
  })

  useEffect(() => {
    if (!active) return
    const offScan = pos.on('scan', (e) => latest.current(e))
    if (window.pos || !capturePage) return offScan
    const page = startCapture()
    let live = true
    void pos.getScannerStatus({}).then(
      (s) => live && page.configure(s.wedge),
      () => undefined,
    )
    return () => {
      live = false
      offScan()
      page.release()
    }
  }, [active, capturePage])
}
