/**
 * GS1 mod-10 check digit, shared by EAN-8, UPC-A, EAN-13 and GTIN-14: weights 3,1,3,... counted from
 * the digit next to the check digit, so one routine serves every length.
 */
export function gtinCheckDigit(bodyDigits: string): number {
  let total = 0
  for (let i = 0; i < bodyDigits.length; i++) {
    const digit = bodyDigits.charCodeAt(bodyDigits.length - 1 - i) - 48
    total += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (total % 10)) % 10
}

/** True when `digits` is all digits and its last digit is the GS1 check digit of the rest. */
export function hasValidGtinCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  return gtinCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48
}

/** A GTIN of any length as the 14-digit form databases key on (UPC-A 036000291452 -> 00036000291452). */
export function toGtin14(digits: string): string {
  return digits.padStart(14, '0')
}
