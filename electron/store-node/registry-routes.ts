import type { IncomingMessage } from 'node:http'
import type { Pool } from 'pg'
import type { z } from 'zod'
import {
  alarmAckRequestSchema,
  alarmsRequestSchema,
  registryCodeRequestSchema,
  registryListRequestSchema,
  registryRepairRequestSchema,
  registryRetireRequestSchema,
} from '../../shared/contract/sync/registry'
import type { Clock } from '../base/clock'
import type { TerminalRegistry } from './registry'
import { StoreCounters } from './registry-counters'

type StoreCall = <T extends { terminal_uid: string }>(req: IncomingMessage, schema: z.ZodType<T>) => Promise<T & { storeId: string; key: string }>

/**
 * The manager's counters screen, asked over a paired counter's channel (its key, as the store day's calls):
 * every answer is about the caller's own institution. The manager's role and PIN are the counter's core's to check.
 */
export function registryRoutes(
  pool: Pool,
  clock: Clock,
  registry: TerminalRegistry,
  storeCall: StoreCall,
): Record<string, (req: IncomingMessage) => Promise<unknown>> {
  const counters = new StoreCounters(pool, clock, registry)
  // A blocked terminal's key may be a copied data directory's: it lists, pairs and retires nothing.
  const managerCall: StoreCall = async (req, schema) => {
    const r = await storeCall(req, schema)
    await registry.refuseBlocked(r.terminal_uid)
    return r
  }
  return {
    'POST /store/v1/registry/list': async (req) => {
      const r = await managerCall(req, registryListRequestSchema)
      return counters.list(r.storeId, r.terminal_uid)
    },
    'POST /store/v1/registry/codes': async (req) => {
      const r = await managerCall(req, registryCodeRequestSchema)
      return counters.newCode(r.storeId, r.label)
    },
    'POST /store/v1/registry/repair': async (req) => {
      const r = await managerCall(req, registryRepairRequestSchema)
      return counters.repairCode(r.storeId, r.terminal_uid, r.terminal_no, r.actor)
    },
    'POST /store/v1/registry/retire': async (req) => {
      const r = await managerCall(req, registryRetireRequestSchema)
      return counters.retire(r.storeId, r.terminal_uid, r.terminal_no, r.reason, r.actor)
    },
    'POST /store/v1/registry/alarms': async (req) => {
      const r = await managerCall(req, alarmsRequestSchema)
      return counters.alarms(r.storeId, r.include_acked)
    },
    'POST /store/v1/registry/alarms/ack': async (req) => {
      const r = await managerCall(req, alarmAckRequestSchema)
      return counters.ack(r.storeId, r.alarm_id, r.actor)
    },
  }
}
