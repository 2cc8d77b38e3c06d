import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { STORE_HEADER } from '../../electron/core/catalog/storeFile'
import type { CatalogOverview } from '../../shared/contract/catalog/schemas'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { useCounters } from './master-rig'
import { useStoreNode } from './store-rig'

/**
 * Issue 15: a catalog generation is imported in the catalog's own task, not inside the pusher's round. A relay
 * in front of the store node holds counter B's download of the generation's chunks for as long as the test
 * likes: meanwhile B's rounds go on (it reports itself caught up again) and an entry published after the
 * generation arrives at B; the cursor B reports stays before the generation until it is live, and then B's
 * open screens hear `catalogChanged`.
 */
const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)
const counters = useCounters()

/** One pull interval (the pusher's idle round) and the round's own work. */
const PULL_INTERVAL_MS = 5_000 + 3_000
const CHUNK = '/sync/v1/master/catalog-chunk'

const GENERATION = [STORE_HEADER, ',SP90001,门店新品,10片,某药厂,盒,12.34,5,goods,'].join('\n') + '\n'

/** Forwards everything to the store node, but answers `heldPath` only once released; counts requests by path. */
async function holdingRelay(target: string, heldPath: string) {
  const counts = new Map<string, number>()
  const waiting: (() => void)[] = []
  let released = false
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) =>
    fetch(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
      body: req.method === 'GET' ? undefined : body,
    }).then(
      async (r) => {
        res.writeHead(r.status, { 'content-type': 'application/json' })
        res.end(Buffer.from(await r.arrayBuffer()))
      },
      () => res.destroy(),
    )
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (c: Buffer) => parts.push(c))
    req.on('end', () => {
      const path = new URL(req.url ?? '/', target).pathname
      counts.set(path, (counts.get(path) ?? 0) + 1)
      const go = () => void forward(req, res, Buffer.concat(parts))
      if (path === heldPath && !released) waiting.push(go)
      else go()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (path: string) => counts.get(path) ?? 0,
    release: () => {
      released = true
      for (const go of waiting.splice(0)) go()
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

describe('a catalog generation beside the pusher’s round', () => {
  it('while B downloads a generation its rounds go on and a later entry arrives; once live, B’s screens hear catalogChanged', async () => {
    const relay = await holdingRelay(rig.node().url, CHUNK)
    try {
      const a = await counters.add(db().pool, tempDir(), rig.node().url, '1号收银台')
      const b = await counters.add(db().pool, tempDir(), relay.url, '2号收银台')
      const changed: CatalogOverview[] = []
      b.counter.core.events.subscribe((event, payload) => {
        if (event === 'catalogChanged') changed.push((payload as { overview: CatalogOverview }).overview)
      })
      const { seq } = await a.counter.call('publishMasterData', {
        kind: 'catalog',
        list: 'store',
        source: { kind: 'upload', name: 'held.csv', content: GENERATION },
      })
      await eventually(
        'B asking for the generation’s file',
        async () => relay.count(CHUNK),
        (n) => n > 0,
        PULL_INTERVAL_MS,
      )
      const roundsBefore = relay.count('/sync/v1/caught-up')

      const user = await a.counter.call('publishMasterData', {
        kind: 'user',
        user: { id: 'c07', name: '钱收银', role: 'cashier', active: true, pin: '707070' },
      })
      await eventually(
        'the user published after the generation, at B',
        async () => b.counter.core.db.prepare('SELECT id FROM users WHERE id = ?').get('c07'),
        (r) => r !== undefined,
        PULL_INTERVAL_MS,
      )
      await eventually(
        'another round of B',
        async () => relay.count('/sync/v1/caught-up'),
        (n) => n > roundsBefore,
        PULL_INTERVAL_MS,
      )
      // Still held: the old catalog sells on, and B says it has applied the log only up to before the generation.
      expect((await b.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90001' })).ok).toBe(false)
      expect((await b.counter.call('masterDataStatus', {})).cursor).toBe(seq - 1)
      expect(changed).toEqual([])

      relay.release()
      await eventually(
        'the generation live at B',
        () => b.counter.core.dispatch('lookupStoreCode', { storeCode: 'SP90001' }),
        (r) => r.ok,
        60_000,
      )
      await eventually(
        'catalogChanged at B',
        async () => changed,
        (c) => c.length > 0,
        5_000,
      )
      expect(changed.at(-1)?.lists.store).toMatchObject({ items: 1, sourceName: `门店目录#${seq} held.csv` })
      await signIn(b.counter.core, 'manager')
      expect((await b.counter.call('masterDataStatus', {})).cursor).toBe(user.seq)
    } finally {
      relay.release()
      await relay.close()
    }
  }, 120_000)
})
