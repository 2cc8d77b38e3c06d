import { PosError } from '../../../shared/contract'
import type { ClinicMedType, Diagnosis } from '../../../shared/contract/clinic/schemas'
import type { QuotaViewSchema } from '../../../shared/contract/sale/schemas'
import type { Db } from '../../base/store/database'
import type { z } from 'zod'

export type RegState = 'registering' | 'registered' | 'diagnosed' | 'cancelling' | 'cancelled' | 'failed'
export type LineState = 'pending' | 'uploading' | 'uploaded' | 'cancelling' | 'cancelled'

export interface VisitRow {
  sale_id: string
  reg_state: RegState
  ipt_otp_no: string
  chrg_bchno: string
  med_type_requested: ClinicMedType
  dept_code: string
  dept_name: string
  caty: string
  doctor_code: string
  doctor_name: string
  diagnoses: string
  quotas: string
  certifications: string
  account_balance: string
  error: string | null
  created_at: string
  updated_at: string
}

export interface FeeLineRow {
  sale_id: string
  seq: number
  feedetl_sn: string
  source: 'price_list' | 'catalog'
  code: string
  national_code: string
  name: string
  spec: string
  unit: string
  qty: string
  price: string
  amount_fen: number
  class: 'A' | 'B' | 'C' | 'self'
  state: LineState
  cut: string | null
}

export type QuotaView = z.infer<typeof QuotaViewSchema>

/** The visit's own side in SQLite (clinic_visits, clinic_fee_lines); amounts and settlement stay in the journal. */
export class VisitStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  get(saleId: string): VisitRow {
    const row = this.db.prepare('SELECT * FROM clinic_visits WHERE sale_id = ?').get(saleId) as VisitRow | undefined
    if (!row) throw new PosError('VISIT_NOT_FOUND', { visit: saleId.slice(0, 8) })
    return row
  }

  insert(v: Omit<VisitRow, 'created_at' | 'updated_at' | 'error' | 'diagnoses'>): void {
    const at = this.now().toISOString()
    this.db
      .prepare(
        `INSERT INTO clinic_visits (sale_id, reg_state, ipt_otp_no, chrg_bchno, med_type_requested, dept_code, dept_name, caty, doctor_code, doctor_name,
           quotas, certifications, account_balance, created_at, updated_at)
         VALUES (@sale_id, @reg_state, @ipt_otp_no, @chrg_bchno, @med_type_requested, @dept_code, @dept_name, @caty, @doctor_code, @doctor_name,
           @quotas, @certifications, @account_balance, @at, @at)`,
      )
      .run({ ...v, at })
  }

  update(saleId: string, patch: Partial<Pick<VisitRow, 'reg_state' | 'error' | 'diagnoses' | 'med_type_requested'>>): void {
    const keys = Object.keys(patch) as (keyof typeof patch)[]
    const sets = [...keys.map((k) => `${k} = @${k}`), 'updated_at = @at']
    this.db.prepare(`UPDATE clinic_visits SET ${sets.join(', ')} WHERE sale_id = @id`).run({ ...patch, at: this.now().toISOString(), id: saleId })
  }

  setDiagnoses(saleId: string, diagnoses: Diagnosis[], medType: ClinicMedType): void {
    this.update(saleId, { reg_state: 'diagnosed', diagnoses: JSON.stringify(diagnoses), med_type_requested: medType, error: null })
  }

  lines(saleId: string, opts: { live?: boolean } = {}): FeeLineRow[] {
    const where = opts.live ? "AND state != 'cancelled'" : ''
    return this.db.prepare(`SELECT * FROM clinic_fee_lines WHERE sale_id = ? ${where} ORDER BY seq`).all(saleId) as FeeLineRow[]
  }

  nextSeq(saleId: string): number {
    const row = this.db.prepare('SELECT MAX(seq) AS m FROM clinic_fee_lines WHERE sale_id = ?').get(saleId) as { m: number | null }
    return (row.m ?? 0) + 1
  }

  insertLine(l: Omit<FeeLineRow, 'state' | 'cut'>): void {
    this.db
      .prepare(
        `INSERT INTO clinic_fee_lines (sale_id, seq, feedetl_sn, source, code, national_code, name, spec, unit, qty, price, amount_fen, class, state)
         VALUES (@sale_id, @seq, @feedetl_sn, @source, @code, @national_code, @name, @spec, @unit, @qty, @price, @amount_fen, @class, 'pending')`,
      )
      .run(l)
  }

  setLineState(saleId: string, feedetlSns: string[], state: LineState, cut?: (sn: string) => unknown): void {
    const upd = this.db.prepare('UPDATE clinic_fee_lines SET state = ?, cut = COALESCE(?, cut) WHERE sale_id = ? AND feedetl_sn = ?')
    for (const sn of feedetlSns) {
      const c = cut?.(sn)
      upd.run(state, c === undefined ? null : JSON.stringify(c), saleId, sn)
    }
  }

  setLineClass(saleId: string, feedetlSn: string, cls: FeeLineRow['class']): void {
    this.db.prepare('UPDATE clinic_fee_lines SET class = ? WHERE sale_id = ? AND feedetl_sn = ?').run(cls, saleId, feedetlSn)
  }

  /** Lines of a state (for a whole-batch cancel, "0000"). */
  snsIn(saleId: string, states: LineState[]): string[] {
    return this.lines(saleId)
      .filter((l) => states.includes(l.state))
      .map((l) => l.feedetl_sn)
  }

  ofDay(from: string, to: string, limit: number): VisitRow[] {
    return this.db
      .prepare('SELECT * FROM clinic_visits WHERE created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT ?')
      .all(from, to, limit) as VisitRow[]
  }

  inState(states: RegState[]): VisitRow[] {
    return this.db.prepare(`SELECT * FROM clinic_visits WHERE reg_state IN (${states.map(() => '?').join(', ')})`).all(...states) as VisitRow[]
  }
}
