import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import { MonthSchema, MonthStatementSchema } from '../manager/schemas'
import type { SYNC_CALLS } from './names'
import { masterDataCalls } from './master-data'
import { PairInputSchema, SyncStatusSchema } from './schemas'
import {
  StoreCloseInputSchema,
  StoreDayInputSchema,
  StoreDayViewSchema,
  StoreExplainInputSchema,
  StoreReconRunSchema,
  StoreReverseOrphanInputSchema,
  StoreZSchema,
} from './store-day'

/** What every store-day call may answer when the store node cannot be asked. */
const STORE_LINK_ERRORS = ['SYNC_NOT_PAIRED', 'SYNC_STORE_UNREACHABLE', 'SYNC_PAIRING_REFUSED'] as const

export const syncCalls = {
  pairWithStoreNode: defineCall({
    summary:
      "Pairs this counter with the store node using the one-time code the store's manager made there: records the registration, seals the pairing key, and sets the counter's terminal number (收银台号) to the one the store node allocated, in one transaction, audited. Nothing changes when it is refused.",
    access: MANAGER,
    input: PairInputSchema,
    output: SyncStatusSchema,
    errors: ['SYNC_ALREADY_PAIRED', 'SYNC_STORE_UNREACHABLE', 'SYNC_PAIRING_CODE_INVALID', 'SYNC_STORE_FULL', 'SYNC_PAIRING_REFUSED'],
  }),
  syncStatus: defineCall({
    summary:
      'Whether this counter is paired with a store node, which one, its terminal number, how far the store node holds its changes, how many wait, and the last failure in words.',
    access: MANAGER,
    input: NoInput,
    output: SyncStatusSchema,
    errors: [],
  }),
  unpairStoreNode: defineCall({
    summary:
      'Ends the pairing on this counter: the registration, the sealed key and the unsent outbox are forgotten (the terminal number stays). The store node keeps what it received. Audited, with the rows that had not reached it.',
    access: MANAGER,
    input: z.object({ reason: z.string().trim().min(2, '请写明解除配对的原因').max(200) }),
    output: SyncStatusSchema,
    errors: ['SYNC_NOT_PAIRED'],
  }),
  storeDay: defineCall({
    summary:
      "The store's day on a paired counter (store mode): every counter with its completeness watermark (when it last reported having nothing unsent), the whole institution's figures with sections per counter, cashier and shift, the latest store reconciliation, the store Z reports and how many late sales wait for a supplementary Z.",
    access: MANAGER,
    input: StoreDayInputSchema,
    output: StoreDayViewSchema,
    errors: [...STORE_LINK_ERRORS],
  }),
  reconcileStore: defineCall({
    summary:
      "Reconciles the whole institution's day with the platform: waits briefly for every counter to report, then sends 3201 per insurance and clearing type (and 9101 + 3202 with the store's detail file where one disagrees) under msgids the store node issued (terminal 00). The store node keeps the run and decides each difference's owner and actions; a row only the platform has is never offered for revoking while any counter has not reported past the day or anything in the store explains it.",
    access: MANAGER,
    input: StoreDayInputSchema,
    output: StoreReconRunSchema,
    errors: ['RECON_RESULT_UNREADABLE', ...STORE_LINK_ERRORS, 'STORE_DAY_TRAINING'],
  }),
  explainStoreDifference: defineCall({
    summary: "Writes down why a difference of the store's latest reconciliation stands; kept with the store close.",
    access: MANAGER,
    input: StoreExplainInputSchema,
    output: StoreReconRunSchema,
    errors: [...STORE_LINK_ERRORS, 'DIFFERENCE_NOT_FOUND', 'DIFFERENCE_DONE', 'RECON_STALE_RUN', 'DAY_CLOSED'],
  }),
  reverseStoreOrphan: defineCall({
    summary:
      'Revokes (2103) a settlement only the platform has, for the store, when the store node offers it: every counter has reported past the day, nothing in the store explains it, and a second manager approves with their own id and PIN at this counter. The 2103 and its msgid are kept on the store node before sending, so a retry repeats the same message.',
    access: MANAGER,
    input: StoreReverseOrphanInputSchema,
    output: StoreReconRunSchema,
    errors: [
      'MESSAGE_NOT_FOUND',
      'NOT_REVERSIBLE',
      ...STORE_LINK_ERRORS,
      'STORE_DAY_TRAINING',
      'SECOND_MANAGER_REQUIRED',
      'APPROVAL_NOT_MANAGER',
      'LOGIN_FAILED',
      'USER_LOCKED',
      'ACTION_NOT_ALLOWED',
      'DIFFERENCE_NOT_FOUND',
      'DIFFERENCE_DONE',
      'RECON_STALE_RUN',
      'DAY_CLOSED',
      'ORPHAN_UNRESOLVED',
    ],
  }),
  closeStoreDay: defineCall({
    summary:
      "Closes the store's day (one store Z for the whole institution, with sections per counter, cashier and shift) once the store reconciliation agrees or every difference is explained and still describes the day, every counter has reported past the close (or the manager says why not), and no counter that reported has a shift (交班) of the day still open (the refusal names the counters and cashiers). On a closed day with sales or refunds that came after, it issues the next supplementary Z holding exactly those.",
    access: MANAGER,
    input: StoreCloseInputSchema,
    output: StoreZSchema,
    errors: [...STORE_LINK_ERRORS, 'RECON_REQUIRED', 'RECON_UNEXPLAINED', 'RECON_STALE', 'STORE_INCOMPLETE', 'SHIFTS_OPEN', 'DAY_ALREADY_CLOSED'],
  }),
  storeZReports: defineCall({
    summary: "The store's Z reports of a day: the close (part 0), then each supplementary Z, as frozen.",
    access: MANAGER,
    input: StoreDayInputSchema,
    output: z.array(StoreZSchema),
    errors: [...STORE_LINK_ERRORS],
  }),
  storeMonthStatement: defineCall({
    summary:
      "The platform's monthly clearing statement (3203) beside the whole store's month in store mode: every counter's settlements as the store node holds them, and the days the store closed.",
    access: MANAGER,
    input: z.object({ month: MonthSchema }).strict(),
    output: MonthStatementSchema,
    errors: ['DAY_IN_FUTURE', 'PLATFORM_NOT_CONFIGURED', 'PLATFORM_REFUSED', 'PLATFORM_UNREACHABLE', ...STORE_LINK_ERRORS],
  }),
  ...masterDataCalls,
} satisfies Record<(typeof SYNC_CALLS)[number], CallDef>
