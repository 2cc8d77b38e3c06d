/**
 * The reversals running on one database. A 2601 already under way for a message (the cashier's inline
 * attempt, the recovery loop, a manager resolving a difference) is awaited by whoever asks for it next,
 * never sent twice at once. The composition root builds one per core and hands it to every journal.
 */
export class ReversalsUnderWay {
  private readonly running = new Map<string, Promise<'reversed' | 'unresolved'>>()

  run(omsgid: string, reverse: () => Promise<'reversed' | 'unresolved'>): Promise<'reversed' | 'unresolved'> {
    const under = this.running.get(omsgid)
    if (under) return under
    const attempt = reverse().finally(() => this.running.delete(omsgid))
    this.running.set(omsgid, attempt)
    return attempt
  }
}
