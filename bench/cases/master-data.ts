import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../electron/base/store/database'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { createCatalogService } from '../../electron/core/catalog'
import { CatalogImporter } from '../../electron/core/catalog/importer'
import { writeStoreItems } from '../../dev-tools/catalog-generator'
import { sealedPairingKey } from '../../electron/core/secrets/pairing-key'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { coreMigrations } from '../../electron/core/store/migrations'
import { applyRegistration, StoreLink } from '../../electron/core/sync'
import { MasterDataPublisher } from '../../electron/core/sync/master-data/publish'
import { generationImporter, MasterDataPuller } from '../../electron/core/sync/master-data/puller'
import { startStoreNode } from '../../electron/store-node/http'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { startCluster, stopCluster, TEMPLATE } from '../../test/support/pg-cluster'
import { busyCounter } from '../busy-counter'
import { elapsedMs, type BenchCase } from '../harness'

const ITEMS = 500_000
const STORE = 'P41010500218'
const clock = { now: () => new Date() }

/** A counter's database paired with the store node (no core: the puller as the core wires it). */
async function pairedCounter(registry: TerminalRegistry, url: string, dir: string, label: string) {
  const { code } = await registry.newPairingCode(STORE, label)
  const reg = await registry.pair(code, label)
  mkdirSync(dir, { recursive: true })
  const db = openDatabase(join(dir, 'gongji.db'), coreMigrations)
  const secrets = new SecretStore(db, clock, fileKeyBox(dir))
  const key = sealedPairingKey(secrets)
  applyRegistration(db, url, reg, new Date(), key)
  return { db, secrets, key, reg }
}

export const cases: BenchCase[] = [
  {
    name: 'master data catalog generation',
    issue: 15,
    notes: 'master-data',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gongji-bench-master-'))
      // Its own temporary directory, as the ingest case: the cluster's owner must reach it.
      const pgDir = mkdtempSync(join(tmpdir(), 'gongji-bench-pg-'))
      const cluster = await startCluster(pgDir, process.pid, { durable: true })
      const pool = new pg.Pool({ host: cluster.socketDir, user: cluster.user, database: TEMPLATE, max: 4 })
      try {
        const file = join(dir, `store-${ITEMS}.csv`)
        writeStoreItems(file, { count: ITEMS, seed: 11 })
        const registry = new TerminalRegistry(pool, clock)
        await registry.addStore(STORE, '基准药房')
        const node = await startStoreNode({ pool, clock, adminToken: 'bench' })
        const manager = await pairedCounter(registry, node.url, join(dir, 'manager'), '店长后台')
        const counter = await pairedCounter(registry, node.url, join(dir, 'counter'), '一号收银台')
        // The manager's counter sends the file up in chunks; the store node checks it whole and logs the generation.
        const up = process.hrtime.bigint()
        const publisher = new MasterDataPublisher({
          db: manager.db,
          clock,
          audit: new AuditTrail(manager.db, clock),
          key: manager.key,
          catalog: createCatalogService(manager.db),
        })
        await publisher.publish({ kind: 'catalog', list: 'store', source: { kind: 'path', path: file } }, { id: 'wang01', name: '王店长', role: 'manager' })
        const upMs = elapsedMs(up)
        // The counter's pull: download, sha256, the import worker's staged import, the swap, the queue row.
        const importer = new CatalogImporter({ dbFile: counter.db.name, now: () => new Date(), onProgress: () => undefined, onEnded: () => undefined })
        const puller = new MasterDataPuller({
          db: counter.db,
          clock,
          audit: new AuditTrail(counter.db, clock),
          secrets: counter.secrets,
          importGeneration: generationImporter(importer),
          dataDir: join(dir, 'counter'),
        })
        const load = loadavg()[0]
        const selling = busyCounter(counter.db, createCatalogService(counter.db))
        const down = process.hrtime.bigint()
        const applied = await puller.pull(new StoreLink(node.url), counter.key.open()!, counter.reg.terminal_uid)
        // The round is back at once (the generation only queued); the catalog's own task makes it live.
        const roundMs = elapsedMs(down)
        await puller.catalogsIdle()
        const downMs = elapsedMs(down)
        const during = selling.stop()
        const live = counter.db
          .prepare("SELECT item_count FROM catalog_import WHERE catalog = 'store' AND status = 'active' AND source_name LIKE '门店目录#%'")
          .get() as { item_count: number } | undefined
        if (applied !== 1 || live?.item_count !== ITEMS || puller.status(counter.reg.terminal_uid).cursor !== 1)
          throw new Error(`the generation did not arrive whole: ${JSON.stringify(live)}`)
        manager.db.close()
        counter.db.close()
        await node.close()
        const mb = (statSync(file).size / 2 ** 20).toFixed(0)
        const note = `load average ${load.toFixed(1)} at the pull's start, ${loadavg()[0].toFixed(1)} at its end; file ${mb} MiB; the pusher's round was back after ${(roundMs / 1000).toFixed(1)} s`
        return [
          {
            metric: `a ${ITEMS.toLocaleString('en')}-item catalog generation reaching a counter (pull: download, check, staged import, swap)`,
            value: Number((downMs / 1000).toFixed(1)),
            unit: 's',
            target: '< 60 s',
            note,
          },
          {
            metric: 'the counter selling meanwhile: a catalog search, p99',
            value: Number(during.searchP99.toFixed(1)),
            unit: 'ms',
            target: '< 30 ms',
            note: `${during.searches} searches (one every 20 ms), max ${during.searchMax.toFixed(1)} ms`,
          },
          {
            metric: 'the counter selling meanwhile: the core thread’s event-loop delay, p99',
            value: Number(during.loopP99.toFixed(1)),
            unit: 'ms',
            note: `max ${during.loopMax.toFixed(1)} ms: how long a search or a sale waits before it even starts`,
          },
          {
            metric: 'the counter selling meanwhile: a write on the core’s connection, p99',
            value: Number(during.writeP99.toFixed(1)),
            unit: 'ms',
            note: `${during.writes} writes (one every 250 ms, synchronous FULL), max ${during.writeMax.toFixed(1)} ms`,
          },
          {
            metric: 'publishing it from the manager’s counter (upload in 4 MiB chunks, checked whole, logged)',
            value: Number((upMs / 1000).toFixed(1)),
            unit: 's',
          },
        ]
      } finally {
        await pool.end()
        stopCluster(cluster)
        rmSync(dir, { recursive: true, force: true })
        rmSync(pgDir, { recursive: true, force: true })
      }
    },
  },
]
