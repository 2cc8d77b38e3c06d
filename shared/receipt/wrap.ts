import { charWidth, displayWidth } from './width'

/**
 * Breaks text into lines of at most `width` columns. Chinese may break between any two characters; a
 * run of Latin letters and digits (a strength like "0.25g" or "ABC123") moves whole to the next line
 * when it fits there, because a split strength can be misread as a different dose.
 */
export function wrapText(text: string, width: number): string[] {
  if (width < 2) throw new RangeError('width must allow one wide character')
  const tokens =
    text
      .replace(/\s+/g, ' ')
      .trim()
      .match(/[A-Za-z0-9.%/+\-×*#]+|\s|./gu) ?? []
  const lines: string[] = []
  let line = ''
  let lineWidth = 0
  const pushLine = () => {
    lines.push(line.trimEnd())
    line = ''
    lineWidth = 0
  }
  for (const token of tokens) {
    const w = displayWidth(token)
    if (token === ' ' && lineWidth === 0) continue
    if (lineWidth + w <= width) {
      line += token
      lineWidth += w
      continue
    }
    if (w <= width && lineWidth > 0 && token.length > 1) {
      pushLine()
      line = token
      lineWidth = w
      continue
    }
    for (const ch of token) {
      const cw = charWidth(ch)
      if (lineWidth + cw > width) pushLine()
      if (ch === ' ' && lineWidth === 0) continue
      line += ch
      lineWidth += cw
    }
  }
  if (line.trim().length > 0 || lines.length === 0) pushLine()
  return lines
}

/** Cuts text to at most `width` columns, never splitting a wide character. */
export function truncateTo(text: string, width: number): string {
  let out = ''
  let used = 0
  for (const ch of text) {
    const w = charWidth(ch)
    if (used + w > width) break
    out += ch
    used += w
  }
  return out
}
