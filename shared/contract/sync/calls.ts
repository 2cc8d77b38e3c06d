import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import { MonthSchema, MonthStatementSchema } from '../manager/schemas'
import type { SYNC_CALLS } from './names'
import { masterDataCalls } from './master-data'
import {
  AckAlarmInputSchema,
  NewCounterInputSchema,
  OneTimeCodeSchema,
  RepairCounterInputSchema,
  RetireCounterInputSchema,
  StoreAlarmsInputSchema,
  StoreAlarmsSchema,
  StoreRegistrySchema,
} from './registry'
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
  storeCounters: defineCall({
    summary:
      "The store's counters in store mode (门店收银台): every counter the store node registered for this institution with its number, label, pairing time, last push, completeness watermark and state (active, blocked with the reason, retired), this counter's own unsent rows, and the open codes for new counters (labels and expiry, never a code).",
    access: MANAGER,
    input: NoInput,
    output: StoreRegistrySchema,
    errors: [...STORE_LINK_ERRORS],
  }),
  newStoreCounterCode: defineCall({
    summary:
      'Asks the store node for a one-time pairing code for a new counter (valid 24 hours) that the new PC types in 设置 → 门店节点; the store node allocates its number when it pairs. The code is answered once to the screen: kept on the store node as a hash only, never logged or kept on this counter.',
    access: MANAGER,
    input: NewCounterInputSchema,
    output: OneTimeCodeSchema,
    errors: [...STORE_LINK_ERRORS],
  }),
  repairStoreCounter: defineCall({
    summary:
      "A re-pairing code for a blocked counter (a cloned or restored data directory pushed other content under a seq it had sent), approved by a manager with their id and PIN. The PC that pairs with it gets a new identity, key and number; the blocked identity is then retired (its key refused, its number not given again) and its rows at the store node become the new identity's, which its full re-send overwrites.",
    access: MANAGER,
    input: RepairCounterInputSchema,
    output: OneTimeCodeSchema,
    errors: [
      ...STORE_LINK_ERRORS,
      'LOGIN_FAILED',
      'USER_LOCKED',
      'APPROVAL_NOT_MANAGER',
      'TERMINAL_NOT_FOUND',
      'TERMINAL_NOT_BLOCKED',
      'TERMINAL_RETIRED',
      'TERMINAL_IS_CALLER',
    ],
  }),
  retireStoreCounter: defineCall({
    summary:
      "Retires a lost or replaced counter, approved by a manager with their id and PIN: its key is refused from then on, what it synced stays in the store's figures, and its number is never given to another counter (a PC still running under it offline must not collide with anyone's msgids).",
    access: MANAGER,
    input: RetireCounterInputSchema,
    output: StoreRegistrySchema,
    errors: [...STORE_LINK_ERRORS, 'LOGIN_FAILED', 'USER_LOCKED', 'APPROVAL_NOT_MANAGER', 'TERMINAL_NOT_FOUND', 'TERMINAL_RETIRED', 'TERMINAL_IS_CALLER'],
  }),
  storeAlarms: defineCall({
    summary:
      "The store node's alarms for this institution (门店告警), newest first: a counter blocked for a clone or restored data directory, a re-pairing code issued, a counter retired; the acknowledged ones too when asked (the last 200).",
    access: MANAGER,
    input: StoreAlarmsInputSchema,
    output: StoreAlarmsSchema,
    errors: [...STORE_LINK_ERRORS],
  }),
  ackStoreAlarm: defineCall({
    summary: 'Acknowledges one alarm of the store (the first acknowledgement stays, with who gave it); answers the alarms still open.',
    access: MANAGER,
    input: AckAlarmInputSchema,
    output: StoreAlarmsSchema,
    errors: [...STORE_LINK_ERRORS, 'ALARM_NOT_FOUND'],
  }),
} satisfies Record<(typeof SYNC_CALLS)[number], CallDef>
