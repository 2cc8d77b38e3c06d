import type { Settings } from './settings'

// Apart from settings.ts so that the shell's top bar shows the number without building the settings' schemas.

/** Where the msgid's terminal digits come from: the number a manager set, or (unset) the terminal id's digits. */
export interface TerminalNoInUse {
  no: number
  assigned: boolean
}

/**
 * The msgid digits this counter uses. Unset, the terminal id's last two digits stand in ("T07" -> 7):
 * what every install did before numbers existed, so training and an upgraded live counter keep their
 * sequence, and the screen says the number is not assigned. Going live needs an assigned one.
 */
export function terminalNoInUse(s: Pick<Settings, 'terminalNo' | 'terminalId'>): TerminalNoInUse {
  if (s.terminalNo !== null) return { no: s.terminalNo, assigned: true }
  const digits = s.terminalId.replace(/\D/g, '')
  return { no: digits ? Number(digits.slice(-2)) : 0, assigned: false }
}

/** "02": how a terminal number is written on screens, receipts and in msgids. */
export function terminalNoText(no: number): string {
  return String(no).padStart(2, '0')
}
