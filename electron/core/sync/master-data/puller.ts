import { createHash } from 'node:crypto'
import { mkdirSync, openSync, closeSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { chunkAnswerSchema, MAX_PULL, masterChangeSchema, pullAnswerSchema, type MasterChange } from '../../../../shared/contract/sync/master-data'
import type { ImportList } from '../../../../shared/contract/catalog/schemas'
import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { counterSealKey, openText } from '../../../base/sealed-secret'
import type { AuditTrail } from '../../audit'
import type { CatalogImporter } from '../../catalog'
import { PLATFORM_SECRET } from '../../platform'
import type { SecretStore } from '../../secrets'
import type { StoreLink } from '../store-link'
import { MasterStore } from './master-store'

type Catalog = Extract<MasterChange, { kind: 'catalog' }>

/** Makes a downloaded generation live (the catalog's import worker, one import at a time); rejects when it did not. */
export type ImportGeneration = (step: { list: ImportList; file: string; sourceName: string }, signal: AbortSignal) => Promise<void>

/** A pulled generation goes through the catalog's import worker, by 'store', after any import already running there. */
export function generationImporter(importer: Pick<CatalogImporter, 'runWhenIdle'>): ImportGeneration {
  return async (step, signal) => {
    const outcome = await importer.runWhenIdle('store', step, signal)
    if (outcome.outcome !== 'done') throw new Error(outcome.error?.message ?? `门店目录 ${step.sourceName} 未能导入`)
  }
}

/** After a generation failed to import (the store node down mid-download, a file this counter refuses), the next try waits this long. */
const CATALOG_RETRY_MS = 60_000

export interface MasterPullerDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  secrets: Pick<SecretStore, 'set'>
  importGeneration: ImportGeneration
  /** Where downloaded generations are written before their import (the counter's data directory). */
  dataDir: string
  /** After a commit that changed these kinds (the core tells the screens). */
  onApplied?: (kinds: ReadonlySet<MasterChange['kind']>) => void
  /** Test hook: runs inside the transaction of every applied batch, after its writes and before its commit. */
  beforeCommit?: (lastSeq: number) => void
  catalogRetryMs?: number
}

/**
 * Pulls the store's change log after this counter's cursor and applies it (store-node.md §5.4), after each
 * push round (push before pull). Each run of entries is written in one SQLite transaction with the cursor,
 * so a crash mid-apply leaves the cursor before the run and the replay writes the same rows again.
 *
 * A catalog generation takes minutes at 500,000 items, so the pull only queues it (`master_catalog_pending`,
 * in the same transaction as the cursor) and goes on: the pusher's round, and the entries after it, never
 * wait for an import. The catalog's own task downloads the newest queued generation of each list, checks it
 * against its sha256, and has the import worker stage it and swap it live; the queue row goes only in the
 * transaction that records it applied, and until then the cursor this counter reports stays before it. A
 * crash mid-import keeps the old generation live and the row queued, so the next start imports it again; a
 * replay finds the generation live by its source name and does not import it twice.
 */
export class MasterDataPuller {
  readonly store: MasterStore
  private queue: Promise<unknown> = Promise.resolve()
  private catalogs: Promise<void> | null = null
  private readonly stopping = new AbortController()
  private retryAt = 0

  constructor(private readonly deps: MasterPullerDeps) {
    this.store = new MasterStore(deps.db)
  }

  /** One pull at a time (the pusher's round and a manager's publish may ask together). Answers the entries applied or queued. */
  pull(link: StoreLink, pairingKey: string, terminalUid: string): Promise<number> {
    const next = this.queue.then(() => this.pullAll(link, pairingKey, terminalUid))
    this.queue = next.catch(() => undefined)
    return next
  }

  /** How far this counter has applied the log: never past a generation that is not live yet. */
  status(terminalUid: string): { cursor: number; pulledAt: string | null; lastError: string | null } {
    const s = this.store.cursor(terminalUid)
    const oldest = this.store.pendingCatalogs(terminalUid)[0]
    return oldest ? { ...s, cursor: Math.min(s.cursor, oldest.seq - 1) } : s
  }

  /** Resolves when no generation is being applied (the bench and tests wait here). */
  async catalogsIdle(): Promise<void> {
    while (this.catalogs) await this.catalogs
  }

  /** Stops the catalog task (a running import is cancelled; its generation stays queued for the next start). */
  async close(): Promise<void> {
    this.stopping.abort()
    await this.catalogsIdle()
  }

  private async pullAll(link: StoreLink, pairingKey: string, terminalUid: string): Promise<number> {
    let applied = 0
    try {
      for (;;) {
        const after = this.store.cursor(terminalUid).cursor
        const { changes } = await link.call('/sync/v1/master/pull', pairingKey, terminalUid, { after, limit: MAX_PULL }, pullAnswerSchema)
        const list = changes as MasterChange[]
        this.applyRun(terminalUid, list, pairingKey)
        applied += list.length
        if (list.length < MAX_PULL) break
      }
      this.store.pulled(terminalUid, this.deps.clock.now().toISOString(), null)
      return applied
    } catch (e) {
      this.store.pulled(terminalUid, this.deps.clock.now().toISOString(), (e as Error).message)
      throw e
    } finally {
      this.startCatalogs(link, pairingKey, terminalUid)
    }
  }

  /** The entries with the cursor in one transaction; a catalog generation is queued, not imported. */
  private applyRun(terminalUid: string, run: readonly MasterChange[], pairingKey: string): void {
    if (run.length === 0) return
    const { db, clock, audit } = this.deps
    const at = clock.now().toISOString()
    const kinds = new Set(run.map((c) => c.kind))
    db.transaction(() => {
      for (const c of run) {
        if (c.kind === 'catalog') this.store.queueCatalog(terminalUid, c)
        else this.applyOne(c, at, pairingKey)
      }
      const last = run[run.length - 1].seq
      this.store.advance(terminalUid, last, at)
      audit.append({ actor: 'store', action: 'master.applied', subject: 'master-data', detail: { from: run[0].seq, to: last, kinds: [...kinds] } })
      this.deps.beforeCommit?.(last)
    })()
    kinds.delete('catalog')
    if (kinds.size > 0) this.deps.onApplied?.(kinds)
  }

  private applyOne(c: Exclude<MasterChange, Catalog>, at: string, pairingKey: string): void {
    const s = this.store
    switch (c.kind) {
      case 'settings':
        for (const [k, v] of Object.entries(c.body)) if (v !== undefined) s.setting(k, v, at)
        return
      case 'user':
        return s.user(c.body, at)
      case 'secret':
        // Sealed for this counter on the way; sealed again by this counter's own box at rest.
        return this.deps.secrets.set(PLATFORM_SECRET, openText(counterSealKey(pairingKey), c.body.sealed))
      case 'offline_limits':
        return s.offlineLimits(c.body, at)
      case 'region_policy':
        return s.regionPolicy(c.body, at)
      case 'price':
        return s.price(c.body, c.seq)
    }
  }

  /** The catalog's own task: one at a time, beside the pusher's rounds; after a failure it waits before trying again. */
  private startCatalogs(link: StoreLink, pairingKey: string, terminalUid: string): void {
    const now = this.deps.clock.now()
    if (this.catalogs || this.stopping.signal.aborted || now.getTime() < this.retryAt) return
    if (this.store.pendingCatalogs(terminalUid).length === 0) return
    this.catalogs = this.applyCatalogs(link, pairingKey, terminalUid)
      .catch((e: unknown) => {
        this.retryAt = this.deps.clock.now().getTime() + (this.deps.catalogRetryMs ?? CATALOG_RETRY_MS)
        if (!this.stopping.signal.aborted) this.store.pulled(terminalUid, this.deps.clock.now().toISOString(), (e as Error).message)
      })
      .finally(() => (this.catalogs = null))
  }

  private async applyCatalogs(link: StoreLink, pairingKey: string, terminalUid: string): Promise<void> {
    for (;;) {
      if (this.stopping.signal.aborted) return
      const pending = this.store.pendingCatalogs(terminalUid)
      if (pending.length === 0) return
      // Only the newest generation of a list is imported: the older ones queued before it never would be live.
      const newest = pending.filter((p) => p.list === pending[0].list).at(-1)!
      await this.applyCatalog(link, pairingKey, terminalUid, masterChangeSchema.parse(JSON.parse(newest.entry)) as Catalog)
    }
  }

  private async applyCatalog(link: StoreLink, pairingKey: string, terminalUid: string, c: Catalog): Promise<void> {
    const { db, audit } = this.deps
    const sourceName = `门店目录#${c.seq} ${c.body.source_name}`
    if (!this.store.catalogImported(sourceName)) {
      const file = await this.download(link, pairingKey, terminalUid, c)
      try {
        await this.deps.importGeneration({ list: c.body.list, file, sourceName }, this.stopping.signal)
      } finally {
        rmSync(file, { force: true })
      }
    }
    db.transaction(() => {
      if (c.body.list === 'store') this.store.pricesSupersededBy(c.seq, c.created_at)
      this.store.catalogApplied(terminalUid, c.body.list, c.seq)
      audit.append({ actor: 'store', action: 'master.applied', subject: 'master-data', detail: { from: c.seq, to: c.seq, kinds: ['catalog'], sourceName } })
      this.deps.beforeCommit?.(c.seq)
    })()
    this.deps.onApplied?.(new Set(['catalog']))
  }

  /** The generation's file, chunk by chunk, checked whole before it is used; written under a temporary name first. */
  private async download(link: StoreLink, pairingKey: string, terminalUid: string, c: Catalog): Promise<string> {
    const dir = join(this.deps.dataDir, 'catalog', 'store-node')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `${c.body.file_id}.${c.body.list}`)
    const part = `${file}.part`
    const hash = createHash('sha256')
    let bytes = 0
    const fd = openSync(part, 'w')
    try {
      for (let n = 0; n < c.body.chunks; n++) {
        const { data } = await link.call('/sync/v1/master/catalog-chunk', pairingKey, terminalUid, { file_id: c.body.file_id, n }, chunkAnswerSchema)
        const buf = Buffer.from(data, 'base64')
        hash.update(buf)
        bytes += buf.length
        writeSync(fd, buf)
      }
    } catch (e) {
      closeSync(fd)
      rmSync(part, { force: true })
      throw e
    }
    closeSync(fd)
    if (bytes !== c.body.bytes || hash.digest('hex') !== c.body.sha256) {
      rmSync(part, { force: true })
      throw new Error(`门店目录文件 ${c.body.source_name} 下载后与门店服务器记录的大小或摘要不符，未导入`)
    }
    renameSync(part, file)
    return file
  }
}
