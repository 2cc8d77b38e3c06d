import type { VisitStage, VisitView } from '../../../shared/contract/clinic/schemas'
import { MED_TYPES } from '../../../shared/nhsa/codes'
import { yuan } from '../../../shared/money/money'
import type { SaleRow } from '../ledger'
import { answeredSetlinfo, cutAmounts, fenYuan as fen, paymentOf, shownLine, splitOf, type LineCut } from '../journal'
import type { FeeLineRow, VisitRow } from './visit-store'

/** The fee upload's answer (2204) for one line, with the charge class the platform gives the item. */
type Cut = LineCut & { chrgitm_lv: string }

/** Where a visit stands: the money's state (journal) first, then the registration's. */
export function stageOf(sale: SaleRow, visit: VisitRow): VisitStage {
  switch (sale.state) {
    case 'settling':
    case 'reversing':
    case 'settled':
    case 'refunding':
    case 'refunded':
      return sale.state
    case 'voided':
      return visit.reg_state === 'failed' ? 'failed' : 'cancelled'
    default:
      break
  }
  if (visit.reg_state === 'diagnosed') return sale.state === 'presettled' ? 'presettled' : 'diagnosed'
  return visit.reg_state
}

/** A visit can be picked up again until its money is settled or it is given up. */
export function isOpenStage(stage: VisitStage): boolean {
  return ['registering', 'registered', 'diagnosed', 'presettled', 'settling', 'reversing', 'cancelling'].includes(stage)
}

export function visitView(sale: SaleRow, visit: VisitRow, lines: FeeLineRow[], receiptJobId: number | null, unresolved: number): VisitView {
  const answer = answeredSetlinfo(sale)
  const live = lines.filter((l) => l.state !== 'cancelled')
  return {
    id: sale.id,
    stage: stageOf(sale, visit),
    saleState: sale.state,
    training: sale.training === 1,
    createdAt: sale.created_at,
    updatedAt: sale.updated_at > visit.updated_at ? sale.updated_at : visit.updated_at,
    receptionist: sale.cashier,
    patient: {
      nameMasked: sale.name_masked ?? '',
      insutype: sale.insutype ?? '',
      psnType: sale.psn_type ?? '',
      accountBalance: visit.account_balance,
      certifications: JSON.parse(visit.certifications) as { code: string; name: string }[],
      quotas: JSON.parse(visit.quotas) as VisitView['patient']['quotas'],
    },
    medType: visit.med_type_requested,
    medTypeName: MED_TYPES[visit.med_type_requested],
    department: { code: visit.dept_code, name: visit.dept_name },
    doctor: { code: visit.doctor_code, name: visit.doctor_name },
    iptOtpNo: visit.ipt_otp_no,
    mdtrtId: sale.mdtrt_id,
    diagnoses: JSON.parse(visit.diagnoses) as VisitView['diagnoses'],
    lines: live.map((l) => {
      const cut = l.cut ? (JSON.parse(l.cut) as Cut) : null
      return {
        seq: l.seq,
        feedetlSn: l.feedetl_sn,
        source: l.source,
        code: l.code,
        nationalCode: l.national_code,
        ...shownLine(l),
        class: l.class,
        state: l.state as 'pending' | 'uploading' | 'uploaded' | 'cancelling',
        platform: cut ? { chrgitmLv: cut.chrgitm_lv, selfpayProp: yuan(String(cut.selfpay_prop)).toFixed(2), ...cutAmounts(cut) } : null,
      }
    }),
    total: fen(live.reduce((n, l) => n + l.amount_fen, 0)),
    acctUsed: sale.acct_used === 1,
    mulaidId: sale.mulaid_id,
    split: answer ? splitOf(answer, 0) : null,
    settlementId: sale.setl_id,
    payment: paymentOf(sale),
    receiptJobId,
    unresolved,
    error: visit.error,
  }
}
