import { z } from 'zod'

/**
 * The platform's stock uploads (进销存 3501–3507) as the manager sees them: what was held before sending
 * (a required field the store never recorded, a line without a lot), what the platform refused and why,
 * and what was sent. Field values cross as the wire has them (strings and numbers).
 */

export const UploadInfnoSchema = z.enum(['3501', '3502', '3503', '3504', '3505', '3506', '3507'])
export const IssueKindSchema = z.enum(['held', 'refused', 'collided'])

export const UploadIssueSchema = z.object({
  /** held: not sent yet, something required is missing; refused: the platform's answer said no; collided: its msgid was taken. */
  kind: IssueKindSchema,
  id: z.string(),
  infno: UploadInfnoSchema,
  storeCode: z.string(),
  saleId: z.string().nullable(),
  /** In the platform's or the store's words: what is wrong and what to do. */
  reason: z.string(),
  at: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
})
export type UploadIssue = z.infer<typeof UploadIssueSchema>

export const UploadRowSchema = z.object({
  msgid: z.string(),
  infno: UploadInfnoSchema,
  storeCode: z.string().nullable(),
  saleId: z.string().nullable(),
  bchno: z.string(),
  state: z.enum(['queued', 'sending', 'done', 'declined']),
  lastError: z.string().nullable(),
  createdAt: z.string(),
})

const FieldValueSchema = z.string().trim().max(500)
const NoteSchema = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200)

export const ResendInputSchema = z
  .object({
    kind: IssueKindSchema,
    id: z.string().min(1).max(80),
    /** Fields of the upload to set, by their wire names (manu_lotnum, aprvno ...). */
    fields: z.record(z.string().regex(/^[a-z_]{2,40}$/, '字段名不正确'), FieldValueSchema).default({}),
    /** For a line that took no lot: the lot its boxes really came from. */
    lotId: z.string().min(1).max(80).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict()

export const DismissInputSchema = z.object({ kind: IssueKindSchema, id: z.string().min(1).max(80), note: NoteSchema }).strict()
export const WithdrawInputSchema = z.object({ msgid: z.string().min(1).max(40), note: NoteSchema }).strict()

export const FactScopeSchema = z.enum(['item', 'pharmacist', 'store'])
export const UploadFactSchema = z.object({ scope: FactScopeSchema, key: z.string(), field: z.string(), value: z.string() })
export const SetFactInputSchema = z
  .object({
    scope: FactScopeSchema,
    /** The item's store code, the pharmacist's name, or '' for the store. */
    key: z.string().trim().max(80),
    field: z.enum(['aprvno', 'phar_prac_cert_no', 'duty_pharmacist', 'anonymous_psn_cert_type']),
    value: z.string().trim().min(1, '不能为空').max(100),
  })
  .strict()
