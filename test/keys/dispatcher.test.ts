import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chordOf, KeyDispatcher, type Binding, type KeyInput, type Layer, type ScopeView } from '../../shared/keys/dispatcher'

/** A keydown as the browser reports it: `press('F4')`, `press('2', { altKey: true, code: 'Digit2' })`. */
function press(key: string, over: Partial<KeyInput> = {}): KeyInput {
  const code = /^F\d+$|^Escape$|^Enter$/.test(key) ? key : /^\d$/.test(key) ? `Digit${key}` : /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : ''
  return {
    key,
    code,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    repeat: false,
    isComposing: false,
    keyCode: 0,
    defaultPrevented: false,
    targetOwnsEnter: false,
    ...over,
  }
}

/** A scope whose keys record what ran; `view` can be changed between keys, as a re-render would. */
function scope(d: KeyDispatcher, layer: Layer, name: string, keys: string[], ran: string[], extra: Partial<ScopeView> & { depth?: number } = {}) {
  const bind = (k: string, disabled = false): Binding => ({ key: k, action: () => ran.push(`${name}:${k}`), disabled })
  const { depth, ...rest } = extra
  const s = { view: { active: true, keys: keys.map((k) => bind(k)), ...rest } as ScopeView, bind, off: () => {} }
  s.off = d.register({ layer, depth, read: () => s.view })
  return s
}

function fire(d: KeyDispatcher, input: KeyInput, foreignModal = false): string {
  const outcome = d.decide(input, { foreignModal: () => foreignModal })
  if (outcome.kind === 'run') outcome.action()
  return outcome.kind
}

describe('chordOf: only F-keys, Esc, Enter and Alt+digit are ever shortcuts', () => {
  it('names the keys it takes', () => {
    expect(chordOf(press('F1'))).toBe('F1')
    expect(chordOf(press('F12'))).toBe('F12')
    expect(chordOf(press('Escape'))).toBe('Escape')
    expect(chordOf(press('Enter'))).toBe('Enter')
    expect(chordOf(press('2', { altKey: true }))).toBe('Alt+2')
  })

  it('reads Alt+digit by the key’s place, and never from the keypad (Alt+0165 types ¥ on Windows)', () => {
    expect(chordOf(press('¡', { altKey: true, code: 'Digit1' }))).toBe('Alt+1')
    expect(chordOf(press('1', { altKey: true, code: 'Numpad1' }))).toBeUndefined()
  })

  it('leaves typing, modified keys and an IME’s keys alone', () => {
    for (const k of ['a', 'R', '1', ' ', 'ArrowDown', 'Tab', 'Backspace', 'F', 'F0', 'F25', 'Esc']) expect(chordOf(press(k))).toBeUndefined()
    expect(chordOf(press('F4', { altKey: true }))).toBeUndefined()
    expect(chordOf(press('F10', { shiftKey: true }))).toBeUndefined()
    expect(chordOf(press('a', { altKey: true }))).toBeUndefined()
    expect(chordOf(press('2', { altKey: true, ctrlKey: true }))).toBeUndefined()
    expect(chordOf(press('Escape', { isComposing: true }))).toBeUndefined()
    expect(chordOf(press('Enter', { keyCode: 229 }))).toBeUndefined()
  })

  it('ignores every other key whatever the scopes declare', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.boolean(), (key, shift) => {
        fc.pre(!/^(F([1-9]|1\d|2[0-4])|Escape|Enter)$/.test(key))
        const d = new KeyDispatcher()
        const ran: string[] = []
        scope(d, 'screen', 'screen', [key, `Alt+${key}`], ran)
        return fire(d, press(key, { shiftKey: shift })) === 'ignore' && ran.length === 0
      }),
    )
  })
})

describe('KeyDispatcher', () => {
  it('runs the screen’s key, and uses the keys it offers at the moment of the key, not at registration', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    const bar = scope(d, 'screen', 'bar', [], ran)
    bar.view = { active: true, keys: [bar.bind('F8', true)] }
    expect(fire(d, press('F8'))).toBe('swallow')
    // The re-render that enables F8 only swaps the view: the very next key sees it.
    bar.view = { active: true, keys: [bar.bind('F8')] }
    expect(fire(d, press('F8'))).toBe('run')
    expect(ran).toEqual(['bar:F8'])
  })

  it('lets an open dialog take Esc and keeps the screen’s keys beneath it from firing', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'shell', 'shell', ['F11', 'F12', 'Alt+1'], ran)
    scope(d, 'screen', 'bar', ['F4', 'F8', 'Escape'], ran)
    const dialog = scope(d, 'modal', 'dialog', ['Escape'], ran)

    expect(fire(d, press('Escape'))).toBe('run')
    // Blocked F-keys are still kept from the browser (F5 would reload the page under the dialog).
    expect(fire(d, press('F4'))).toBe('swallow')
    expect(fire(d, press('F8'))).toBe('swallow')
    // Enter is the dialog form's own (native submit): not taken, not prevented, not the screen's.
    expect(fire(d, press('Enter'))).toBe('ignore')
    // The shell's keys are app-wide: lock, language and tabs work over a dialog.
    expect(fire(d, press('F11'))).toBe('run')
    expect(fire(d, press('1', { altKey: true }))).toBe('run')
    expect(ran).toEqual(['dialog:Escape', 'shell:F11', 'shell:Alt+1'])

    dialog.off()
    expect(fire(d, press('Escape'))).toBe('run')
    expect(fire(d, press('F4'))).toBe('run')
    expect(ran.slice(3)).toEqual(['bar:Escape', 'bar:F4'])
  })

  it('passes through only the keys a dialog offers from the screen beneath', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'screen', 'bar', ['F4', 'F9'], ran)
    scope(d, 'modal', 'dialog', ['Escape'], ran, { passThrough: ['F9'] })
    expect(fire(d, press('F9'))).toBe('run')
    expect(fire(d, press('F4'))).toBe('swallow')
    expect(ran).toEqual(['bar:F9'])
  })

  it('ranks a dialog opened from a dialog above it, whatever order they registered in, and the newest among equals', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    // React runs a child's effects before its parent's: the inner dialog registers first.
    scope(d, 'modal', 'inner', ['Escape'], ran, { depth: 1 })
    scope(d, 'modal', 'outer', ['Escape', 'F2'], ran, { depth: 0 })
    fire(d, press('Escape'))
    // The inner dialog does not pass F2: the outer dialog's F2 is beneath it.
    expect(fire(d, press('F2'))).toBe('swallow')
    expect(ran).toEqual(['inner:Escape'])

    const d2 = new KeyDispatcher()
    const ran2: string[] = []
    scope(d2, 'modal', 'first', ['Escape'], ran2)
    scope(d2, 'modal', 'second', ['Escape'], ran2)
    fire(d2, press('Escape'))
    expect(ran2).toEqual(['second:Escape'])
  })

  it('never fires or blocks from an inactive scope (a hidden workspace, a locked screen)', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'screen', 'shown', ['F4'], ran)
    scope(d, 'screen', 'hidden', ['F4', 'F5'], ran, { active: false })
    scope(d, 'modal', 'hiddenDialog', ['Escape'], ran, { active: false })
    expect(fire(d, press('F4'))).toBe('run')
    expect(fire(d, press('F5'))).toBe('swallow')
    expect(fire(d, press('Escape'))).toBe('ignore')
    expect(ran).toEqual(['shown:F4'])
  })

  it('lets the topmost owner of a key decide: a disabled key shadows the same key beneath it', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'shell', 'shell', ['F12'], ran)
    const bar = scope(d, 'screen', 'bar', ['F12'], ran)
    expect(fire(d, press('F12'))).toBe('run')
    bar.view = { active: true, keys: [bar.bind('F12', true), bar.bind('Escape', true)] }
    expect(fire(d, press('F12'))).toBe('swallow')
    // A disabled Esc or Enter is not prevented: the browser's own meaning stays.
    expect(fire(d, press('Escape'))).toBe('ignore')
    expect(ran).toEqual(['bar:F12'])
  })

  it('treats a screen’s own aria-modal panel as a dialog that passes nothing but the shell’s keys', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'shell', 'shell', ['F11'], ran)
    scope(d, 'screen', 'bar', ['F2', 'Escape'], ran)
    expect(fire(d, press('F2'), true)).toBe('swallow')
    expect(fire(d, press('Escape'), true)).toBe('ignore')
    expect(fire(d, press('F11'), true)).toBe('run')
    expect(ran).toEqual(['shell:F11'])
  })

  it('does not act on a held key’s repeats, on a key a field already handled, or on Enter where the focus has its own', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    scope(d, 'screen', 'bar', ['F4', 'Escape'], ran)
    scope(d, 'modal', 'dialog', ['Enter'], ran)
    expect(fire(d, press('Escape'))).toBe('ignore') // blocked by the dialog, which offers no Esc
    expect(fire(d, press('Enter', { repeat: true }))).toBe('swallow')
    expect(fire(d, press('Enter', { targetOwnsEnter: true }))).toBe('ignore')
    expect(fire(d, press('Enter', { defaultPrevented: true }))).toBe('ignore')
    expect(fire(d, press('Enter'))).toBe('run')
    expect(ran).toEqual(['dialog:Enter'])
  })

  it('forgets a scope once it unregisters', () => {
    const d = new KeyDispatcher()
    const ran: string[] = []
    const bar = scope(d, 'screen', 'bar', ['F4'], ran)
    expect(d.size).toBe(1)
    bar.off()
    expect(d.size).toBe(0)
    expect(fire(d, press('F4'))).toBe('swallow')
    expect(ran).toEqual([])
  })
})
