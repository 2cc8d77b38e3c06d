/**
 * "Still in flight", written once. A sale is in flight between the intent of a money-moving message and
 * its answer (or its reversal); a message is open from its intent until it is answered, refused or
 * reversed. Every count, list and guard that asks either question uses these, so the answer cannot drift.
 */
export const IN_FLIGHT_SALE_STATES = ['settling', 'reversing', 'refunding'] as const
export const OPEN_MESSAGE_STATES = ['intent', 'unknown'] as const

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/** The SQL condition "this sale is in flight", on the `sales` row under `alias` (none: the bare column). */
export function saleInFlight(alias?: string): string {
  return `${alias ? `${alias}.` : ''}state IN (${list(IN_FLIGHT_SALE_STATES)})`
}

/** The SQL condition "this message is still open", on the `platform_messages` row under `alias`. */
export function messageOpen(alias?: string): string {
  return `${alias ? `${alias}.` : ''}state IN (${list(OPEN_MESSAGE_STATES)})`
}
