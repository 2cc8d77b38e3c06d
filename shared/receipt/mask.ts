/**
 * Personal data on screen and paper (domain rule 6). Both maskers are idempotent, so masking an
 * already masked value (a receipt re-read from the print queue) changes nothing.
 */

/** 张三 -> 张*, 张三明 -> 张*明, 欧阳小明 -> 欧**明. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.length === 0 ? '' : '*'
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

/** 110101199003071234 -> 110***********1234: region prefix and last four stay, for the cashier to compare. */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()]
  if (chars.length <= 7) return '*'.repeat(chars.length)
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('')
}
