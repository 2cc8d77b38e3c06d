import { createHash } from 'node:crypto'
import { mkdirSync, openSync, closeSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { chunkAnswerSchema, MAX_PULL, pullAnswerSchema, type MasterChange } from '../../../../shared/contract/sync/master-data'
import type { Clock } from '../../../base/clock'
import type { Db } from '../../../base/store/database'
import { counterSealKey, openText } from '../../../base/sealed-secret'
import type { AuditTrail } from '../../audit'
import type { CatalogService } from '../../catalog'
import type { Pace } from '../../catalog'
import { PLATFORM_SECRET } from '../../platform'
import type { SecretStore } from '../../secrets'
import type { StoreLink } from '../store-link'
import { MasterStore } from './master-store'

type Catalog = Extract<MasterChange, { kind: 'catalog' }>

/**
 * A catalog generation is staged on the core's own connection, 100 ms of writing at a time and then the
 * event loop's turn: a sale's call waits at most that long, and it sells from the live generation meanwhile.
 */
export const MASTER_CATALOG_PACE: Pace = { budgetMs: 100, pauseMs: 0 }

export interface MasterPullerDeps {
  db: Db
  clock: Clock
  audit: AuditTrail
  secrets: Pick<SecretStore, 'set'>
  catalog: Pick<CatalogService, 'importStoreItems' | 'importNational'>
  /** Where downloaded generations are written before their import (the counter's data directory). */
  dataDir: string
  /** After a commit that changed these kinds (the core tells the screens). */
  onApplied?: (kinds: ReadonlySet<MasterChange['kind']>) => void
  /** Test hook: runs inside the transaction of every applied batch, after its writes and before its commit. */
  beforeCommit?: (lastSeq: number) => void
}

/**
 * Pulls the store's change log after this counter's cursor and applies it (store-node.md §5.4), after each
 * push round (push before pull). Each run of entries is written in one SQLite transaction with the cursor,
 * so a crash mid-apply leaves the cursor before the run and the replay writes the same rows again. A catalog
 * generation is downloaded to a file, checked against its sha256, and imported as a local import is (staged,
 * then swapped live in one transaction); the cursor passes it only after the swap, and a replay finds the
 * generation live by its source name and does not import it twice. Selling never waits for any of this.
 */
export class MasterDataPuller {
  readonly store: MasterStore
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly deps: MasterPullerDeps) {
    this.store = new MasterStore(deps.db)
  }

  /** One pull at a time (the pusher's round and a manager's publish may ask together). Answers the entries applied. */
  pull(link: StoreLink, pairingKey: string, terminalUid: string): Promise<number> {
    const next = this.queue.then(() => this.pullAll(link, pairingKey, terminalUid))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async pullAll(link: StoreLink, pairingKey: string, terminalUid: string): Promise<number> {
    let applied = 0
    try {
      for (;;) {
        const after = this.store.cursor(terminalUid).cursor
        const { changes } = await link.call('/sync/v1/master/pull', pairingKey, terminalUid, { after, limit: MAX_PULL }, pullAnswerSchema)
        const list = changes as MasterChange[]
        let run: MasterChange[] = []
        for (const c of list) {
          if (c.kind !== 'catalog') {
            run.push(c)
            continue
          }
          this.applyRun(terminalUid, run, pairingKey)
          run = []
          await this.applyCatalog(link, pairingKey, terminalUid, c)
        }
        this.applyRun(terminalUid, run, pairingKey)
        applied += list.length
        if (list.length < MAX_PULL) break
      }
      this.store.pulled(terminalUid, this.deps.clock.now().toISOString(), null)
      return applied
    } catch (e) {
      this.store.pulled(terminalUid, this.deps.clock.now().toISOString(), (e as Error).message)
      throw e
    }
  }

  /** Entries other than a catalog, with the cursor, in one transaction. */
  private applyRun(terminalUid: string, run: readonly MasterChange[], pairingKey: string): void {
    if (run.length === 0) return
    const { db, clock, audit } = this.deps
    const at = clock.now().toISOString()
    const kinds = new Set(run.map((c) => c.kind))
    db.transaction(() => {
      for (const c of run) this.applyOne(c, at, pairingKey)
      const last = run[run.length - 1].seq
      this.store.advance(terminalUid, last, at)
      audit.append({ actor: 'store', action: 'master.applied', subject: 'master-data', detail: { from: run[0].seq, to: last, kinds: [...kinds] } })
      this.deps.beforeCommit?.(last)
    })()
    this.deps.onApplied?.(kinds)
  }

  private applyOne(c: MasterChange, at: string, pairingKey: string): void {
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
      case 'catalog':
        throw new Error('a catalog generation is applied on its own')
    }
  }

  private async applyCatalog(link: StoreLink, pairingKey: string, terminalUid: string, c: Catalog): Promise<void> {
    const { db, clock, audit, catalog } = this.deps
    const sourceName = `门店目录#${c.seq} ${c.body.source_name}`
    if (!this.store.catalogImported(sourceName)) {
      const file = await this.download(link, pairingKey, terminalUid, c)
      try {
        const opts = { sourceName, pace: MASTER_CATALOG_PACE, now: () => clock.now() }
        if (c.body.list === 'store') await catalog.importStoreItems(file, opts)
        else await catalog.importNational(c.body.list, file, opts)
      } finally {
        rmSync(file, { force: true })
      }
    }
    const at = clock.now().toISOString()
    db.transaction(() => {
      if (c.body.list === 'store') this.store.pricesSupersededBy(c.seq, c.created_at)
      this.store.advance(terminalUid, c.seq, at)
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
