import type { z } from 'zod'
import { catalogCalls } from './catalog/calls'
import { clinicCalls } from './clinic/calls'
import type { CallDef } from './define'
import { devicesCalls } from './devices/calls'
import { managerCalls } from './manager/calls'
import type { CallName } from './names'
import { offlineCalls } from './offline/calls'
import { saleCalls } from './sale/calls'
import { sessionCalls } from './session/calls'
import { shiftCalls } from './shift/calls'
import { stockCalls } from './stock/calls'
import { syncCalls } from './sync/calls'
import { uploadsCalls } from './uploads/calls'
import { systemCalls } from './system/calls'

export const calls = {
  ...systemCalls,
  ...sessionCalls,
  ...saleCalls,
  ...devicesCalls,
  ...catalogCalls,
  ...managerCalls,
  ...clinicCalls,
  ...offlineCalls,
  ...stockCalls,
  ...uploadsCalls,
  ...syncCalls,
  ...shiftCalls,
} satisfies Record<CallName, CallDef>

export type Calls = typeof calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
