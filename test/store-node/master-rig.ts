import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import type { Pool } from 'pg'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { PLATFORM_SECRET } from '../../electron/core/platform/connection'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { signIn } from '../support/core-session'
import { startCounter, type Counter } from '../sale/counter-rig'
import { clock, STORE } from './store-rig'

/** A relay between a counter and the store node that keeps every byte both ways: the wire, to grep. */
export async function recordingRelay(target: string): Promise<{ url: string; bytes: () => string; close: () => Promise<void> }> {
  const seen: Buffer[] = []
  const server: Server = createServer((req, res) => {
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => body.push(c))
    req.on('end', () => {
      const sent = Buffer.concat(body)
      seen.push(Buffer.from(JSON.stringify(req.headers)), sent)
      fetch(new URL(req.url ?? '/', target), {
        method: req.method,
        headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
        body: req.method === 'GET' ? undefined : sent,
      }).then(
        async (r) => {
          const answer = Buffer.from(await r.arrayBuffer())
          seen.push(answer)
          res.writeHead(r.status, { 'content-type': 'application/json' })
          res.end(answer)
        },
        () => res.destroy(),
      )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes: () => Buffer.concat(seen).toString('utf8'),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

/** A counter of the store: a full core (training), its manager signed in, paired with the store node at `url`. */
export interface PairedCounter {
  counter: Counter
  dataDir: string
}

export async function pairedCounter(pool: Pool, dir: string, url: string, label: string): Promise<PairedCounter> {
  const counter = await startCounter(dir)
  await signIn(counter.core, 'manager')
  const { code } = await new TerminalRegistry(pool, clock).newPairingCode(STORE, label)
  await counter.call('pairWithStoreNode', { url, code })
  return { counter, dataDir: (await counter.call('appInfo', {})).dataDir }
}

/** Counters closed after the test that started them. */
export function useCounters() {
  const open: Counter[] = []
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close()
  })
  return {
    add: async (pool: Pool, dir: string, url: string, label: string) => {
      const p = await pairedCounter(pool, dir, url, label)
      open.push(p.counter)
      return p
    },
    /** Closes one now (a PC switched off); it is not closed again. */
    close: async (c: Counter) => {
      open.splice(open.indexOf(c), 1)
      await c.close()
    },
    adopt: (c: Counter) => open.push(c),
  }
}

/** The platform secret as this counter keeps it (sealed by its own box). */
export function platformSecretOf(p: PairedCounter): string | undefined {
  return new SecretStore(p.counter.core.db, clock, fileKeyBox(p.dataDir)).get(PLATFORM_SECRET)
}

/** What master data a counter holds, to compare counters (and a replay with a clean apply). */
export function masterState(p: PairedCounter) {
  const d = p.counter.core.db
  return {
    users: d.prepare('SELECT id, name, role, active, pin_hash FROM users WHERE training = 0 ORDER BY id').all(),
    settings: d
      .prepare("SELECT key, value FROM settings WHERE key NOT LIKE 'secret:%' AND key NOT IN ('terminalNo', 'terminalId', 'locale') ORDER BY key")
      .all(),
    secret: platformSecretOf(p) ?? null,
    offline: d.prepare('SELECT mode, per_sale_fen, outstanding_fen, max_age_hours FROM offline_settings').all(),
    policies: d.prepare("SELECT admdvs, policy FROM offline_policies WHERE source = 'manager' ORDER BY admdvs").all(),
    prices: d.prepare('SELECT store_code, valid_from, price_fen, seq FROM store_prices ORDER BY store_code, valid_from').all(),
    catalog: d
      .prepare(
        "SELECT i.store_code, i.name, i.price_fen FROM store_item i JOIN catalog_import c ON c.generation = i.generation AND c.status = 'active' AND c.catalog = 'store' ORDER BY i.store_code",
      )
      .all(),
    liveStore: d.prepare("SELECT source_name, item_count FROM catalog_import WHERE catalog = 'store' AND status = 'active'").all(),
  }
}
