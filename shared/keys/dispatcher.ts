/**
 * The app's one keyboard dispatcher, without React or the DOM: scopes register once and are asked for
 * their current keys at the moment a key arrives, so a key is never judged by a stale list.
 *
 * Which scope gets a key: walk from the top (modal dialogs, innermost and newest first), then the screen
 * bars, then the shell. The first active scope that declares the key decides: it runs when enabled, and
 * when disabled nothing below gets it either (the key shown greyed out is the key that would have run). A
 * modal that does not declare a key blocks it from every scope below except the shell, unless the modal
 * passes it through. Only F-keys, Esc, Enter and Alt+digit are ever considered, so typing always types.
 */

export type Layer = 'shell' | 'screen' | 'modal'

/** A key a scope offers. `key` is a chord: 'F1'..'F24', 'Escape', 'Enter' or 'Alt+1'..'Alt+9'. */
export interface Binding {
  key: string
  action: () => void
  disabled?: boolean
}

/** What a scope offers right now; read afresh on every key. */
export interface ScopeView {
  /** False while its workspace is hidden or the screen is locked: it neither fires nor blocks. */
  active: boolean
  keys: readonly Binding[]
  /** A modal only: keys it lets reach the scopes beneath it. */
  passThrough?: readonly string[]
}

export interface ScopeSpec {
  layer: Layer
  /** Nesting among modals: a dialog opened from a dialog sits above it whatever the mount order. */
  depth?: number
  read: () => ScopeView
}

/** The parts of a KeyboardEvent the dispatcher reads. */
export interface KeyInput {
  key: string
  code: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  repeat: boolean
  isComposing: boolean
  keyCode: number
  /** Someone before the dispatcher (the focused field's own handler) has already dealt with it. */
  defaultPrevented: boolean
  /** The focused element has an Enter of its own (a button, a link, a multi-line field, a select). */
  targetOwnsEnter: boolean
}

export type Outcome =
  /** Not a shortcut: let the browser and the page have it (typing, a form's Enter, a field's own Esc). */
  | { kind: 'ignore' }
  /** An F-key nobody active may take now: prevent the browser's own meaning (F5 reload, F11 full screen...). */
  | { kind: 'swallow' }
  | { kind: 'run'; action: () => void }

const F_KEY = /^F([1-9]|1\d|2[0-4])$/

export function isFunctionKey(chord: string): boolean {
  return F_KEY.test(chord)
}

/** The chord a key event stands for, or undefined when it is not one the dispatcher ever takes. */
export function chordOf(e: Pick<KeyInput, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing' | 'keyCode'>): string | undefined {
  // 229 is every key an IME takes: Esc there cancels the composition, not the sale.
  if (e.isComposing || e.keyCode === 229) return undefined
  if (e.ctrlKey || e.metaKey || e.shiftKey) return undefined
  if (e.altKey) {
    // The top-row digit by its position (Option+1 types '¡' on a Mac); never the keypad, where Alt+digits
    // type a character by its code on Windows (Alt+0165 is ¥).
    const digit = /^Digit([0-9])$/.exec(e.code)?.[1] ?? (e.code === '' && /^[0-9]$/.test(e.key) ? e.key : undefined)
    return digit === undefined ? undefined : `Alt+${digit}`
  }
  if (F_KEY.test(e.key) || e.key === 'Escape' || e.key === 'Enter') return e.key
  return undefined
}

const RANK: Record<Layer, number> = { shell: 0, screen: 1, modal: 2 }

interface Entry {
  seq: number
  spec: ScopeSpec
}

export class KeyDispatcher {
  private entries: Entry[] = []
  private seq = 0

  /** Adds a scope on top of its layer; answers the function that removes it. */
  register(spec: ScopeSpec): () => void {
    const entry = { seq: ++this.seq, spec }
    this.entries.push(entry)
    return () => {
      this.entries = this.entries.filter((x) => x !== entry)
    }
  }

  get size(): number {
    return this.entries.length
  }

  /**
   * Decides what one key does. `foreignModal` says whether a modal that registered no scope (a screen's
   * own `aria-modal` panel) is open: it blocks the screens like a registered one, passing nothing.
   */
  decide(input: KeyInput, opts: { foreignModal?: () => boolean } = {}): Outcome {
    if (input.defaultPrevented) return { kind: 'ignore' }
    const chord = chordOf(input)
    if (chord === undefined) return { kind: 'ignore' }
    if (chord === 'Enter' && input.targetOwnsEnter) return { kind: 'ignore' }
    const unclaimed: Outcome = isFunctionKey(chord) ? { kind: 'swallow' } : { kind: 'ignore' }

    let blocked = false
    let foreignChecked = false
    for (const { spec } of this.ordered()) {
      if (spec.layer !== 'modal' && !foreignChecked) {
        foreignChecked = true
        if (!blocked && opts.foreignModal?.()) blocked = true
      }
      // The shell's keys (lock, language, tabs) work whatever dialog is open.
      if (blocked && spec.layer !== 'shell') continue
      const view = spec.read()
      if (!view.active) continue
      const binding = view.keys.find((k) => k.key === chord)
      if (binding) {
        if (binding.disabled) return unclaimed
        // A held key repeats: Esc held a moment too long must close the dialog, not then clear the sale.
        if (input.repeat) return { kind: 'swallow' }
        return { kind: 'run', action: binding.action }
      }
      if (spec.layer === 'modal' && !view.passThrough?.includes(chord)) blocked = true
    }
    return unclaimed
  }

  private ordered(): Entry[] {
    return [...this.entries].sort((a, b) => RANK[b.spec.layer] - RANK[a.spec.layer] || (b.spec.depth ?? 0) - (a.spec.depth ?? 0) || b.seq - a.seq)
  }
}
