import { join } from 'node:path'
import type { CallName, CallResult } from '../../shared/contract'
import { AnchorFile } from './audit/audit-anchor'
import { advanceAnchor } from './audit/audit-check'
import { sealedAuditKeys } from './audit/audit-keys'
import { AuditTrail } from './audit/audit-trail'
import { createCatalogService } from './catalog'
import { catalogModule } from './catalog/module'
import { clinicModule } from './clinic/module'
import { systemClock, type Clock } from '../base/clock'
import { CoreConfigSchema, type CoreConfig } from './config'
import { devicesModule, type WedgeKeyboard } from './devices/module'
import { PrintService } from './devices/printer/print-service'
import { EventBus } from './events'
import { fileLogger } from './log'
import { managerModule } from './manager/module'
import { offlineModule } from './offline/module'
import { SaleLedger } from './ledger/sale-ledger'
import { Recovery } from './journal/recovery'
import { ReversalsUnderWay } from './journal/reversals'
import { JournalPerTarget } from './journal/settling-service'
import { offlineFor } from './offline'
import { PlatformConnection } from './platform/connection'
import type { TrainingPlatform } from './platform/training-port'
import { saleModule } from './sale/module'
import { fileKeyBox, SecretStore, type SecretBox } from './secrets/secret-store'
import { installCredentialVault } from './secrets/credential-vault'
import { sealWaitingCredentials } from './journal/stored-credentials'
import type { CoreContext, CoreModule } from './module'
import { sessionModule } from './session/module'
import { SessionService } from './session/session-service'
import { settingsModule } from './settings/module'
import { shiftModule } from './shift/module'
import { stockModule } from './stock/module'
import { uploadsModule } from './stock/uploads/module'
import { syncModule } from './sync'
import { SettingsService } from './settings/settings-service'
import { openDatabase, type Db } from '../base/store/database'
import { coreMigrations } from './store/migrations'
import { createDispatcher, type Handlers, type Logger } from './transport/dispatcher'

export { CoreConfigSchema, type CoreConfig }

export interface CoreDeps {
  /** The platform training mode practises on: the shells and tests hand in the simulator (electron/sandbox/training.ts). */
  training: TrainingPlatform
  clock?: Clock
  log?: Logger
  /** Electron passes one backed by the OS keychain (safeStorage); elsewhere a key file beside the database. */
  secretBox?: SecretBox
}

export interface Core {
  readonly db: Db
  readonly events: EventBus
  readonly settings: SettingsService
  readonly session: SessionService
  /** Key-downs of a window for the keyboard-wedge scanner (Electron's before-input-event hook). */
  readonly wedge: WedgeKeyboard
  dispatch(name: string, input: unknown): Promise<CallResult>
  /** Refuses new calls, lets the calls in flight finish, stops the modules, then closes the database. */
  close(): Promise<void>
}

export const DATABASE_FILE = 'gongji.db'
/** A person waits for this many 2601 attempts (or resends) of each message in a recovery round; the rest waits for the next. */
const RECOVERY_ATTEMPTS_EACH = 3
const RECOVERY_RETRY_MS = 30_000
/** The audit trail's head at the last day close, start or shutdown, kept outside the database (audit/audit-anchor.ts). */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.json'

/** The calls the modules of a list answer between them. */
type AnsweredBy<M extends readonly CoreModule<never>[]> = M[number] extends infer Each ? (Each extends { handlers: infer H } ? keyof H : never) : never

/** Compiles only when every call of the contract has a handler; otherwise the error names the calls left over. */
type EveryCallAnswered<M extends readonly CoreModule<never>[]> = [Exclude<CallName, AnsweredBy<M>>] extends [never]
  ? unknown
  : { readonly 'calls without a handler': Exclude<CallName, AnsweredBy<M>> }

/**
 * One handler table out of the modules' tables. The type of `modules` is the proof that the table is
 * whole: a call no module answers is a compile error here, not an INTERNAL at run time.
 */
export function joinHandlers<const M extends readonly CoreModule<never>[]>(modules: M & EveryCallAnswered<M>): Handlers {
  return Object.assign({}, ...modules.map((m) => m.handlers)) as Handlers
}

/** The composition root: every service of the core is built here, from config, and nowhere else. */
export async function createCore(rawConfig: CoreConfig, deps: CoreDeps): Promise<Core> {
  const config = CoreConfigSchema.parse(rawConfig)
  const clock = deps.clock ?? systemClock
  const log = deps.log ?? fileLogger(config.dataDir, () => clock.now())
  const startedAt = clock.now().toISOString()

  const db = openDatabase(join(config.dataDir, DATABASE_FILE), coreMigrations, { now: () => clock.now() })
  const events = new EventBus()
  const settings = new SettingsService(db, clock, events)
  const secrets = new SecretStore(db, clock, deps.secretBox ?? fileKeyBox(config.dataDir))
  installCredentialVault(db, secrets)
  sealWaitingCredentials(db)
  const audit = new AuditTrail(db, clock, { keys: sealedAuditKeys(secrets), anchorFile: new AnchorFile(join(config.dataDir, AUDIT_ANCHOR_FILE)) })
  audit.keyChain()
  advanceAnchor(db, audit)
  const session = new SessionService(db, clock, settings, audit, events)
  const printer = new PrintService({ db, clock, settings: null })
  const catalog = createCatalogService(db, () => clock.now())
  const platform = new PlatformConnection({
    dataDir: config.dataDir,
    db,
    clock,
    secrets,
    settings: () => settings.get(),
    training: deps.training,
    operator: () => session.operator(),
  })
  const ledger = new SaleLedger(db, clock, audit, { terminalId: () => settings.get().terminalId, training: () => settings.get().trainingMode })
  const reversals = ReversalsUnderWay.of(db)
  // Recovery only reverses and resends: its journals need no wire and no answer hook.
  const recoveryJournals = new JournalPerTarget({ db, clock, audit, settings: () => settings.get(), reversals }, RECOVERY_ATTEMPTS_EACH, {})
  const recovery = new Recovery({
    clock,
    ledger,
    log,
    journal: async () => recoveryJournals.for(await platform.background()),
    attemptsEach: RECOVERY_ATTEMPTS_EACH,
    retryMs: RECOVERY_RETRY_MS,
  })
  const ctx: CoreContext = { config, clock, log, db, events, settings, audit, session, printer, catalog, platform, secrets, ledger, recovery, reversals }

  const devices = devicesModule(ctx)
  const manager = managerModule(ctx)
  const stock = stockModule(ctx)
  const shift = shiftModule(ctx, manager)
  const catalogs = catalogModule(ctx)
  const modules = [
    settingsModule(ctx, startedAt),
    sessionModule(ctx),
    devices,
    catalogs,
    saleModule(ctx, stock.counter, shift.shifts),
    manager,
    clinicModule(ctx),
    offlineModule(ctx, manager.pending),
    stock,
    uploadsModule(ctx),
    syncModule(ctx, catalogs.importer),
    shift,
  ] as const satisfies readonly CoreModule<never>[]
  const handlers = joinHandlers(modules)
  const dispatchCall = createDispatcher(handlers, session.gate, log)
  for (const m of modules) await (m as CoreModule<never>).start?.()
  // What waits in the offline queue is the forwarder's to send; the loop only reports it.
  recovery.add({ kind: 'offline', left: () => offlineFor(ctx).queue.status().queued })
  // Once, in the background, so the window opens at once; insured sales and visits wait for it.
  recovery.start()

  const inFlight = new Set<Promise<CallResult>>()
  let closing: Promise<void> | undefined

  return {
    db,
    events,
    settings,
    session,
    wedge: devices.keyboard,
    dispatch(name, input) {
      if (closing) {
        return Promise.resolve({ ok: false, error: { code: 'SHUTTING_DOWN', message: '程序正在关闭，请稍候重新打开' } })
      }
      const call = dispatchCall(name, input).finally(() => inFlight.delete(call))
      inFlight.add(call)
      return call
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight])
        recovery.close()
        for (const m of [...modules].reverse()) await (m as CoreModule<never>).close?.()
        await printer.close()
        await platform.close()
        advanceAnchor(db, audit)
        db.close()
      })()
      return closing
    },
  }
}
