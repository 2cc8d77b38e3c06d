import { seededRandom } from '../../electron/sandbox/random'
import type { JournalStep } from '../../electron/core/journal/hooks'

/**
 * Everything a chaos run decides by dice, derived from one printed seed: what each counter does at each
 * step, where a counter is killed from inside (a named journal step) and where the answer's disk write
 * fails. The same seed gives the same plan; faults that land by the clock (a timed kill, an outage) are
 * drawn from the same seed but hit whatever is running at that moment.
 */

/** The sandbox's own mulberry32: the same numbers on every machine. */
export const dice = seededRandom

/** A number for a named draw of a run: one stream per (seed, purpose, counter, step). */
export function streamSeed(seed: number, ...parts: (string | number)[]): number {
  let h = 2166136261 ^ seed
  for (const ch of parts.join('/')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return h >>> 0
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}

/** What one step of a counter does. A sale kind completes a new sale; the others act on an earlier one. */
export type OpKind = 'insured' | 'clinic' | 'cash' | 'refund' | 'partial'
export const SALE_KINDS: ReadonlySet<OpKind> = new Set(['insured', 'clinic', 'cash'])

const MIX: [OpKind, number][] = [
  ['insured', 0.42],
  ['clinic', 0.14],
  ['cash', 0.2],
  ['refund', 0.13],
  ['partial', 0.11],
]

export const NAMED_STEPS: JournalStep[] = ['before-intent', 'after-intent', 'after-send', 'after-answer', 'after-store']

export interface OpPlan {
  op: number
  kind: OpKind
  /** Killed from inside at this journal step, the first time the step is reached during this op. */
  killAt: JournalStep | null
  /** The transaction recording the platform's answer fails once during this op. */
  failAnswerWrite: boolean
}

export interface PlanRates {
  /** Share of ops killed at a named journal step. */
  namedKill: number
  /** Share of ops whose answer write fails once. */
  failWrite: number
}

export const DEFAULT_RATES: PlanRates = { namedKill: 0.03, failWrite: 0.02 }

export function opPlan(seed: number, terminalNo: number, op: number, rates: PlanRates = DEFAULT_RATES): OpPlan {
  const r = dice(streamSeed(seed, 'op', terminalNo, op))
  let roll = r()
  let kind: OpKind = 'insured'
  for (const [k, share] of MIX) {
    if (roll < share) {
      kind = k
      break
    }
    roll -= share
  }
  const killAt = r() < rates.namedKill ? pick(r, NAMED_STEPS) : null
  const failAnswerWrite = r() < rates.failWrite
  return { op, kind, killAt, failAnswerWrite }
}

/** The ops a counter runs to complete `sales` new sales (refunds and returns come on top). */
export function opsForSales(seed: number, terminalNo: number, fromOp: number, sales: number, rates?: PlanRates): number {
  let op = fromOp
  let n = 0
  while (n < sales) {
    if (SALE_KINDS.has(opPlan(seed, terminalNo, op, rates).kind)) n++
    op++
  }
  return op
}
