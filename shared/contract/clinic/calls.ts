import { z } from 'zod'
import { defineCall, FRONT_DESK, MANAGER, NoInput, type CallDef } from '../define'
import type { CLINIC_CALLS } from './names'
import { CREDENTIAL_ERRORS, IdentifyInputSchema } from '../sale/schemas'
import {
  AddFeeInputSchema,
  ApprovalSchema,
  ClinicItemSchema,
  ClinicStatusSchema,
  ClinicSetupSchema,
  DiagnosisSchema,
  MemberViewSchema,
  PaymentInputSchema,
  PresettleVisitInputSchema,
  PriceItemSchema,
  SetDiagnosisInputSchema,
  StartVisitInputSchema,
  VisitSummarySchema,
  VisitViewSchema,
} from './schemas'

const VisitId = z.object({ visitId: z.string().min(1) }).strict()
const PLATFORM_ERRORS = [
  'PLATFORM_REFUSED',
  'PLATFORM_UNREACHABLE',
  'PLATFORM_NO_ANSWER',
  'PLATFORM_BAD_ANSWER',
  'PLATFORM_NOT_CONFIGURED',
  'VISIT_MESSAGE_UNRESOLVED',
] as const
const STATE_ERRORS = ['VISIT_NOT_FOUND', 'VISIT_WRONG_STAGE', 'RECOVERY_IN_PROGRESS'] as const

export const clinicCalls = {
  clinicSetup: defineCall({
    summary: "The clinic's departments, doctors and outpatient kinds (med_type 11, 13, 14) for the registration form.",
    access: FRONT_DESK,
    input: NoInput,
    output: ClinicSetupSchema,
    errors: [],
  }),
  clinicTrainingPatients: defineCall({
    summary: 'Training mode only: the demo patients with a fresh practice QR code each, to scan or type at the front desk.',
    access: FRONT_DESK,
    input: NoInput,
    output: z.array(z.object({ key: z.string(), nameMasked: z.string(), story: z.string(), qrCode: z.string() })),
    errors: ['NOT_TRAINING'],
  }),
  clinicIdentify: defineCall({
    summary:
      "Decodes the patient's medical-insurance QR code (or takes an ID card number) and reads their insurance and relatives' quotas (1101) and their chronic-disease certifications in force (5301). Answers a masked view and a reference.",
    access: FRONT_DESK,
    input: IdentifyInputSchema,
    output: MemberViewSchema,
    errors: ['MEMBER_NOT_INSURED', 'QR_INVALID', ...CREDENTIAL_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicStartVisit: defineCall({
    summary:
      'Registers an outpatient visit (2201, journaled: intent first, a lost answer asked again under the same msgid) with department, doctor and med_type. A chronic-disease visit (14) needs a certification.',
    access: FRONT_DESK,
    input: StartVisitInputSchema,
    output: VisitViewSchema,
    errors: ['MEMBER_EXPIRED', 'NO_CERTIFICATION', 'UNKNOWN_DEPARTMENT', 'UNKNOWN_DOCTOR', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicSearchDiagnoses: defineCall({
    summary: 'Searches the shipped ICD-10 outpatient diagnoses by code, Chinese name or pinyin initials (gxy -> 高血压).',
    access: FRONT_DESK,
    input: z.object({ query: z.string().max(50), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(DiagnosisSchema),
    errors: [],
  }),
  clinicSetDiagnosis: defineCall({
    summary: "Records the visit's diagnoses and med_type on the platform (2203, journaled). med_type 14 needs one diagnosis the patient is certified for.",
    access: FRONT_DESK,
    input: SetDiagnosisInputSchema,
    output: VisitViewSchema,
    errors: ['UNKNOWN_DIAGNOSIS', 'NO_CERTIFICATION', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicSearchItems: defineCall({
    summary: "Searches the clinic's price list (services, examinations) and the catalog (drugs, consumables) by code, name or pinyin initials.",
    access: FRONT_DESK,
    input: z.object({ query: z.string().max(50), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(ClinicItemSchema),
    errors: [],
  }),
  clinicAddFee: defineCall({
    summary:
      'Adds a fee line to a diagnosed visit; the price comes from the price list or catalog, never from the screen. The line waits on this PC until uploaded.',
    access: FRONT_DESK,
    input: AddFeeInputSchema,
    output: VisitViewSchema,
    errors: ['ITEM_NOT_FOUND', 'LINE_NOT_INSURABLE', ...STATE_ERRORS],
  }),
  clinicRemoveFee: defineCall({
    summary: 'Removes a fee line: a pending one at once, an uploaded one by cancelling it on the platform (2205, journaled).',
    access: FRONT_DESK,
    input: z.object({ visitId: z.string().min(1), seq: z.number().int().positive() }).strict(),
    output: VisitViewSchema,
    errors: ['FEE_LINE_NOT_FOUND', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicUploadFees: defineCall({
    summary: "Uploads the visit's pending fee lines (2204, journaled) and keeps the platform's per-line answer (class, self-pay share).",
    access: FRONT_DESK,
    input: VisitId,
    output: VisitViewSchema,
    errors: ['NOTHING_TO_UPLOAD', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicPresettle: defineCall({
    summary: "Pre-settles the visit (2206; uploads pending lines first): funds, own account, a relative's quota and cash, before anything is charged.",
    access: FRONT_DESK,
    input: PresettleVisitInputSchema,
    output: VisitViewSchema,
    errors: ['NO_FEES', 'QUOTA_NOT_AVAILABLE', 'SALE_WRONG_STATE', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicSettle: defineCall({
    summary: 'Settles the visit exactly once (2207; intent on disk first, a lost answer reversed with 2601), records the payment and queues the receipt.',
    access: FRONT_DESK,
    input: z.object({ visitId: z.string().min(1), payment: PaymentInputSchema }).strict(),
    output: VisitViewSchema,
    errors: ['SALE_WRONG_STATE', 'TENDERED_TOO_LITTLE', 'SETTLEMENT_REVERSED', 'SETTLEMENT_UNRESOLVED', ...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicRefund: defineCall({
    summary:
      "Refunds a settled visit with a manager's PIN: 2208 restores funds, own account and the relative's quota; then the fee lines (2205) and the registration (2202) are cancelled.",
    access: FRONT_DESK,
    input: z.object({ visitId: z.string().min(1), approval: ApprovalSchema, reason: z.string().trim().min(1, '请填写退费原因').max(100) }).strict(),
    output: VisitViewSchema,
    errors: [
      'APPROVAL_NOT_MANAGER',
      'LOGIN_FAILED',
      'USER_LOCKED',
      'SALE_WRONG_STATE',
      'REFUND_REVERSED',
      'REFUND_UNRESOLVED',
      ...STATE_ERRORS,
      ...PLATFORM_ERRORS,
    ],
  }),
  clinicCancelVisit: defineCall({
    summary: 'Abandons a visit nothing was charged for: uploaded fee lines (2205) and the registration (2202) are cancelled on the platform.',
    access: FRONT_DESK,
    input: z.object({ visitId: z.string().min(1), reason: z.string().trim().min(1, '请填写取消原因').max(100) }).strict(),
    output: VisitViewSchema,
    errors: [...STATE_ERRORS, ...PLATFORM_ERRORS],
  }),
  clinicGetVisit: defineCall({
    summary: 'One visit with its registration, diagnoses, fee lines, split, payment and receipt job.',
    access: FRONT_DESK,
    input: VisitId,
    output: VisitViewSchema,
    errors: ['VISIT_NOT_FOUND'],
  }),
  clinicListVisits: defineCall({
    summary: 'The visits of a day (China time), newest first, each with its stage; open ones can be resumed.',
    access: FRONT_DESK,
    input: z
      .object({
        day: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.array(VisitSummarySchema),
    errors: [],
  }),
  clinicPriceList: defineCall({
    summary: "The clinic's price list of services and examinations.",
    access: FRONT_DESK,
    input: NoInput,
    output: z.array(PriceItemSchema),
    errors: [],
  }),
  clinicImportPriceList: defineCall({
    summary:
      'Replaces the price list from CSV text (header code,national_code,name,category,unit,price). A bad line names its number and reason and changes nothing.',
    access: MANAGER,
    input: z.object({ csv: z.string().min(1).max(1_000_000) }).strict(),
    output: z.object({ imported: z.number().int() }),
    errors: ['PRICE_LIST_INVALID'],
  }),
  clinicStatus: defineCall({
    summary: "The front desk's start-up recovery and the platform it talks to: whether settling must wait, how many visit messages are still being resolved.",
    access: FRONT_DESK,
    input: NoInput,
    output: ClinicStatusSchema,
    errors: [],
  }),
} satisfies Record<(typeof CLINIC_CALLS)[number], CallDef>
