/**
 * Wire times are China Standard Time (UTC+8, no daylight saving) whatever the machine's zone, as at a
 * provincial gateway.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000

function parts(d: Date) {
  const c = new Date(d.getTime() + CST_OFFSET_MS)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return {
    y: p(c.getUTCFullYear(), 4),
    mo: p(c.getUTCMonth() + 1),
    d: p(c.getUTCDate()),
    h: p(c.getUTCHours()),
    mi: p(c.getUTCMinutes()),
    s: p(c.getUTCSeconds()),
    ms: p(c.getUTCMilliseconds(), 3),
  }
}

/** yyyy-MM-dd HH:mm:ss */
export function wireDateTime(d: Date): string {
  const t = parts(d)
  return `${t.y}-${t.mo}-${t.d} ${t.h}:${t.mi}:${t.s}`
}

/** yyyy-MM-dd */
export function wireDate(d: Date): string {
  const t = parts(d)
  return `${t.y}-${t.mo}-${t.d}`
}

/** yyyyMMddHHmmss */
export function compactDateTime(d: Date): string {
  const t = parts(d)
  return `${t.y}${t.mo}${t.d}${t.h}${t.mi}${t.s}`
}

/** yyyyMMddHHmmssSSS, the envelope's respond_time. */
export function respondTime(d: Date): string {
  return compactDateTime(d) + parts(d).ms
}

export function cstYear(d: Date): number {
  return Number(parts(d).y)
}

/** Parses a wire yyyy-MM-dd (CST) into the instant the day starts. */
export function startOfCstDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`)
}
