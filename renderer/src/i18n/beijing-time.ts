// Times a person reads are Beijing time (the business day's zone), whatever zone the PC is set to:
// a till with a wrong clock zone must not show 04:47 on one screen and 12:48 on the next (B16).

/** The business day: a Beijing-time calendar day. */
export function cstToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

export function cstTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 19)
}

export function cstDateTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}
