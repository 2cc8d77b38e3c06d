import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { prepared } from '../../../base/store/statements'

/**
 * What the store records once for its uploads and every later upload reuses: the duty pharmacist and
 * their 执业资格证号, an item's 批准文号, the 人员证件类型 the region wants for a buyer who showed no
 * insurance. Entered by a manager (directly, or while completing a held upload); never guessed.
 */
export type FactScope = 'item' | 'pharmacist' | 'store'

/** The facts a manager may fill in, by where they live and what the upload field is. */
export const FACT_FIELDS = {
  item: { aprvno: '批准文号' },
  pharmacist: { phar_prac_cert_no: '药师执业资格证号' },
  store: { duty_pharmacist: '驻店药师姓名', anonymous_psn_cert_type: '未出示医保身份顾客的人员证件类型' },
} as const satisfies Record<FactScope, Record<string, string>>

export class UploadFacts {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  get(training: number, scope: FactScope, key: string, field: string): string | undefined {
    return (
      prepared(this.db, 'SELECT value FROM stock_upload_facts WHERE training = ? AND scope = ? AND key = ? AND field = ?').get(training, scope, key, field) as
        { value: string } | undefined
    )?.value
  }

  set(training: number, scope: FactScope, key: string, field: string, value: string, actor: string): void {
    prepared(
      this.db,
      `INSERT INTO stock_upload_facts (training, scope, key, field, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (training, scope, key, field) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(training, scope, key, field, value, this.clock.now().toISOString(), actor)
  }

  all(training: number): { scope: FactScope; key: string; field: string; value: string }[] {
    return prepared(this.db, 'SELECT scope, key, field, value FROM stock_upload_facts WHERE training = ? ORDER BY scope, key, field').all(training) as {
      scope: FactScope
      key: string
      field: string
      value: string
    }[]
  }
}
