import type { Pool } from 'pg'
import type { OneTimeCode, RegisteredCounter, StoreAlarm, StoreRegistry } from '../../shared/contract/sync/registry'
import type { Clock } from '../base/clock'
import { StoreNodeError } from './errors'
import { inTransaction } from './migrations'
import { CODE_LIFETIME_MS, oneTimeCode, sha256, type TerminalRegistry } from './registry'
import * as store from './registry-store'

const no2 = (n: number) => String(n).padStart(2, '0')
const iso = (d: Date | null) => d?.toISOString() ?? null

function counterOf(t: store.TerminalRow, caller: string): RegisteredCounter {
  return {
    terminalUid: t.terminal_uid,
    terminalNo: t.terminal_no,
    label: t.label,
    pairedAt: t.paired_at.toISOString(),
    lastPushAt: iso(t.last_push_at),
    reportedThrough: iso(t.reported_through),
    ackedSeq: Number(t.acked_seq),
    state: t.retired_at ? 'retired' : t.blocked_at ? 'blocked' : 'active',
    blockedAt: iso(t.blocked_at),
    blockedReason: t.blocked_reason,
    retiredAt: iso(t.retired_at),
    retiredReason: t.retired_reason,
    replacedByNo: t.replaced_by_no,
    repairPending: t.repair_pending,
    waiting: null,
    self: t.terminal_uid === caller,
  }
}

/**
 * The manager's side of the registry, asked by a paired counter of the institution (the counter's core
 * checks the manager's role and PIN before it calls): the counters, a code for a new one, a re-pairing code
 * for a blocked one, retiring one, and the institution's alarms.
 */
export class StoreCounters {
  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly registry: TerminalRegistry,
  ) {}

  async list(storeId: string, caller: string): Promise<StoreRegistry> {
    const now = this.clock.now()
    const [terminals, name, codes] = await Promise.all([
      store.storeTerminals(this.pool, storeId, now),
      store.storeName(this.pool, storeId),
      store.openCodes(this.pool, storeId, now),
    ])
    return {
      storeId,
      storeName: name,
      counters: terminals.map((t) => counterOf(t, caller)),
      openCodes: codes.map((c) => ({ label: c.label, createdAt: c.created_at.toISOString(), expiresAt: c.expires_at.toISOString() })),
    }
  }

  async newCode(storeId: string, label: string): Promise<OneTimeCode> {
    const { code, expiresAt } = await this.registry.newPairingCode(storeId, label)
    return { code, expiresAt: expiresAt.toISOString(), label, replacesNo: null }
  }

  /**
   * A code that pairs a PC in place of a blocked counter: the PC that pairs with it gets a new identity, key
   * and number, and the blocked one is retired then (registry.ts `replace`). Only a blocked counter: one that
   * syncs well is not replaced behind its back, and a lost one is retired instead.
   */
  async repairCode(storeId: string, caller: string, terminalNo: number, actor: string): Promise<OneTimeCode> {
    const client = await this.pool.connect()
    try {
      return await inTransaction(client, async () => {
        const t = await this.counter(client, storeId, terminalNo)
        if (t.terminal_uid === caller) throw new StoreNodeError('TERMINAL_IS_CALLER', `不能在收银台 ${no2(terminalNo)} 上为它自己生成重新配对码`)
        if (!t.blocked_at) throw new StoreNodeError('TERMINAL_NOT_BLOCKED', `收银台 ${no2(terminalNo)} 同步正常，无需重新配对`)
        const now = this.clock.now()
        const code = oneTimeCode()
        const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS)
        await store.insertRepairCode(client, sha256(code), storeId, t.label, t.terminal_uid, now, expiresAt)
        await store.insertAlarm(client, storeId, t.terminal_uid, now, 'TERMINAL_REPAIR_ISSUED', `店长 ${actor} 为收银台 ${no2(terminalNo)} 生成了重新配对码`)
        return { code, expiresAt: expiresAt.toISOString(), label: t.label, replacesNo: terminalNo }
      })
    } finally {
      client.release()
    }
  }

  /** Takes a lost or replaced counter out of service: its key refused from now on; its number never given again. */
  async retire(storeId: string, caller: string, terminalNo: number, reason: string, actor: string): Promise<StoreRegistry> {
    const client = await this.pool.connect()
    try {
      await inTransaction(client, async () => {
        const t = await this.counter(client, storeId, terminalNo)
        if (t.terminal_uid === caller) throw new StoreNodeError('TERMINAL_IS_CALLER', `不能在收银台 ${no2(terminalNo)} 上停用它自己，请到另一台收银台操作`)
        const now = this.clock.now()
        await store.retireTerminal(client, t.terminal_uid, now, reason, null)
        await store.insertAlarm(client, storeId, t.terminal_uid, now, 'TERMINAL_RETIRED', `店长 ${actor} 停用了收银台 ${no2(terminalNo)}：${reason}`)
      })
    } finally {
      client.release()
    }
    return this.list(storeId, caller)
  }

  async alarms(storeId: string, includeAcked: boolean): Promise<StoreAlarm[]> {
    return (await store.storeAlarms(this.pool, storeId, includeAcked)).map((a) => ({
      id: Number(a.id),
      at: a.at.toISOString(),
      terminalNo: a.terminal_no,
      label: a.label,
      code: a.code,
      message: a.message,
      ackedAt: iso(a.acked_at),
      ackedBy: a.acked_by,
    }))
  }

  async ack(storeId: string, alarmId: number, actor: string): Promise<StoreAlarm[]> {
    if (!(await store.ackAlarm(this.pool, storeId, alarmId, actor, this.clock.now())))
      throw new StoreNodeError('ALARM_NOT_FOUND', `本机构没有编号 ${alarmId} 的告警`)
    return this.alarms(storeId, false)
  }

  private async counter(client: Parameters<typeof store.terminalByNo>[0], storeId: string, terminalNo: number) {
    const t = await store.terminalByNo(client, storeId, terminalNo)
    if (!t) throw new StoreNodeError('TERMINAL_NOT_FOUND', `本机构没有 ${no2(terminalNo)} 号收银台`)
    if (t.retired_at) throw new StoreNodeError('TERMINAL_RETIRED', `收银台 ${no2(terminalNo)} 已停用`)
    return t
  }
}
