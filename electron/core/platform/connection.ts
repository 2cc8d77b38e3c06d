import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PosError, type ConnectionCheck, type Settings } from '../../../shared/contract'
import { resolveProfile } from '../../../shared/nhsa/profiles'
import type { Clock } from '../../base/clock'
import type { SecretStore } from '../secrets/secret-store'
import type { Db } from '../../base/store/database'
import { PlatformClient } from './client'
import { recordingTransport, runConnectionCheck } from './connection-check'
import { msgidSequenceFor, type MsgidSequence } from './msgid'
import type { RunningTrainingPlatform, TrainingPlatform } from './training-port'
import { createTifTransport, type PlatformTransport } from './transport'

export const PLATFORM_SECRET = 'platform'
const TIMEOUT_MS = 15_000

export interface PlatformTarget {
  client: PlatformClient
  msgids: MsgidSequence
  training: boolean
  url: string
  /** Its kept-alive connections, let go once the target is replaced or closed. */
  transport?: PlatformTransport
}

/**
 * Which platform the counter talks to. Training mode starts the training platform the shell handed in
 * (training-port.ts) inside the app, on loopback, with the demo people and stores, so a fresh install can
 * practise at once; live mode uses the configured gateway and the secret from the secret store. A
 * settings change builds a new client (signing the old one out); a message already in flight finishes
 * on the client it started with.
 */
export class PlatformConnection {
  private target: PlatformTarget | undefined
  private sandbox: RunningTrainingPlatform | undefined
  private building: Promise<PlatformTarget> | undefined
  private key = ''

  constructor(private readonly deps: { dataDir: string; db: Db; clock: Clock; secrets: SecretStore; settings: () => Settings; training: TrainingPlatform }) {}

  /** The training platform, if running (it hands out the practice QR codes). */
  get trainingSandbox(): RunningTrainingPlatform | undefined {
    return this.sandbox
  }

  /** The training platform's demo data: the training catalog and the demo regions' policies. */
  get training(): TrainingPlatform {
    return this.deps.training
  }

  async current(): Promise<PlatformTarget> {
    const s = this.deps.settings()
    const key = JSON.stringify([
      s.trainingMode,
      s.fixmedinsCode,
      s.fixmedinsName,
      s.admdvs,
      s.terminalId,
      s.terminalNo,
      s.platformUrl,
      s.platformPaasid,
      s.platformCaPem,
      s.gatewayProfile,
    ])
    if (this.target && key === this.key) return this.target
    if (this.building && key === this.key) return this.building
    this.key = key
    const old = this.target
    this.target = undefined
    this.building = this.build(s).then(
      (t) => {
        this.target = t
        this.building = undefined
        return t
      },
      (e: unknown) => {
        this.building = undefined
        this.key = ''
        throw e
      },
    )
    if (old) void retire(old)
    return this.building
  }

  /**
   * The manager's connection check, on a client of its own (the counter's sign-in is untouched) built
   * from the settings as saved: the chosen profile, address and credentials.
   */
  async check(testCertNo: string): Promise<ConnectionCheck> {
    let recorder: ReturnType<typeof recordingTransport> | undefined
    const target = await this.build(this.deps.settings(), (t) => (recorder = recordingTransport(t)))
    try {
      return await runConnectionCheck(target.client, recorder!, target, testCertNo)
    } finally {
      target.transport?.close?.()
    }
  }

  private async build(s: Settings, wrap: (t: PlatformTransport) => PlatformTransport = (t) => t): Promise<PlatformTarget> {
    let url: string
    let paasid: string
    let secret: string
    if (s.trainingMode) {
      if (!this.sandbox) {
        const dir = join(this.deps.dataDir, 'training-platform')
        mkdirSync(dir, { recursive: true })
        this.sandbox = await this.deps.training.start(dir)
      }
      ;({ url, paasid, secret } = this.sandbox)
    } else {
      const stored = this.deps.secrets.get(PLATFORM_SECRET)
      if (!s.platformUrl || !s.platformPaasid || !stored) {
        throw new PosError('PLATFORM_NOT_CONFIGURED', { why: 'noAddress' })
      }
      url = s.platformUrl
      paasid = s.platformPaasid
      secret = stored
    }
    const msgids = msgidSequenceFor(this.deps.db, this.deps.clock, s)
    // The training platform speaks the national default; the live gateway, the province's profile.
    const profile = resolveProfile(s.trainingMode ? undefined : s.gatewayProfile)
    const transport = wrap(
      createTifTransport({
        profile,
        baseUrl: url,
        paasid,
        secret,
        timeoutMs: TIMEOUT_MS,
        clock: this.deps.clock,
        live: !s.trainingMode,
        caPem: s.trainingMode ? undefined : s.platformCaPem || undefined,
      }),
    )
    const client = new PlatformClient(
      { fixmedinsCode: s.fixmedinsCode, fixmedinsName: s.fixmedinsName, admdvs: s.admdvs, opter: s.terminalId, opterName: `终端${s.terminalId}` },
      transport,
      msgids,
      this.deps.clock,
      profile,
    )
    return { client, msgids, training: s.trainingMode, url, transport }
  }

  async close(): Promise<void> {
    const t = this.target
    this.target = undefined
    if (t) await retire(t)
    await this.sandbox?.close()
    this.sandbox = undefined
  }
}

/** Signs a target out and closes its idle connections (a message still in flight finishes). */
async function retire(t: PlatformTarget): Promise<void> {
  await t.client.signOut().catch(() => undefined)
  t.transport?.close?.()
}
