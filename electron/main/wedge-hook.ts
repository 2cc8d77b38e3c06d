import type { Event as ElectronEvent, Input, WebContents } from 'electron'
import { scanCharOf, type WedgeKey } from '../../shared/scan'
import { MODIFIER_KEYS } from '../../shared/scan/wedge-keys'
import type { WedgeKeyboard } from '../core/devices/module'

/** The fields of Electron's `Input` the hook reads (so the logic runs, and is tested, without Electron). */
export type HookInput = Pick<Input, 'type' | 'key' | 'code' | 'isAutoRepeat' | 'shift' | 'control' | 'alt' | 'meta'> & {
  isComposing?: boolean
}

/** One `webContents.sendInputEvent` argument. */
export interface ReplayEvent {
  type: 'keyDown' | 'char' | 'keyUp'
  keyCode: string
}

export interface WedgeHookDeps {
  keyboard: WedgeKeyboard
  /** Names the window in scan events ("window-1"). */
  device: string
  sendInput(event: ReplayEvent): void
  /** Milliseconds, for forgetting replays that never came back through the hook. */
  now?: () => number
}

const TERMINATORS = new Set(['Enter', 'Tab'])
/** DOM key names to the key codes `sendInputEvent` takes (Electron accelerator names). */
const NAMED_KEYS: Record<string, string> = {
  Enter: 'Enter',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Escape: 'Escape',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
}
const REPLAY_TTL_MS = 500

/** Keys a Chinese IME is handling: they must reach it, or pinyin typing breaks. */
function isImeKey(input: HookInput): boolean {
  return Boolean(input.isComposing) || input.key === 'Process'
}

function toWedgeKey(input: HookInput): Omit<WedgeKey, 'at'> {
  return {
    key: input.key,
    code: input.code,
    shift: input.shift,
    control: input.control,
    alt: input.alt,
    meta: input.meta,
    composing: isImeKey(input),
    repeat: input.isAutoRepeat,
  }
}

/** Whether the detector adds this key to the burst (mirrors WedgeBurstDetector.feed). */
function isBurstChar(input: HookInput): boolean {
  if (MODIFIER_KEYS.has(input.key) || input.isAutoRepeat) return false
  if (TERMINATORS.has(input.key) && !input.control && !input.alt && !input.meta) return false
  return scanCharOf({ ...toWedgeKey(input), at: 0 }) !== undefined
}

export function replayEventsOf(key: string): ReplayEvent[] {
  if ([...key].length === 1) {
    return [
      { type: 'keyDown', keyCode: key },
      { type: 'char', keyCode: key },
      { type: 'keyUp', keyCode: key },
    ]
  }
  const named = NAMED_KEYS[key] ?? (/^F\d{1,2}$/.test(key) ? key : undefined)
  return named
    ? [
        { type: 'keyDown', keyCode: named },
        { type: 'keyUp', keyCode: named },
      ]
    : []
}

/**
 * The logic of Electron's `before-input-event` for keyboard-wedge scanners, free of Electron.
 *
 * The core's detector holds the first keys of every fast burst; if the burst turns out to be typing
 * they are typed back with `sendInputEvent`, so a scan never lands in the focused field and typing
 * arrives intact, only later by at most the detector's gap (35 ms).
 *
 * A key an IME is processing (`Process`, composing) cannot be typed back: a synthetic key bypasses the
 * IME and would come out as a Latin letter instead of pinyin. So such keys pass through until the
 * burst is confirmed as a scan, and only the rest of the scan is swallowed. The first few characters
 * of a scan made with the IME in Chinese mode therefore land in its composition window (docs/hardware.md).
 */
export function createWedgeHook(deps: WedgeHookDeps) {
  const now = deps.now ?? (() => performance.now())
  /** Burst characters fed since the last burst ended, and those of them that went through to the IME. */
  let count = 0
  let passed = new Set<number>()
  /** The key being fed right now passes through (so it is not typed back again as the burst's trailer). */
  let currentPasses = false
  const swallowedDown = new Set<string>()
  const replaying: Array<{ key: string; until: number }> = []

  const reset = () => {
    count = 0
    passed = new Set()
  }
  const offReplay = deps.keyboard.on('replay', ({ device, keys }) => {
    if (device !== deps.device) return
    const held = count
    const back = keys.filter((_k, i) => (i < held ? !passed.has(i) : !currentPasses))
    reset()
    for (const key of back) {
      const events = replayEventsOf(key)
      if (events.length === 0) continue
      replaying.push({ key, until: now() + REPLAY_TTL_MS })
      for (const e of events) deps.sendInput(e)
    }
  })
  const offScan = deps.keyboard.on('scan', ({ device, source }) => {
    if (device === deps.device && source === 'wedge') reset()
  })

  /** Returns true when the key must not reach the page (`event.preventDefault()`). */
  function onInput(input: HookInput): boolean {
    if (input.type === 'keyUp') {
      // A swallowed key-down's key-up goes too, so the page never sees half a key.
      return swallowedDown.delete(input.code || input.key)
    }
    if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false

    while (replaying.length > 0 && replaying[0].until < now()) replaying.shift()
    if (replaying.length > 0 && replaying[0].key === input.key) {
      replaying.shift()
      return false
    }

    const ime = isImeKey(input)
    const burstChar = isBurstChar(input)
    currentPasses = ime
    const decision = deps.keyboard.feedKey(deps.device, toWedgeKey(input))
    currentPasses = false
    let swallow = decision.swallow
    if (burstChar && deps.keyboard.timing.enabled) {
      const position = count++
      const confirmed = count >= deps.keyboard.timing.confirmAfter
      if (ime && !confirmed) {
        passed.add(position)
        swallow = false
      }
    } else if (ime) {
      swallow = false
    }
    if (swallow) swallowedDown.add(input.code || input.key)
    return swallow
  }

  return {
    onInput,
    dispose() {
      offReplay()
      offScan()
    },
  }
}

/** Installs the hook on a window's web contents; returns its removal. */
export function installWedgeHook(contents: WebContents, keyboard: WedgeKeyboard): () => void {
  const hook = createWedgeHook({
    keyboard,
    device: `window-${contents.id}`,
    sendInput: (e) => contents.sendInputEvent(e),
  })
  const listener = (event: ElectronEvent, input: Input) => {
    if (hook.onInput(input)) event.preventDefault()
  }
  contents.on('before-input-event', listener)
  return () => {
    contents.off('before-input-event', listener)
    hook.dispose()
  }
}
