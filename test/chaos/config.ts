import { join } from 'node:path'

/** One of the people the run creates on the sandbox, as a counter serves them. */
export interface ChaosPerson {
  key: string
  psnNo: string
  /** The relative's quota this person pays with, when there is one. */
  mulaidId: string | null
  relation: string | null
  acctUsed: boolean
}

/** Whose money a sale can touch: beneficiaries' quotas and payers' own accounts. */
export interface Quota {
  mulaidId: string
  payerPsnNo: string
  beneficiaryPsnNo: string
}

/** What every process of a run reads from `run.json` in the run directory. */
export interface RunConfig {
  seed: number
  url: string
  printerPort: number
  /** The counters' platform timeout: answers slower than this are lost answers. */
  timeoutMs: number
  people: ChaosPerson[]
  quotas: Quota[]
  namedKillRate: number
  failWriteRate: number
}

/** Terminal ids T01, T02, …: their digits are the msgid terminal numbers 01, 02, … (distinct by construction). */
export function terminalId(no: number): string {
  return `T${String(no).padStart(2, '0')}`
}

export function counterDir(runDir: string, no: number): string {
  return join(runDir, `counter-${terminalId(no)}`)
}

/** A process's stdout line: JSON, one event. */
export type CounterEvent =
  | { start: number; kind: string; attempt: number }
  | { done: number; kind: string; result: string }
  | { failed: number; kind: string; code: string }
  | { recovered: { ms: number; reversed: number; resent: number } }
  | { fault: 'named-kill'; op: number; step: string }
  | { fault: 'write-failed'; op: number }
