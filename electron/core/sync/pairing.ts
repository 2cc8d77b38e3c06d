import { PosError } from '../../../shared/contract'
import type { SyncStatus } from '../../../shared/contract/sync/schemas'
import type { AuditTrail } from '../audit'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'
import type { PairingKeySlot } from '../secrets'
import type { SettingsService } from '../settings'
import { applyRegistration, forgetRegistration, Outbox } from './outbox-store'
import { StoreLink, StoreLinkError } from './store-link'

export interface PairingDeps {
  db: Db
  clock: Clock
  settings: SettingsService
  audit: AuditTrail
  key: PairingKeySlot
}

/** The store node's refusal as the manager reads it; the store node's own words follow for support. */
function refusal(e: StoreLinkError, url: string): PosError {
  switch (e.code) {
    case 'STORE_UNREACHABLE':
      return new PosError('SYNC_STORE_UNREACHABLE', { url })
    case 'PAIRING_CODE_INVALID':
      return new PosError('SYNC_PAIRING_CODE_INVALID')
    case 'STORE_FULL':
      return new PosError('SYNC_STORE_FULL')
    default:
      return new PosError('SYNC_PAIRING_REFUSED', { detail: `门店服务器拒绝了配对：${e.message}` })
  }
}

/**
 * Pairing this counter with its store node, as the manager does it from 设置 → 门店节点. The store node
 * allocates the terminal number, so pairing also sets the counter's 收银台号: the msgids issued from then
 * on carry the digits the store node checks them against.
 */
export class StorePairing {
  private readonly outbox: Outbox

  constructor(private readonly deps: PairingDeps) {
    this.outbox = new Outbox(deps.db, () => deps.clock.now())
  }

  status(): SyncStatus {
    const s = this.outbox.state()
    if (!s)
      return { paired: false, storeUrl: null, storeId: null, terminalNo: null, pairedAt: null, ackedSeq: 0, waiting: 0, lastPushAt: null, lastError: null }
    return {
      paired: true,
      storeUrl: s.storeUrl,
      storeId: s.storeId,
      terminalNo: s.terminalNo,
      pairedAt: s.pairedAt,
      ackedSeq: s.ackedSeq,
      waiting: this.outbox.waiting(s.ackedSeq),
      lastPushAt: s.lastPushAt,
      lastError: s.lastError,
    }
  }

  async pair(input: { url: string; code: string }, actor: string): Promise<SyncStatus> {
    this.refuseIfPaired()
    const { db, clock, settings, audit, key } = this.deps
    const label = settings.get().terminalId
    let reg
    try {
      reg = await new StoreLink(input.url).pair(input.code, label)
    } catch (e) {
      if (e instanceof StoreLinkError) throw refusal(e, input.url)
      throw e
    }
    // Checked again: another manager may have paired while the store node answered. The code is spent
    // then, and the manager makes a new one; this counter keeps the pairing it has.
    this.refuseIfPaired()
    const before = settings.get().terminalNo
    db.transaction(() => {
      applyRegistration(db, input.url, reg, clock.now(), key)
      if (before !== reg.terminal_no) {
        audit.append({ actor, action: 'settings.changed', subject: 'settings', detail: { terminalNo: reg.terminal_no } })
        settings.update({ terminalNo: reg.terminal_no })
      }
      audit.append({
        actor,
        action: 'sync.paired',
        subject: reg.terminal_uid,
        detail: { storeUrl: input.url, storeId: reg.store_id, terminalNo: reg.terminal_no, terminalNoBefore: before },
      })
    })()
    return this.status()
  }

  unpair(reason: string, actor: string): SyncStatus {
    const s = this.outbox.state()
    if (!s) throw new PosError('SYNC_NOT_PAIRED')
    const waiting = this.outbox.waiting(s.ackedSeq)
    const { db, audit, key } = this.deps
    db.transaction(() => {
      // Written before the registration goes, so the store node would get it if it were pushed; it is
      // not (the outbox goes too), and the counter's own audit trail keeps it.
      audit.append({
        actor,
        action: 'sync.unpaired',
        subject: s.terminalUid,
        detail: { storeUrl: s.storeUrl, terminalNo: s.terminalNo, ackedSeq: s.ackedSeq, waiting, reason },
      })
      forgetRegistration(db, key)
    })()
    return this.status()
  }

  private refuseIfPaired(): void {
    const s = this.outbox.state()
    if (s) {
      throw new PosError('SYNC_ALREADY_PAIRED', { url: s.storeUrl, terminal: String(s.terminalNo).padStart(2, '0') })
    }
  }
}
