import { PosError } from '../../../shared/contract'
import { fromFen, toFen, yuan } from '../../../shared/money/money'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import { readLimits, writeLimits } from './offline-store'

export type OfflineMode = 'deposit' | 'advance'

export interface OfflineLimits {
  mode: OfflineMode
  /** Most the store advances on one sale (advance mode). */
  perSaleFen: number
  /** Most the store has advanced and not yet got back, all offline sales together. */
  outstandingFen: number
  /** Oldest an unforwarded offline sale may be before advance-mode sales stop. */
  maxAgeHours: number
}

/** Domain rule 5: deposit by default; advance only when a manager opts in, within 200 / 5,000 yuan / 24 h. */
export const DEFAULT_LIMITS: OfflineLimits = { mode: 'deposit', perSaleFen: 20_000, outstandingFen: 500_000, maxAgeHours: 24 }

export class OfflineSettings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  get(): OfflineLimits {
    const row = readLimits(this.db)
    return row ? { mode: row.mode, perSaleFen: row.per_sale_fen, outstandingFen: row.outstanding_fen, maxAgeHours: row.max_age_hours } : { ...DEFAULT_LIMITS }
  }

  set(input: { mode: OfflineMode; perSale: string; outstanding: string; maxAgeHours: number }, actor: string): OfflineLimits {
    const perSaleFen = toFen(yuan(input.perSale))
    const outstandingFen = toFen(yuan(input.outstanding))
    if (perSaleFen > outstandingFen) throw new PosError('OFFLINE_LIMITS_INVALID')
    const before = this.get()
    this.db.transaction(() => {
      writeLimits(
        this.db,
        { mode: input.mode, per_sale_fen: perSaleFen, outstanding_fen: outstandingFen, max_age_hours: input.maxAgeHours },
        this.clock.now().toISOString(),
        actor,
      )
      this.audit.append({
        actor,
        action: 'offline.settings',
        subject: 'offline',
        detail: {
          from: before.mode,
          mode: input.mode,
          perSale: fromFen(perSaleFen).toFixed(2),
          outstanding: fromFen(outstandingFen).toFixed(2),
          maxAgeHours: input.maxAgeHours,
        },
      })
    })()
    return this.get()
  }
}
