import { z } from 'zod'
import { ANY_STAFF, COUNTER, defineCall, MANAGER, NoInput, type CallDef } from '../define'
import { STOCK_SALE_ERRORS } from '../stock/schemas'
import type { OFFLINE_CALLS } from './names'
import {
  ConnectivityStatusSchema,
  OfflineMemberSchema,
  OfflineQuoteSchema,
  OfflineSaleViewSchema,
  OfflineSettingsSchema,
  SetOfflineSettingsSchema,
  SettleOfflineInputSchema,
  StoredPolicySchema,
} from './schemas'
import { printJobViewSchema } from '../../receipt/print-events'
import { regionPolicySchema } from '../../settlement/policy'

const SaleId = z.object({ saleId: z.string().min(1) }).strict()
const LIMITS = [
  'OFFLINE_ADVANCE_OFF',
  'OFFLINE_LIMIT_PER_SALE',
  'OFFLINE_LIMIT_OUTSTANDING',
  'OFFLINE_LIMIT_AGE',
  'OFFLINE_LIMIT_STORE',
  'OFFLINE_LIMIT_SHARE',
] as const

export const offlineCalls = {
  connectivityStatus: defineCall({
    summary: 'The line to the platform (online, degraded, offline, from failed calls and a health probe) and the store-and-forward queue behind it.',
    access: ANY_STAFF,
    input: NoInput,
    output: ConnectivityStatusSchema,
    errors: [],
  }),
  forwardNow: defineCall({
    summary: 'Forwards the queue at once, whatever the backoff: the cashier saw the line come back.',
    access: ANY_STAFF,
    input: NoInput,
    output: ConnectivityStatusSchema,
    errors: ['CREDENTIAL_SEALED_ELSEWHERE'],
  }),
  identifyOffline: defineCall({
    summary:
      'Offline identity by ID card number (cert type 02), from what this store saw when the customer was last identified online (insurance and quotas, with their age).',
    access: COUNTER,
    input: z.object({ idCardNo: z.string().regex(/^\d{17}[\dXx]$/, '身份证号应为 18 位') }).strict(),
    output: OfflineMemberSchema,
    errors: ['IDENTITY_KEY_MISSING', 'MEMBER_NOT_SEEN', 'MEMBER_SNAPSHOT_TOO_OLD'],
  }),
  quoteOffline: defineCall({
    summary:
      "The offline estimate of an open insured sale (the platform's own calculator, the region's policy and the cached balances) and what each mode asks the customer to pay now, with the limit that refuses advance mode, if any.",
    access: COUNTER,
    input: SaleId,
    output: OfflineQuoteSchema,
    errors: ['SALE_NOT_FOUND', 'SALE_WRONG_STATE', 'SALE_NO_MEMBER', 'MEMBER_NOT_SEEN'],
  }),
  settleOffline: defineCall({
    summary:
      'Takes an insured sale offline: queues its settlement (msgid fixed now), sells the boxes, takes the payment of the chosen mode and prints the offline receipt.',
    access: COUNTER,
    input: SettleOfflineInputSchema,
    output: OfflineSaleViewSchema,
    errors: [
      'OFFLINE_NOT_NEEDED',
      'TENDERED_TOO_LITTLE',
      'OFFLINE_ALREADY_QUEUED',
      'OFFLINE_PROMISE_TAKEN',
      'SALE_WRONG_STATE',
      'TRACE_CODE_SOLD',
      ...LIMITS,
      ...STOCK_SALE_ERRORS,
    ],
  }),
  offlineSales: defineCall({
    summary: 'Offline sales, newest first: the open ones (waiting, or an outcome for a person to settle) or all of them.',
    access: COUNTER,
    input: z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(OfflineSaleViewSchema),
    errors: [],
  }),
  offlineSale: defineCall({
    summary: 'One offline sale with its outcome and its receipt as it stands (offline or corrected).',
    access: COUNTER,
    input: SaleId,
    output: OfflineSaleViewSchema,
    errors: ['OFFLINE_SALE_NOT_FOUND'],
  }),
  resolveOffline: defineCall({
    summary:
      "Closes an offline sale's outcome: the refund handed to the customer, or the receivable collected or written off (manager). A refund handed over or a debt collected prints the corrected receipt for the customer.",
    access: MANAGER,
    input: z
      .object({ saleId: z.string().min(1), action: z.enum(['refunded', 'collected', 'written_off']), note: z.string().trim().max(200).optional() })
      .strict(),
    output: OfflineSaleViewSchema,
    errors: ['OFFLINE_SALE_NOT_FOUND', 'OFFLINE_NOTHING_TO_RESOLVE'],
  }),
  reissueHeldOffline: defineCall({
    summary:
      'Sends an offline sale held because the platform said its msgid was already used by another message again, under a new msgid at the end of the queue (manager; a live counter needs its own terminal number first). Audited.',
    access: MANAGER,
    input: SaleId,
    output: OfflineSaleViewSchema,
    errors: ['OFFLINE_NOT_HELD', 'TERMINAL_NO_REQUIRED'],
  }),
  printOfflineReceipt: defineCall({
    summary:
      "Prints what an offline sale's receipt says now: the corrected receipt once the platform has answered (paid offline, the platform's split, what was refunded or is owed), else another copy of the offline receipt.",
    access: COUNTER,
    input: SaleId,
    output: printJobViewSchema,
    errors: ['OFFLINE_SALE_NOT_FOUND', 'PRINT_NOTHING_TO_REPRINT', 'PRINTER_DISABLED'],
  }),
  offlineSettings: defineCall({
    summary: "The store's offline mode (deposit by default, advance when a manager opts in) and the advance limits.",
    access: ANY_STAFF,
    input: NoInput,
    output: OfflineSettingsSchema,
    errors: [],
  }),
  setOfflineSettings: defineCall({
    summary: 'Sets the offline mode and the advance limits (per sale, total outstanding, maximum age).',
    access: MANAGER,
    input: SetOfflineSettingsSchema,
    output: OfflineSettingsSchema,
    errors: ['OFFLINE_LIMITS_INVALID', 'MASTER_DATA_READ_ONLY'],
  }),
  offlinePolicies: defineCall({
    summary: "The insured regions' outpatient policies the offline estimate uses (seeded in training, entered by a manager).",
    access: ANY_STAFF,
    input: NoInput,
    output: z.array(StoredPolicySchema),
    errors: [],
  }),
  setOfflinePolicy: defineCall({
    summary: "Enters or replaces a region's published outpatient policy for the offline estimate.",
    access: MANAGER,
    input: regionPolicySchema,
    output: StoredPolicySchema,
    errors: ['POLICY_INVALID', 'MASTER_DATA_READ_ONLY'],
  }),
} satisfies Record<(typeof OFFLINE_CALLS)[number], CallDef>
