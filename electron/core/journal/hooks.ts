/**
 * Named points in the life of a settlement. Production passes no hooks; the crash tests pass one that
 * kills the process at a chosen point, to prove recovery from each.
 */
export type JournalStep = 'before-intent' | 'after-intent' | 'after-send' | 'after-answer' | 'after-store'

export interface JournalHooks {
  at(step: JournalStep, saleId: string): void | Promise<void>
}
