/**
 * A platform msgid read back: institution code (12) + China Standard Time (14, yyyyMMddHHmmss) + the
 * counter's terminal number (2) + a counter within the second (2). Both sides of sync read it: the store
 * node checks the terminal digits against the number it allocated.
 */
export interface MsgidParts {
  institution: string
  /** The second the counter issued it in, by its own clock. */
  issuedAt: Date
  terminalNo: number
}

const MSGID = /^([A-Z]\d{11})(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/

export function msgidParts(msgid: string): MsgidParts | undefined {
  const m = MSGID.exec(msgid)
  if (!m) return undefined
  const [, institution, y, mo, d, h, mi, s, no] = m
  const issuedAt = new Date(Date.UTC(+y, +mo - 1, +d, +h - 8, +mi, +s))
  return Number.isNaN(issuedAt.getTime()) ? undefined : { institution, issuedAt, terminalNo: Number(no) }
}
