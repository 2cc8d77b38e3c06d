import type { Db } from '../../base/store/database'

type ReversalOutcome = 'reversed' | 'unresolved' | 'not_open'

const perDatabase = new WeakMap<Db, ReversalsUnderWay>()

/**
 * The reversals running on one database, and the messages whose own sender is still at work on them.
 *
 * A 2601 already under way for a message (the cashier's inline attempt, the recovery loop, a manager
 * resolving a difference, a store command) is awaited by whoever asks for it next, never sent twice at once.
 *
 * A message is held by its sender from the moment its intent commits until its outcome is written
 * (answered, refused, or unknown and reversed inline). While held, nobody else may reverse it: an
 * `intent` may not have left yet, and a 2601 racing it would reverse nothing while the message still
 * commits, or undo a settlement whose answer is on its way. Only the sender decides it; once it lets go,
 * what is left open (`unknown`, or an `intent` whose sender died) is recovery's.
 *
 * One per database (`of`), so every journal on it shares it whoever built the journal; a journal given
 * none takes its database's.
 */
export class ReversalsUnderWay {
  private readonly running = new Map<string, Promise<ReversalOutcome>>()
  private readonly senders = new Map<string, Promise<void>>()
  /** How many times a reversal of each message was asked while one was already under way (and joined it). */
  private readonly joins = new Map<string, number>()

  static of(db: Db): ReversalsUnderWay {
    let r = perDatabase.get(db)
    if (!r) {
      r = new ReversalsUnderWay()
      perDatabase.set(db, r)
    }
    return r
  }

  run(omsgid: string, reverse: () => Promise<ReversalOutcome>): Promise<ReversalOutcome> {
    const under = this.running.get(omsgid)
    if (under) {
      this.joins.set(omsgid, (this.joins.get(omsgid) ?? 0) + 1)
      return under
    }
    const attempt = reverse().finally(() => this.running.delete(omsgid))
    this.running.set(omsgid, attempt)
    return attempt
  }

  /** How many askers joined a reversal of this message already under way instead of sending their own. */
  joinedOf(omsgid: string): number {
    return this.joins.get(omsgid) ?? 0
  }

  /**
   * Marks a message as its sender's until the returned function is called. Call it in the same turn as
   * the intent's commit (no await between), so no one can see the intent unheld.
   */
  hold(msgid: string): () => void {
    let release!: () => void
    this.senders.set(msgid, new Promise<void>((r) => (release = r)))
    return () => {
      this.senders.delete(msgid)
      release()
    }
  }

  /** Whether the message's sender is still at work on it. */
  held(msgid: string): boolean {
    return this.senders.has(msgid)
  }

  /** Resolves once the message's sender has let it go (at once when none holds it). */
  async released(msgid: string): Promise<void> {
    await this.senders.get(msgid)
  }
}
