import type { Clock } from '../clock'
import type { Db } from '../store/database'

/** yyyyMMddHHmmss in China Standard Time, whatever the machine's zone. */
export function compactCst(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3600_000)
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

export function wireTimeCst(date: Date): string {
  const c = compactCst(date)
  return `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6, 8)} ${c.slice(8, 10)}:${c.slice(10, 12)}:${c.slice(12, 14)}`
}

/**
 * msgid = institution code (12) + time (14) + sequence (4). The sequence is two digits of terminal
 * number and two of a counter, so terminals of one institution never collide. Its state lives in
 * SQLite, written in the caller's transaction, and the time part never goes backwards: a msgid is
 * never issued twice, across restarts and clock corrections. Past 100 messages in one second the time
 * part borrows the next second.
 */
export class MsgidSequence {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly fixmedinsCode: string,
    private readonly terminalNo: number,
  ) {
    if (!Number.isInteger(terminalNo) || terminalNo < 0 || terminalNo > 99) throw new RangeError('terminal number must be 0-99')
  }

  next(): string {
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT value, aux FROM counters WHERE name = 'msgid'").get() as
        | { value: number; aux: number }
        | undefined
      const nowS = Math.floor(this.clock.now().getTime() / 1000)
      let second = row ? Math.max(nowS, row.aux) : nowS
      let counter = row && second === row.aux ? row.value + 1 : 0
      if (counter > 99) {
        second += 1
        counter = 0
      }
      this.db
        .prepare("INSERT INTO counters (name, value, aux) VALUES ('msgid', ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, aux = excluded.aux")
        .run(counter, second)
      const seq = String(this.terminalNo).padStart(2, '0') + String(counter).padStart(2, '0')
      return this.fixmedinsCode + compactCst(new Date(second * 1000)) + seq
    })()
  }
}

/** The terminal's number for msgids: the digits of its id ("T07" -> 7), modulo 100. */
export function terminalNumber(terminalId: string): number {
  const digits = terminalId.replace(/\D/g, '')
  return digits ? Number(digits.slice(-2)) : 0
}
