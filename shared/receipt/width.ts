/**
 * Display width in printer columns. A thermal printer in Chinese mode prints every double-byte GB
 * character in a full-width cell, including East Asian "ambiguous" ones (·, ×, °, ①, ℃, ─), so those
 * count 2 here too; counting them 1 is how Chinese receipts lose their right margin.
 */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compat Jamo, Kanbun, CJK strokes, enclosed
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x20000, 0x2fffd], // CJK extensions B-F
  [0x30000, 0x3fffd], // CJK extension G and later
]

/** East Asian Width "ambiguous" characters that GB2312/GBK encode as two bytes. */
const AMBIGUOUS_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00a4, 0x00a4],
  [0x00a7, 0x00a8],
  [0x00b0, 0x00b1],
  [0x00b7, 0x00b7],
  [0x00d7, 0x00d7],
  [0x00e0, 0x00e1],
  [0x00e8, 0x00ea],
  [0x00ec, 0x00ed],
  [0x00f2, 0x00f3],
  [0x00f7, 0x00fa],
  [0x00fc, 0x00fc],
  [0x0391, 0x03c9], // Greek
  [0x0401, 0x0451], // Cyrillic
  [0x2010, 0x2016],
  [0x2018, 0x2019],
  [0x201c, 0x201d],
  [0x2025, 0x2026],
  [0x2030, 0x2030],
  [0x2032, 0x2033],
  [0x203b, 0x203b],
  [0x2103, 0x2103],
  [0x2105, 0x2105],
  [0x2109, 0x2109],
  [0x2116, 0x2116],
  [0x2121, 0x2121],
  [0x2160, 0x216b],
  [0x2170, 0x2179],
  [0x2190, 0x2199],
  [0x2208, 0x2312],
  [0x2460, 0x24e9],
  [0x2500, 0x257f],
  [0x2580, 0x25ff],
  [0x2605, 0x2606],
  [0x2609, 0x2609],
  [0x2640, 0x2642],
]

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [a, b] = ranges[mid]
    if (cp < a) hi = mid - 1
    else if (cp > b) lo = mid + 1
    else return true
  }
  return false
}

export function charWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0
  // Printable ASCII, most of a receipt: one cell, without searching the ranges.
  if (cp < 0x7f) return 1
  // Combining marks and zero-width characters take no cell.
  if ((cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || cp === 0x200d || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0
  if (cp < 0x1100) return inRanges(cp, AMBIGUOUS_RANGES) ? 2 : 1
  return inRanges(cp, WIDE_RANGES) || inRanges(cp, AMBIGUOUS_RANGES) ? 2 : 1
}

export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) width += charWidth(ch)
  return width
}

export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

export function padStartTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text
}

/** Left part and right part on one line of `width` columns, the gap filled with spaces. */
export function spread(left: string, right: string, width: number): string {
  return left + ' '.repeat(Math.max(1, width - displayWidth(left) - displayWidth(right))) + right
}
