import { join } from 'node:path'
import { z } from 'zod'

/** One of the people the run creates on the sandbox, as a counter serves them. */
const ChaosPersonSchema = z.object({
  key: z.string(),
  psnNo: z.string(),
  /** The relative's quota this person pays with, when there is one. */
  mulaidId: z.string().nullable(),
  relation: z.string().nullable(),
  acctUsed: z.boolean(),
})
export type ChaosPerson = z.infer<typeof ChaosPersonSchema>

/** Whose money a sale can touch: beneficiaries' quotas and payers' own accounts. */
const QuotaSchema = z.object({ mulaidId: z.string(), payerPsnNo: z.string(), beneficiaryPsnNo: z.string() })
export type Quota = z.infer<typeof QuotaSchema>

/** What every process of a run reads from `run.json` in the run directory. */
export const RunConfigSchema = z.object({
  seed: z.number().int(),
  url: z.url(),
  printerPort: z.number().int(),
  /** The counters' platform timeout: answers slower than this are lost answers. */
  timeoutMs: z.number().int().positive(),
  people: z.array(ChaosPersonSchema).min(1),
  quotas: z.array(QuotaSchema),
  namedKillRate: z.number().min(0).max(1),
  failWriteRate: z.number().min(0).max(1),
})
export type RunConfig = z.infer<typeof RunConfigSchema>

/** Terminal ids T01, T02, …: their digits are the msgid terminal numbers 01, 02, … (distinct by construction). */
export function terminalId(no: number): string {
  return `T${String(no).padStart(2, '0')}`
}

export function counterDir(runDir: string, no: number): string {
  return join(runDir, `counter-${terminalId(no)}`)
}

/** A counter process's stdout line: JSON, one event. */
export const CounterEventSchema = z.union([
  z.object({ start: z.number().int(), kind: z.string(), attempt: z.number().int() }),
  z.object({ done: z.number().int(), kind: z.string(), result: z.string() }),
  z.object({ failed: z.number().int(), kind: z.string(), code: z.string() }),
  z.object({ recovered: z.object({ ms: z.number(), reversed: z.number().int(), resent: z.number().int() }) }),
  z.object({ fault: z.literal('named-kill'), op: z.number().int(), step: z.string() }),
  z.object({ fault: z.literal('write-failed'), op: z.number().int() }),
])
export type CounterEvent = z.infer<typeof CounterEventSchema>
