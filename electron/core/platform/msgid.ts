import { randomInt } from 'node:crypto'
import { terminalNoInUse, type Settings } from '../../../shared/contract/settings'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { reserveMsgid, storedMsgid, storedMsgidAndSpare } from './msgid-store'

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

/** One msgid's place in the sequence: its second and its counter within that second. */
interface Slot {
  second: number
  counter: number
}

/**
 * How long a reserved spare stays good. A spare carries the second it was reserved in, so this bounds
 * how far a msgid's time part may lag the moment it is sent.
 */
export const SPARE_TTL_MS = 60_000

/**
 * The slot each connection's last write reserved and did not hand out, with the token that write put
 * beside it. The token tells this connection's committed write from a write of its that was rolled
 * back while another connection committed the very same slot.
 */
const spares = new WeakMap<Db, Slot & { token: number; reservedAt: number }>()

/** The slot after `last`, never before `nowS`; past 100 in one second it borrows the next second. */
function following(last: Slot | undefined, nowS: number): Slot {
  const second = last ? Math.max(nowS, last.second) : nowS
  const counter = last && second === last.second ? last.counter + 1 : 0
  return counter > 99 ? { second: second + 1, counter: 0 } : { second, counter }
}

/**
 * msgid = institution code (12) + time (14) + sequence (4). The sequence is two digits of terminal
 * number and two of a counter, so terminals of one institution never collide as long as each has its
 * own number (settings.terminalNo, which going live requires; docs/manager.md). Its state lives in
 * SQLite, written in the caller's transaction, and the time part never goes backwards: a msgid is
 * never issued twice, across restarts and clock corrections. Past 100 messages in one second the time
 * part borrows the next second.
 *
 * Every write reserves one slot more than it hands out (a spare, in the same write). A msgid asked for
 * outside any transaction (a 2101, a 1101) takes the spare when there is a fresh one, so it is on disk
 * before it is sent without a commit (and a disk flush) of its own. The spare is only taken while the
 * counter on disk still stands exactly on it, beside the token of the write that reserved it: a write
 * that was rolled back, or overtaken, leaves it unusable rather than issued twice. After a crash the
 * sequence simply resumes past it.
 */
export class MsgidSequence {
  private readonly terminalNo: () => number

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly fixmedinsCode: string,
    /**
     * The counter's number, read at each msgid: pairing can change it while clients built before still
     * sign out or finish work, and each later msgid must carry the number the counter holds then.
     */
    terminalNo: number | (() => number),
  ) {
    this.terminalNo = typeof terminalNo === 'number' ? () => terminalNo : terminalNo
    checkedTerminalNo(this.terminalNo())
  }

  next(): string {
    const { second, counter } = this.nextSlot()
    return this.fixmedinsCode + compactCst(new Date(second * 1000)) + this.sequence(counter)
  }

  /**
   * A stamp no other counter of the institution issues, ever: a msgid's time and sequence without the
   * institution code (a stock batch number is one, stock/receiving.ts). It takes a slot of the sequence.
   */
  nextStamp(): { time: string; terminal: string; counter: string } {
    const { second, counter } = this.nextSlot()
    const seq = this.sequence(counter)
    return { time: compactCst(new Date(second * 1000)), terminal: seq.slice(0, 2), counter: seq.slice(2) }
  }

  private nextSlot(): Slot {
    const spare = this.db.inTransaction ? undefined : this.takeSpare()
    if (spare) return spare
    return this.db.transaction(() => {
      const nowS = Math.floor(this.clock.now().getTime() / 1000)
      const issued = following(this.stored(), nowS)
      const reserved = following(issued, nowS)
      const token = randomInt(1, 2 ** 47)
      reserveMsgid(this.db, reserved, token)
      spares.set(this.db, { ...reserved, token, reservedAt: this.clock.now().getTime() })
      return issued
    })()
  }

  private stored(): Slot | undefined {
    const row = storedMsgid(this.db)
    return row && { second: row.aux, counter: row.value }
  }

  private takeSpare(): Slot | undefined {
    const spare = spares.get(this.db)
    if (!spare) return undefined
    spares.delete(this.db)
    const age = this.clock.now().getTime() - spare.reservedAt
    if (age < 0 || age > SPARE_TTL_MS) return undefined
    // Outside any transaction this reads what is committed, and a commit here is on disk (synchronous=FULL).
    const rows = storedMsgidAndSpare(this.db)
    const stored = rows.find((r) => r.name === 'msgid')
    const token = rows.find((r) => r.name === 'msgid-spare')?.value
    if (!stored || stored.aux !== spare.second || stored.value !== spare.counter || token !== spare.token) return undefined
    return spare
  }

  /** The four digits after the time: the counter's number now, and the slot's counter within its second. */
  private sequence(counter: number): string {
    return String(checkedTerminalNo(this.terminalNo())).padStart(2, '0') + String(counter).padStart(2, '0')
  }
}

function checkedTerminalNo(no: number): number {
  if (!Number.isInteger(no) || no < 0 || no > 99) throw new RangeError('terminal number must be 0-99')
  return no
}

type NumberSettings = Pick<Settings, 'fixmedinsCode' | 'terminalNo' | 'terminalId'>

/**
 * The msgid sequence of this counter's settings: its assigned terminal number, or the terminal id's
 * digits while none is assigned (training, an upgraded install; see terminalNoInUse). Given the settings
 * as a getter, the number is read at each msgid, so a number changed since (pairing) is the one used.
 */
export function msgidSequenceFor(db: Db, clock: Clock, s: NumberSettings | (() => NumberSettings)): MsgidSequence {
  const now = typeof s === 'function' ? s : () => s
  return new MsgidSequence(db, clock, now().fixmedinsCode, () => terminalNoInUse(now()).no)
}
