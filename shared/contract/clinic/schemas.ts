import { z } from 'zod'
import { VISIT_STAGES } from './stage-words'
import { QtySchema } from '../../sale/schemas'
import { ApprovalSchema, MemberViewSchema, PaymentInputSchema, QuotaViewSchema, SaleStateSchema, SplitSchema } from '../sale/schemas'

const Yuan = z.string().regex(/^-?\d+\.\d{2}$/)

/** The clinic's outpatient kinds: general (11), emergency (13), chronic/special disease (14, needs a certification). */
export const ClinicMedTypeSchema = z.enum(['11', '13', '14'])
export type ClinicMedType = z.infer<typeof ClinicMedTypeSchema>

export const DepartmentSchema = z.object({ code: z.string(), name: z.string(), caty: z.string() })
export const DoctorSchema = z.object({ code: z.string(), name: z.string(), deptCode: z.string(), title: z.string() })

export const ClinicSetupSchema = z.object({
  departments: z.array(DepartmentSchema),
  doctors: z.array(DoctorSchema),
  medTypes: z.array(z.object({ code: ClinicMedTypeSchema, name: z.string() })),
  training: z.boolean(),
})

export const DiagnosisSchema = z.object({
  code: z.string().trim().min(3, '请选择诊断（ICD-10 编码）').max(20),
  name: z.string().trim().min(1).max(100),
})
export type Diagnosis = z.infer<typeof DiagnosisSchema>

/** A line the receptionist can add: a service or examination of the clinic's price list, or a catalog item. */
export const ClinicItemSchema = z.object({
  source: z.enum(['price_list', 'catalog']),
  code: z.string(),
  nationalCode: z.string().nullable(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  price: Yuan,
  category: z.string(),
  /** 甲/乙/丙 from the national catalog, when the item has an entry there. */
  classLabel: z.string().nullable(),
})
export type ClinicItem = z.infer<typeof ClinicItemSchema>

/**
 * Where the visit stands, from the front desk's side: registration, diagnosis, fees, settlement.
 * Unfinished stages are what a resumed visit continues from.
 */
export const VisitStageSchema = z.enum(VISIT_STAGES)
export type VisitStage = z.infer<typeof VisitStageSchema>

export const FeeLineViewSchema = z.object({
  seq: z.number().int(),
  feedetlSn: z.string(),
  source: z.enum(['price_list', 'catalog']),
  code: z.string(),
  nationalCode: z.string(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  qty: z.string(),
  price: Yuan,
  amount: Yuan,
  class: z.enum(['A', 'B', 'C', 'self']),
  /** pending: on this PC only; uploaded: the platform holds it (2204); cancelled lines are not shown. */
  state: z.enum(['pending', 'uploading', 'uploaded', 'cancelling']),
  /** The platform's answer to the upload (2204): its class and the person's share of this line. */
  platform: z
    .object({
      chrgitmLv: z.string(),
      selfpayProp: z.string(),
      fullOwnPay: Yuan,
      overLimit: Yuan,
      preSelfPay: Yuan,
      inScope: Yuan,
      priceCap: Yuan.nullable(),
    })
    .nullable(),
})

export const VisitViewSchema = z.object({
  id: z.string(),
  stage: VisitStageSchema,
  saleState: SaleStateSchema,
  training: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  receptionist: z.string(),
  patient: z.object({
    nameMasked: z.string(),
    insutype: z.string(),
    psnType: z.string(),
    accountBalance: Yuan,
    certifications: z.array(z.object({ code: z.string(), name: z.string() })),
    quotas: z.array(QuotaViewSchema),
  }),
  medType: ClinicMedTypeSchema,
  medTypeName: z.string(),
  department: z.object({ code: z.string(), name: z.string() }),
  doctor: z.object({ code: z.string(), name: z.string() }),
  /** 门诊号 and the platform's visit id (mdtrt_id), null until the registration is answered. */
  iptOtpNo: z.string(),
  mdtrtId: z.string().nullable(),
  diagnoses: z.array(DiagnosisSchema),
  lines: z.array(FeeLineViewSchema),
  total: Yuan,
  acctUsed: z.boolean(),
  mulaidId: z.string().nullable(),
  /** Pre-settled: the platform's 2206 answer; settled: the 2207 answer. */
  split: SplitSchema.nullable(),
  settlementId: z.string().nullable(),
  payment: z.object({ method: z.enum(['cash', 'mobile', 'none']).nullable(), cashDue: Yuan, tendered: Yuan.nullable(), change: Yuan.nullable() }).nullable(),
  receiptJobId: z.number().int().nullable(),
  /** Messages still waiting for the platform's answer (resent in the background under the same msgid). */
  unresolved: z.number().int().nonnegative(),
  error: z.string().nullable(),
})
export type VisitView = z.infer<typeof VisitViewSchema>

export const VisitSummarySchema = z.object({
  id: z.string(),
  stage: VisitStageSchema,
  createdAt: z.string(),
  nameMasked: z.string(),
  medTypeName: z.string(),
  department: z.string(),
  doctor: z.string(),
  total: Yuan,
  cashDue: Yuan.nullable(),
  training: z.boolean(),
  /** Whether the receptionist can pick it up and continue (not settled, refunded or cancelled). */
  open: z.boolean(),
})

export const StartVisitInputSchema = z
  .object({
    memberRef: z.string().min(1),
    medType: ClinicMedTypeSchema,
    deptCode: z.string().min(1),
    doctorCode: z.string().min(1),
  })
  .strict()

export const SetDiagnosisInputSchema = z
  .object({
    visitId: z.string().min(1),
    medType: ClinicMedTypeSchema,
    diagnoses: z.array(DiagnosisSchema).min(1, '请至少选择一个诊断').max(5, '最多 5 个诊断'),
  })
  .strict()

export const AddFeeInputSchema = z
  .object({ visitId: z.string().min(1), source: z.enum(['price_list', 'catalog']), code: z.string().min(1).max(50), qty: QtySchema })
  .strict()

export const PresettleVisitInputSchema = z.object({ visitId: z.string().min(1), acctUsed: z.boolean(), mulaidId: z.string().max(40).nullable() }).strict()

export const PriceItemSchema = z.object({
  code: z.string(),
  nationalCode: z.string(),
  name: z.string(),
  category: z.enum(['consult', 'exam', 'lab', 'treatment', 'material']),
  unit: z.string(),
  price: Yuan,
})

export const ClinicStatusSchema = z.object({
  recovering: z.boolean(),
  /** Clinic messages still between intent and answer (resent or reversed in the background). */
  unresolved: z.number().int().nonnegative(),
  platform: z.object({ training: z.boolean(), url: z.string(), error: z.string().nullable() }),
})

export { ApprovalSchema, MemberViewSchema, PaymentInputSchema }
