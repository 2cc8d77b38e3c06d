import { z } from 'zod'
import { seededRandom } from './random'

export const faultConfigSchema = z.object({
  latency_ms: z.number().int().min(0).max(60_000).default(0),
  /** Share of requests refused before anything is committed. */
  error_rate: z.number().min(0).max(1).default(0),
  /** Share of requests committed whose answer is then lost: the socket closes with no response. */
  drop_after_commit_rate: z.number().min(0).max(1).default(0),
  /** The whole national interface (and the decode service) refuses connections. */
  down: z.boolean().default(false),
  /** Only these transactions are affected; all when absent. */
  infnos: z.array(z.string().regex(/^\d{4}$/)).optional(),
  /** Seeds the dice, so a test sees the same faults every run. */
  seed: z.number().int().optional(),
})
export type FaultConfig = z.output<typeof faultConfigSchema>

export class Faults {
  private config: FaultConfig = faultConfigSchema.parse({})
  private random = seededRandom(Date.now())

  set(config: FaultConfig): void {
    this.config = config
    this.random = seededRandom(config.seed ?? Date.now())
  }

  get(): FaultConfig {
    return this.config
  }

  private applies(infno: string | undefined): boolean {
    return !this.config.infnos || (infno !== undefined && this.config.infnos.includes(infno))
  }

  isDown(): boolean {
    return this.config.down
  }

  latencyFor(infno: string): number {
    return this.applies(infno) ? this.config.latency_ms : 0
  }

  refuseBeforeCommit(infno: string): boolean {
    return this.applies(infno) && this.config.error_rate > 0 && this.random() < this.config.error_rate
  }

  dropAfterCommit(infno: string): boolean {
    return this.applies(infno) && this.config.drop_after_commit_rate > 0 && this.random() < this.config.drop_after_commit_rate
  }
}
