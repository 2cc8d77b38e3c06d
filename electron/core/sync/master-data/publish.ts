import { createHash } from 'node:crypto'
import type { ZodType } from 'zod'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { PosError } from '../../../../shared/contract'
import {
  CATALOG_CHUNK_BYTES,
  catalogBeginAnswerSchema,
  okAnswerSchema,
  publishAnswerSchema,
  type PublishMasterDataInput,
} from '../../../../shared/contract/sync/master-data'
import type { ImportList, ImportSource } from '../../../../shared/contract/catalog/schemas'
import { toFen, yuan } from '../../../../shared/money/money'
import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { counterSealKey, sealText } from '../../../base/sealed-secret'
import type { AuditTrail } from '../../audit'
import { CatalogImportError, type CatalogSearch } from '../../catalog'
import { gatewayEndpoint, validatedGatewayCa } from '../../platform'
import type { PairingKeySlot } from '../../secrets'
import { hashPin } from '../../session'
import type { Caller } from '../../transport'
import { pairedCall } from '../paired-call'
import { MasterStore } from './master-store'

export interface PublisherDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  key: PairingKeySlot
  catalog: Pick<CatalogSearch, 'findByStoreCode'>
}

const NOT_PAIRED = '本收银台未与门店服务器配对：单机模式下请在各设置页直接修改'

/**
 * The manager's change to the store's master data, sent from whichever counter they use (store-node.md
 * §5.4): checked here with the same rules as a local edit, then appended to the store node's change log.
 * Nothing is written on this counter: it gets the change through its own pull, as every other counter does.
 */
export class MasterDataPublisher {
  private readonly store: MasterStore

  constructor(private readonly deps: PublisherDeps) {
    this.store = new MasterStore(deps.db)
  }

  async publish(input: PublishMasterDataInput, caller: Caller): Promise<number> {
    if (!this.store.paired()) throw new PosError('SYNC_NOT_PAIRED', { needs: NOT_PAIRED })
    const seq =
      input.kind === 'catalog' ? await this.publishCatalog(input.list, input.source, caller) : await this.send(await this.change(input, caller), caller)
    this.deps.audit.append({ actor: caller.id, action: 'master.published', subject: input.kind, detail: { seq, ...this.describe(input) } })
    return seq
  }

  /** What the audit keeps of a change: never a PIN, a secret or a file's content. */
  private describe(input: PublishMasterDataInput): Record<string, unknown> {
    switch (input.kind) {
      case 'settings':
        return { keys: Object.keys(input.patch) }
      case 'user':
        return {
          id: input.user.id,
          role: input.user.role,
          active: input.user.active,
          pinChanged: Boolean(input.user.pin),
          ...(input.user.nhsaOperator !== undefined ? { nhsaOperator: input.user.nhsaOperator?.code ?? null } : {}),
        }
      case 'price':
        return { storeCode: input.storeCode, price: input.price, validFrom: input.validFrom }
      case 'catalog':
        return { list: input.list, sourceName: input.source.kind === 'path' ? basename(input.source.path) : input.source.name }
      case 'region_policy':
        return { admdvs: input.policy.admdvs }
      default:
        return {}
    }
  }

  private async change(input: Exclude<PublishMasterDataInput, { kind: 'catalog' }>, caller: Caller) {
    switch (input.kind) {
      case 'settings': {
        const patch = input.patch.platformCaPem
          ? { ...input.patch, platformCaPem: validatedGatewayCa(input.patch.platformCaPem, this.deps.clock.now()) }
          : input.patch
        if (patch.platformUrl) gatewayEndpoint(patch.platformUrl, { live: true })
        return { kind: 'settings' as const, body: patch }
      }
      case 'user': {
        const u = input.user
        const existing = this.store.userRow(u.id)
        if (!existing && !u.pin) throw new PosError('PIN_REQUIRED')
        if (existing?.training === 1) throw new PosError('DEMO_USER_FIXED')
        if (u.id === caller.id && (u.role !== 'manager' || !u.active)) throw new PosError('LAST_MANAGER')
        const pinHash = u.pin ? await hashPin(u.pin) : existing!.pin_hash
        // Every entry carries the operator whole (the newest entry of a user is what holds): absent in the input keeps the one this counter holds.
        const kept = existing?.nhsa_opter_code ? { code: existing.nhsa_opter_code, name: existing.nhsa_opter_name ?? existing.nhsa_opter_code } : null
        const nhsaOpter = u.nhsaOperator === undefined ? kept : u.nhsaOperator
        return { kind: 'user' as const, body: { id: u.id, name: u.name, role: u.role, active: u.active, pin_hash: pinHash, nhsa_opter: nhsaOpter } }
      }
      case 'secret':
        return { kind: 'secret' as const, body: { sealed: sealText(counterSealKey(this.openKey()), input.secret) } }
      case 'offline_limits': {
        const perSale = toFen(yuan(input.limits.perSale))
        const outstanding = toFen(yuan(input.limits.outstanding))
        if (perSale > outstanding) throw new PosError('OFFLINE_LIMITS_INVALID')
        return {
          kind: 'offline_limits' as const,
          body: { mode: input.limits.mode, per_sale_fen: perSale, outstanding_fen: outstanding, max_age_hours: input.limits.maxAgeHours },
        }
      }
      case 'region_policy':
        return { kind: 'region_policy' as const, body: input.policy }
      case 'price': {
        const item = this.deps.catalog.findByStoreCode(input.storeCode)
        if (!item) throw new PosError('CATALOG_ITEM_NOT_FOUND', { storeCode: input.storeCode, at: 'scan' })
        return {
          kind: 'price' as const,
          body: { store_code: item.storeCode, price_fen: toFen(yuan(input.price)), valid_from: new Date(input.validFrom).toISOString() },
        }
      }
    }
  }

  private send(change: unknown, caller: Caller): Promise<number> {
    return this.call('/store/v1/master/publish', { actor: caller.id, change }, publishAnswerSchema).then((a) => a.seq)
  }

  private call<T>(path: string, body: object, answer: ZodType<T>): Promise<T> {
    return pairedCall(this.deps.db, this.deps.key, NOT_PAIRED, path, body, answer, 60_000)
  }

  private openKey(): string {
    const k = this.deps.key.open()
    if (!k) throw new PosError('SYNC_NOT_PAIRED', { needs: NOT_PAIRED })
    return k
  }

  /** The file goes up in chunks, whole and checked by its sha256 at the store node before the generation is logged. */
  private async publishCatalog(list: ImportList, source: ImportSource, caller: Caller): Promise<number> {
    const file = source.kind === 'path' ? readWhole(source.path) : Buffer.from(source.content, 'utf8')
    const sourceName = source.kind === 'path' ? basename(source.path) : source.name
    const sha256 = createHash('sha256').update(file).digest('hex')
    const begun = await this.call(
      '/store/v1/master/catalog/begin',
      { actor: caller.id, list, source_name: sourceName, bytes: file.length, sha256 },
      catalogBeginAnswerSchema,
    )
    for (let n = 0; n < begun.chunks; n++) {
      const data = file.subarray(n * CATALOG_CHUNK_BYTES, (n + 1) * CATALOG_CHUNK_BYTES).toString('base64')
      await this.call('/store/v1/master/catalog/put', { file_id: begun.file_id, n, data }, okAnswerSchema)
    }
    return (await this.call('/store/v1/master/catalog/commit', { actor: caller.id, file_id: begun.file_id }, publishAnswerSchema)).seq
  }
}

function readWhole(path: string): Buffer {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new Error('不是文件')
    size = st.size
  } catch (e) {
    throw new CatalogImportError('CATALOG_UNREADABLE', `无法读取文件 ${path}：${(e as Error).message}`)
  }
  const buf = Buffer.alloc(size)
  const fd = openSync(path, 'r')
  try {
    let off = 0
    while (off < size) off += readSync(fd, buf, off, size - off, off)
  } finally {
    closeSync(fd)
  }
  return buf
}
