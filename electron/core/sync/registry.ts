import type { z } from 'zod'
import type { Approval } from '../../../shared/contract/session/schemas'
import {
  OneTimeCodeSchema,
  StoreAlarmsSchema,
  StoreRegistrySchema,
  type OneTimeCode,
  type StoreAlarm,
  type StoreRegistry,
} from '../../../shared/contract/sync/registry'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { AuditTrail } from '../audit'
import type { PairingKeySlot } from '../secrets'
import type { Caller } from '../transport'
import { Outbox } from './outbox-store'
import { pairedCall } from './paired-call'

export interface StoreCountersDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  key: PairingKeySlot
  /** A manager's id and PIN, checked and audited by the session; answers who approved. */
  approve(approval: Approval, action: string, subject: string): Promise<string>
}

const no2 = (n: number) => String(n).padStart(2, '0')

/**
 * The store's counters from a paired counter's manager workspace (store-node.md "Registry and pairing"):
 * the store node keeps the registry and the alarms; this counter asks over its paired channel. A one-time
 * code goes back to the screen only: it is neither logged nor audited nor kept here.
 */
export class StoreCounters {
  constructor(private readonly deps: StoreCountersDeps) {}

  private call<T>(path: string, body: object, answer: z.ZodType<T>): Promise<T> {
    return pairedCall(this.deps.db, this.deps.key, '本收银台没有与门店服务器配对：门店收银台管理只在门店模式下可用（设置 → 门店节点）', path, body, answer)
  }

  /** The registry, with this counter's own unsent rows (the only counter whose outbox is known here). */
  async list(): Promise<StoreRegistry> {
    const r = await this.call('/store/v1/registry/list', {}, StoreRegistrySchema)
    const outbox = new Outbox(this.deps.db, () => this.deps.clock.now())
    const s = outbox.state()
    const waiting = s ? outbox.waiting(s.ackedSeq) : null
    return { ...r, counters: r.counters.map((c) => (c.self ? { ...c, waiting } : c)) }
  }

  async newCode(label: string, caller: Caller): Promise<OneTimeCode> {
    const code = await this.call('/store/v1/registry/codes', { label }, OneTimeCodeSchema)
    this.deps.audit.append({ actor: caller.id, action: 'store.counter_code', subject: label, detail: { expiresAt: code.expiresAt } })
    return code
  }

  /** A re-pairing code for a blocked counter, approved by a manager's PIN. */
  async repairCode(terminalNo: number, approval: Approval, caller: Caller): Promise<OneTimeCode> {
    const approver = await this.deps.approve(approval, `重新配对收银台 ${no2(terminalNo)}`, `terminal:${no2(terminalNo)}`)
    const code = await this.call('/store/v1/registry/repair', { terminal_no: terminalNo, actor: approver }, OneTimeCodeSchema)
    this.deps.audit.append({
      actor: caller.id,
      action: 'store.counter_repair_code',
      subject: `terminal:${no2(terminalNo)}`,
      detail: { approvedBy: approver, expiresAt: code.expiresAt },
    })
    return code
  }

  /** Retires a lost or replaced counter, approved by a manager's PIN. */
  async retire(terminalNo: number, reason: string, approval: Approval, caller: Caller): Promise<StoreRegistry> {
    const approver = await this.deps.approve(approval, `停用收银台 ${no2(terminalNo)}（${reason}）`, `terminal:${no2(terminalNo)}`)
    await this.call('/store/v1/registry/retire', { terminal_no: terminalNo, reason, actor: approver }, StoreRegistrySchema)
    this.deps.audit.append({
      actor: caller.id,
      action: 'store.counter_retired',
      subject: `terminal:${no2(terminalNo)}`,
      detail: { approvedBy: approver, reason },
    })
    return this.list()
  }

  alarms(includeAcked: boolean): Promise<StoreAlarm[]> {
    return this.call('/store/v1/registry/alarms', { include_acked: includeAcked }, StoreAlarmsSchema)
  }

  async ack(alarmId: number, caller: Caller): Promise<StoreAlarm[]> {
    const open = await this.call('/store/v1/registry/alarms/ack', { alarm_id: alarmId, actor: caller.id }, StoreAlarmsSchema)
    this.deps.audit.append({ actor: caller.id, action: 'store.alarm_acked', subject: `alarm:${alarmId}`, detail: {} })
    return open
  }
}
