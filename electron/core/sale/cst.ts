/** The platform and the receipts speak China Standard Time, whatever the PC's time zone is set to. */
const CST_OFFSET_MS = 8 * 3600_000

export function cstDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')
}

export function cstDay(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** [start, end) of a CST calendar day as ISO instants, for range queries over stored UTC times. */
export function cstDayRange(day: string): [string, string] {
  const start = new Date(`${day}T00:00:00+08:00`)
  return [start.toISOString(), new Date(start.getTime() + 86_400_000).toISOString()]
}
