import { afterEach, describe, expect, it } from 'vitest'
import type { ScanEvent } from '../../shared/scan'
import { WedgeScannerService } from '../../electron/core/devices/scanner/wedge-scanner'
import { createWedgeHook, replayEventsOf, type HookInput, type ReplayEvent } from '../../electron/main/wedge-hook'

const clock = { now: () => new Date() }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const disposers: Array<() => void> = []
afterEach(() => disposers.splice(0).forEach((d) => d()))

function codeOf(ch: string): string {
  if (/^\d$/.test(ch)) return `Digit${ch}`
  if (/^[a-z]$/i.test(ch)) return `Key${ch.toUpperCase()}`
  return ch === '-' ? 'Minus' : ''
}

function keyDown(key: string, extra: Partial<HookInput> = {}): HookInput {
  return {
    type: 'keyDown',
    key,
    code: key.length === 1 ? codeOf(key) : key,
    isAutoRepeat: false,
    shift: false,
    control: false,
    alt: false,
    meta: false,
    ...extra,
  }
}
function keyUp(down: HookInput): HookInput {
  return { ...down, type: 'keyUp' }
}
/** What a Chinese IME in Chinese mode gives Electron: key "Process", the physical key in `code`. */
function imeDown(ch: string): HookInput {
  return keyDown('Process', { code: codeOf(ch), isComposing: true })
}

/**
 * A window: keys go through the hook; swallowed ones vanish, the rest reach `page`. `sendInputEvent`
 * goes back through before-input-event, as in Electron, and then types into the page.
 */
function rig(settings: Partial<{ enabled: boolean; confirmAfter: number }> = {}) {
  const keyboard = new WedgeScannerService(clock, { holdLeadIn: true, ...settings })
  disposers.push(() => keyboard.dispose())
  const scans: ScanEvent[] = []
  keyboard.on('scan', (e) => scans.push(e))
  const page: string[] = []
  const sent: ReplayEvent[] = []
  const hook = createWedgeHook({
    keyboard,
    device: 'window-1',
    sendInput: (e) => {
      sent.push(e)
      if (e.type === 'keyDown' && !hook.onInput(keyDown(e.keyCode))) page.push(e.keyCode)
    },
  })
  disposers.push(() => hook.dispose())
  const press = (input: HookInput) => {
    const swallowed = hook.onInput(input)
    if (!swallowed) page.push(input.key)
    const upSwallowed = hook.onInput(keyUp(input))
    return { swallowed, upSwallowed }
  }
  return { keyboard, hook, scans, page, sent, press }
}

describe('Electron wedge hook (before-input-event logic)', () => {
  it('swallows a whole scanner burst, Enter included, and reports one scan', async () => {
    const { scans, page, sent, press } = rig()
    const results = [...'4006381333931', 'Enter'].map((k) => press(keyDown(k)))
    expect(results.every((r) => r.swallowed && r.upSwallowed)).toBe(true)
    expect(scans).toHaveLength(1)
    expect(scans[0]).toMatchObject({ source: 'wedge', device: 'window-1', result: { kind: 'barcode', digits: '4006381333931' } })
    await sleep(80)
    expect(page).toEqual([])
    expect(sent).toEqual([])
  })

  it('gives slow typing back in order, each key once, and lets its own replays through', async () => {
    const { scans, page, press } = rig()
    for (const ch of 'ab1') {
      press(keyDown(ch))
      await sleep(70)
    }
    press(keyDown('Backspace'))
    await sleep(70)
    expect(page).toEqual(['a', 'b', '1', 'Backspace'])
    expect(scans).toEqual([])
  })

  it('types back a short fast run ended by Enter, Enter last', async () => {
    const { scans, page, press } = rig()
    for (const k of ['1', '2', '3', 'Enter']) press(keyDown(k))
    await sleep(60)
    expect(page).toEqual(['1', '2', '3', 'Enter'])
    expect(scans).toEqual([])
  })

  it('never holds keys a Chinese IME is composing: pinyin typing reaches the IME untouched', async () => {
    const { page, sent, press } = rig()
    for (const ch of 'nihao') {
      expect(press(imeDown(ch)).swallowed).toBe(false)
      await sleep(50)
    }
    // Fast pinyin (a practised typist) that stays under the confirmation count is not held either.
    for (const ch of 'zai') expect(press(imeDown(ch)).swallowed).toBe(false)
    await sleep(60)
    expect(page).toHaveLength(8)
    expect(sent).toEqual([])
  })

  it('with the IME on, a scan is still read whole from the physical keys; only its first keys reach the IME', async () => {
    const { scans, sent, press } = rig({ confirmAfter: 4 })
    const swallowed = [...'6901234567892'].map((ch) => press(imeDown(ch)).swallowed)
    press(keyDown('Enter'))
    expect(swallowed).toEqual([false, false, false, ...Array(10).fill(true)])
    expect(scans).toHaveLength(1)
    expect(scans[0].result).toMatchObject({ kind: 'barcode', digits: '6901234567892' })
    await sleep(60)
    expect(sent).toEqual([])
  })

  it('stays out of the way when wedge capture is off', async () => {
    const { scans, page, press } = rig({ enabled: false })
    for (const k of [...'4006381333931', 'Enter']) expect(press(keyDown(k)).swallowed).toBe(false)
    await sleep(60)
    expect(scans).toEqual([])
    expect(page).toHaveLength(14)
  })

  it('keeps shortcuts and auto-repeat alone', () => {
    const { press } = rig()
    expect(press(keyDown('F9')).swallowed).toBe(false)
    expect(press(keyDown('s', { control: true })).swallowed).toBe(false)
    expect(press(keyDown('a', { isAutoRepeat: true })).swallowed).toBe(false)
  })

  it('maps replayed keys to sendInputEvent codes', () => {
    expect(replayEventsOf('A').map((e) => e.type)).toEqual(['keyDown', 'char', 'keyUp'])
    expect(replayEventsOf('ArrowLeft')).toEqual([
      { type: 'keyDown', keyCode: 'Left' },
      { type: 'keyUp', keyCode: 'Left' },
    ])
    expect(replayEventsOf('F9')[0]).toEqual({ type: 'keyDown', keyCode: 'F9' })
    expect(replayEventsOf('AudioVolumeUp')).toEqual([])
  })
})
