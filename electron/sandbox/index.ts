import type { AddressInfo } from 'node:net'
import { systemClock, type Clock } from '../base/clock'
import type { Db } from '../base/store/database'
import { closeOnce } from '../base/http/close-server'
import { SandboxClock } from './clock'
import { seedDemo } from './demo/seed'
import { Faults } from './faults'
import { createSandboxServer } from './http/server'
import { TifVerifier, XcaVerifier } from './http/signature'
import { quirkSet, QuirksSchema, type Quirks } from './quirks'
import { openSandboxDb } from './store/open'

export { DEMO } from './demo/people'
export { SandboxClient } from './client'
export { signTifHeaders, tifSignature, xcaSignature } from './http/signature'
export { QUIRK_SETS, quirkSet, QuirksSchema, type Quirks, type QuirkSetName } from './quirks'

export const DEFAULT_PAASID = 'sandbox'
export const DEFAULT_SECRET = 'sandbox-secret'

export interface SandboxOptions {
  /** 0 or absent: any free port. */
  port?: number
  /** Only loopback is allowed: the sandbox is never reachable from the network. */
  host?: '127.0.0.1' | 'localhost'
  /** Keeps the database in this directory; in memory without it. */
  dataDir?: string
  seed?: 'demo' | 'none'
  clock?: Clock
  paasid?: string
  secret?: string
  /** How this run's gateway departs from the national default: a named set (quirks.ts) or the quirks themselves. */
  quirks?: string | Partial<Quirks>
}

export interface RunningSandbox {
  url: string
  port: number
  paasid: string
  secret: string
  db: Db
  clock: SandboxClock
  faults: Faults
  /** The run's gateway quirks (also `GET|POST /sandbox/quirks`). */
  quirks: { get(): Quirks; set(q: Quirks): void }
  close(): Promise<void>
}

/**
 * Starts the sandbox platform in this process. Seeding `demo` into a data directory that already holds
 * the demo data set is a no-op, so a restart keeps what training changed.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = new SandboxClock(options.clock ?? systemClock)
  const db = openSandboxDb(options.dataDir, clock)
  if ((options.seed ?? 'none') === 'demo') seedDemo(db, clock.now())
  const paasid = options.paasid ?? DEFAULT_PAASID
  const secret = options.secret ?? DEFAULT_SECRET
  const faults = new Faults()
  let current = typeof options.quirks === 'string' ? quirkSet(options.quirks) : QuirksSchema.parse(options.quirks ?? {})
  const quirks = { get: () => current, set: (q: Quirks) => void (current = q) }
  let url = ''
  const server = createSandboxServer({
    db,
    clock,
    faults,
    verifier: new TifVerifier(paasid, secret),
    xcaVerifier: new XcaVerifier(paasid, secret),
    quirks,
    baseUrl: () => url,
  })
  // Longer than any idle pause of a terminal, so a keep-alive socket is not closed under a request.
  server.keepAliveTimeout = 65_000
  const host = options.host === 'localhost' ? '127.0.0.1' : (options.host ?? '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  url = `http://${host}:${port}`
  return {
    url,
    port,
    paasid,
    secret,
    db,
    clock,
    faults,
    quirks,
    close: closeOnce(server, () => db.close()),
  }
}
