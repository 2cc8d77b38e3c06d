import { createHash } from 'node:crypto'
import { StoreSideTotals } from '../../../shared/recon/store-side'

export type { GroupTotals, StoreDetailRow } from '../../../shared/recon/store-side'

/**
 * What this counter says it did with the platform on a day (shared/recon/store-side.ts), with the
 * fingerprint a day close checks the reconciliation against.
 */
export class StoreSide extends StoreSideTotals {
  fingerprint(): string {
    const h = createHash('sha256')
    for (const part of this.fingerprintParts()) h.update(part)
    return h.digest('hex')
  }
}
