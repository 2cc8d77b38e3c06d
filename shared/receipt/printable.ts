/**
 * What may reach the paper. Receipt text comes from people and other systems (the store name in the
 * settings, user names, catalog names from a file or the platform's 1301, a relative's name from 1101);
 * a control character in any of them is a printer command in the ESC/POS stream: ESC p kicks the drawer
 * open, GS V cuts. Only the encoder emits commands; text carries none.
 */

/** Line breaks and tabs of every kind: they become a space, so words stay apart. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
/**
 * C0 and C1 controls and DEL, bidi embeddings/overrides/isolates and marks (they reorder a line on
 * screen and mislead about what is printed), zero-width characters and the BOM, lone surrogates.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** One text field, made safe for the printer and the preview alike. */
export function printableText(text: string): string {
  return text.replace(BREAKS, ' ').replace(INVISIBLE, '')
}

/** Every string inside a value (a receipt), made printable; numbers, booleans and nulls pass as they are. */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printableText(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v)])) as T
  }
  return value
}

/**
 * A document laid out elsewhere (the Z report: store and cashier names) cleaned the same way, line by
 * line. Sale receipts are cleaned before layout (layoutReceipt), so their padding counts only what prints.
 */
export function printableDoc<D extends { blocks: readonly ({ kind: 'text'; text: string } | { kind: 'qr' })[] }>(doc: D): D {
  return { ...doc, blocks: doc.blocks.map((b) => (b.kind === 'text' ? { ...b, text: printableText(b.text).trimEnd() } : b)) }
}
