import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PosError, type ConnectionCheck, type Settings } from '../../../shared/contract'
import { resolveProfile } from '../../../shared/nhsa/profiles'
import type { Clock } from '../../base/clock'
import type { SecretStore } from '../secrets'
import type { Db } from '../../base/store/database'
import { PlatformClient, type PlatformOperator } from './client'
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

/** The counter's target and the background's: one gateway, one msgid sequence, two sign-ins. */
interface Targets {
  counter: PlatformTarget
  background: PlatformTarget
}

/**
 * Which platform the counter talks to. Training mode starts the training platform the shell handed in
 * (training-port.ts) inside the app, on loopback, with the demo people and stores, so a fresh install can
 * practise at once; live mode uses the configured gateway and the secret from the secret store. A
 * settings change builds new clients (signing the old ones out); a message already in flight finishes
 * on the client it started with.
 *
 * Two clients share the gateway: the counter's (`current`), whose messages go under the signed-in user's
 * 医保操作员 and which signs in again when the user changes, and the background's (`background`: recovery,
 * offline forwarding, uploads, reconciliation, downloads), signed in once under the institution's default
 * operator, so work in the background never changes the sign_no under a cashier mid-sale. Both draw their
 * msgids from the one sequence (its state is the database's), so they never issue the same msgid.
 */
export class PlatformConnection {
  private targets: Targets | undefined
  private sandbox: RunningTrainingPlatform | undefined
  private building: Promise<Targets> | undefined
  private key = ''

  constructor(
    private readonly deps: {
      dataDir: string
      db: Db
      clock: Clock
      secrets: SecretStore
      settings: () => Settings
      training: TrainingPlatform
      /** The signed-in user's 医保操作员; null: the institution's default. */
      operator?: () => PlatformOperator | null
    },
  ) {}

  /** The training platform, if running (it hands out the practice QR codes). */
  get trainingSandbox(): RunningTrainingPlatform | undefined {
    return this.sandbox
  }

  /** The training platform's demo data: the training catalog and the demo regions' policies. */
  get training(): TrainingPlatform {
    return this.deps.training
  }

  /** The counter's target: messages under the signed-in user's operator. */
  async current(): Promise<PlatformTarget> {
    return (await this.both()).counter
  }

  /** The background's target: messages under the institution's default operator, on a sign-in of their own. */
  async background(): Promise<PlatformTarget> {
    return (await this.both()).background
  }

  private async both(): Promise<Targets> {
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
      s.platformOperatorCode,
      s.platformOperatorName,
    ])
    if (this.targets && key === this.key) return this.targets
    if (this.building && key === this.key) return this.building
    this.key = key
    const old = this.targets
    this.targets = undefined
    this.building = this.build(s).then(
      (t) => {
        this.targets = t
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
    // The check signs in as the institution's default operator, as background work does.
    const { background: target } = await this.build(this.deps.settings(), (t) => (recorder = recordingTransport(t)))
    try {
      return await runConnectionCheck(target.client, recorder!, target, testCertNo)
    } finally {
      target.transport?.close?.()
    }
  }

  private async build(s: Settings, wrap: (t: PlatformTransport) => PlatformTransport = (t) => t): Promise<Targets> {
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
    // The institution is this target's; the number is read at each msgid, so when pairing changes it the
    // clients built before (signing out, finishing background work) send under the new one too.
    const msgids = msgidSequenceFor(this.deps.db, this.deps.clock, () => ({ ...this.deps.settings(), fixmedinsCode: s.fixmedinsCode }))
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
    const identity = {
      fixmedinsCode: s.fixmedinsCode,
      fixmedinsName: s.fixmedinsName,
      admdvs: s.admdvs,
      opter: s.platformOperatorCode || s.terminalId,
      opterName: s.platformOperatorName || `终端${s.terminalId}`,
    }
    const target = (client: PlatformClient): PlatformTarget => ({ client, msgids, training: s.trainingMode, url, transport })
    return {
      counter: target(new PlatformClient(identity, transport, msgids, this.deps.clock, profile, this.deps.operator)),
      background: target(new PlatformClient(identity, transport, msgids, this.deps.clock, profile)),
    }
  }

  async close(): Promise<void> {
    const t = this.targets
    this.targets = undefined
    if (t) await retire(t)
    await this.sandbox?.close()
    this.sandbox = undefined
  }
}

/** Signs both clients out and closes their idle connections (a message still in flight finishes). */
async function retire(t: Targets): Promise<void> {
  await Promise.all([t.counter.client.signOut().catch(() => undefined), t.background.client.signOut().catch(() => undefined)])
  t.counter.transport?.close?.()
}
