import type { PrescriptionView } from '../../../shared/contract/sale/schemas'
import type { Db, Migration } from '../../base/store/database'
import type { SaleRow } from '../ledger'

/**
 * What a real counter's 处方登记 records beyond the Rx number, the external flag and the pharmacist (which
 * the sale's own row keeps, since the platform's messages carry them): the prescribing doctor, the hospital,
 * the diagnosis, and the pharmacist's staff id when they were named by it. A table of its own, so the sales
 * table and the journal's SQL stay as they are. Numbered 300 (the counter's range for this round).
 */
export const prescriptionDetailsMigration: Migration = {
  id: 300,
  name: 'sale prescription details',
  sql: `
CREATE TABLE sale_prescriptions (
  sale_id          TEXT PRIMARY KEY REFERENCES sales (id),
  doctor           TEXT NOT NULL,
  hospital         TEXT NOT NULL,
  diagnosis        TEXT NOT NULL,
  pharmacist_user  TEXT
) STRICT;
`,
}

export interface PrescriptionDetails {
  doctor: string
  hospital: string
  diagnosis: string
  pharmacistUserId: string | null
}

interface Row {
  doctor: string
  hospital: string
  diagnosis: string
  pharmacist_user: string | null
}

export class PrescriptionStore {
  constructor(private readonly db: Db) {}

  /**
   * The pharmacist may be typed as a staff id: the sale then records the user's name (what the paper
   * prints) and keeps the id. Anything else is a name as written. The practice users count only in training.
   */
  pharmacist(typed: string, training: boolean): { name: string; userId: string | null } {
    const user = this.db.prepare('SELECT id, name FROM users WHERE id = ? AND active = 1 AND training <= ?').get(typed, training ? 1 : 0) as
      { id: string; name: string } | undefined
    return user ? { name: user.name, userId: user.id } : { name: typed, userId: null }
  }

  save(saleId: string, details: PrescriptionDetails): void {
    this.db
      .prepare('INSERT INTO sale_prescriptions (sale_id, doctor, hospital, diagnosis, pharmacist_user) VALUES (?, ?, ?, ?, ?)')
      .run(saleId, details.doctor, details.hospital, details.diagnosis, details.pharmacistUserId)
  }

  /** The sale's prescription as registered; null for a sale without one. */
  of(sale: SaleRow): PrescriptionView | null {
    if (!sale.pharmacist) return null
    const row = this.db.prepare('SELECT doctor, hospital, diagnosis, pharmacist_user FROM sale_prescriptions WHERE sale_id = ?').get(sale.id) as Row | undefined
    return {
      rxno: sale.rxno,
      external: sale.rx_external === 1,
      pharmacist: sale.pharmacist,
      pharmacistUserId: row?.pharmacist_user ?? null,
      doctor: row?.doctor ?? '',
      hospital: row?.hospital ?? '',
      diagnosis: row?.diagnosis ?? '',
    }
  }
}
