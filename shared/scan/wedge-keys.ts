/**
 * Keyboard-wedge scanners type as a US keyboard. With a Chinese input method active the key value is
 * "Process" (or the event is composing), so the character comes from the physical key code instead:
 * the scanner pressed that key, whatever the IME makes of it.
 */
const SHIFTED_DIGITS = ')!@#$%^&*('
const CODE_CHARS: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
}

export function charFromCode(code: string, shift: boolean): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter) return shift ? letter[1] : letter[1].toLowerCase()
  const digit = /^Digit(\d)$/.exec(code)
  if (digit) return shift ? SHIFTED_DIGITS[Number(digit[1])] : digit[1]
  const numpad = /^Numpad(\d)$/.exec(code)
  if (numpad) return numpad[1]
  const pair = CODE_CHARS[code]
  return pair ? pair[shift ? 1 : 0] : undefined
}

export interface WedgeKey {
  /** DOM `KeyboardEvent.key` / Electron `Input.key`. */
  key: string
  /** DOM `KeyboardEvent.code` / Electron `Input.code`. */
  code?: string
  shift?: boolean
  control?: boolean
  alt?: boolean
  meta?: boolean
  /** IME composition in progress (`isComposing`). */
  composing?: boolean
  /** Key auto-repeat: a held key, never a scanner. */
  repeat?: boolean
  /** Milliseconds from any monotonic clock (event.timeStamp, performance.now()). */
  at: number
}

export const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'NumLock', 'AltGraph'])

/** The character a key types into a scan, or undefined for keys that are not scan content. */
export function scanCharOf(k: WedgeKey): string | undefined {
  // Some scanners send FNC1 as Ctrl+] (ASCII 29), the GS separator of GS1 element strings.
  if (k.control && !k.alt && !k.meta && (k.key === ']' || k.code === 'BracketRight')) return '\u001d'
  if (k.control || k.alt || k.meta) return undefined
  if (k.key.length === 1 && !k.composing) return k.key
  if ((k.key === 'Process' || k.composing || k.key === 'Unidentified') && k.code) return charFromCode(k.code, !!k.shift)
  return undefined
}
