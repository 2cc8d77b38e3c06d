import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import type { UPLOADS_CALLS } from './names'
import { DismissInputSchema, ResendInputSchema, SetFactInputSchema, UploadFactSchema, UploadIssueSchema, UploadRowSchema, WithdrawInputSchema } from './schemas'

const ISSUE_ERRORS = ['UPLOAD_NOT_FOUND'] as const

export const uploadsCalls = {
  stockUploadIssues: defineCall({
    summary:
      'The stock uploads (3501–3507) the manager must act on: held before sending (a required field not recorded, a line without a lot) and refused by the platform, with the reason. Nothing leaves this list but by resend or a dismissal with a note.',
    access: MANAGER,
    input: NoInput,
    output: z.array(UploadIssueSchema),
    errors: [],
  }),
  stockUploadsRecent: defineCall({
    summary: 'The latest stock uploads queued for the platform, newest first, with their state.',
    access: MANAGER,
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(UploadRowSchema),
    errors: [],
  }),
  resendStockUpload: defineCall({
    summary:
      'Completes or corrects a held or refused stock upload and queues it again under a new msgid (once). Fields an item or pharmacist keeps (批准文号, 执业资格证号) are remembered. Audited.',
    access: MANAGER,
    input: ResendInputSchema,
    output: z.object({ msgid: z.string() }),
    errors: [...ISSUE_ERRORS, 'UPLOAD_STILL_INCOMPLETE', 'UPLOAD_FIELD_UNKNOWN', 'UPLOAD_LOT_MISMATCH', 'STOCK_LOT_NOT_FOUND'],
  }),
  dismissStockUpload: defineCall({
    summary: 'The manager decides a held or refused stock upload is not to be sent, with the reason. Audited.',
    access: MANAGER,
    input: DismissInputSchema,
    output: z.object({ ok: z.literal(true) }),
    errors: ISSUE_ERRORS,
  }),
  withdrawStockUpload: defineCall({
    summary: "3507: withdraws a stock upload the platform accepted by mistake (the batch's uploads of that kind). Audited.",
    access: MANAGER,
    input: WithdrawInputSchema,
    output: z.object({ msgid: z.string() }),
    errors: ['UPLOAD_NOT_FOUND', 'UPLOAD_NOT_ACCEPTED'],
  }),
  stockUploadFacts: defineCall({
    summary:
      "What the store recorded for its uploads: the duty pharmacist and their 执业资格证号, items' 批准文号, the 人员证件类型 for buyers without insurance.",
    access: MANAGER,
    input: NoInput,
    output: z.array(UploadFactSchema),
    errors: [],
  }),
  setStockUploadFact: defineCall({
    summary: 'Records one fact the uploads need; held uploads waiting for it are built again. Audited.',
    access: MANAGER,
    input: SetFactInputSchema,
    output: z.array(UploadFactSchema),
    errors: [],
  }),
} satisfies Record<(typeof UPLOADS_CALLS)[number], CallDef>
