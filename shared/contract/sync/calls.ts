import { z } from 'zod'
import { defineCall, MANAGER, NoInput, type CallDef } from '../define'
import type { SYNC_CALLS } from './names'
import { PairInputSchema, SyncStatusSchema } from './schemas'

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
    summary: 'Whether this counter is paired with a store node, which one, its terminal number, how far the store node holds its changes, how many wait, and the last failure in words.',
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
} satisfies Record<(typeof SYNC_CALLS)[number], CallDef>
