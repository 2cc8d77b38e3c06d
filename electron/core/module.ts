import type { CallName } from '../../shared/contract'
import type { AuditTrail } from './audit/audit-trail'
import type { CatalogService } from './catalog'
import type { Clock } from '../base/clock'
import type { CoreConfig } from './config'
import type { PrintService } from './devices/printer/print-service'
import type { EventBus } from './events'
import type { PlatformConnection } from './platform/connection'
import type { SecretStore } from './secrets/secret-store'
import type { SessionService } from './session/session-service'
import type { SettingsService } from './settings/settings-service'
import type { Db } from '../base/store/database'
import type { Recovery } from './journal/recovery'
import type { ReversalsUnderWay } from './journal/reversals'
import type { SaleLedger } from './ledger/sale-ledger'
import type { HandlersOf, Logger } from './transport/dispatcher'

/** What every concern of the core is built from. */
export interface CoreContext {
  config: CoreConfig
  clock: Clock
  log: Logger
  db: Db
  events: EventBus
  settings: SettingsService
  audit: AuditTrail
  session: SessionService
  /** Shared services several concerns use (the counter prints and looks items up). */
  printer: PrintService
  catalog: CatalogService
  /** The platform the counter talks to now (training sandbox or the live gateway). */
  platform: PlatformConnection
  secrets: SecretStore
  /** The one owner of the money tables (sales, their lines, sold traceability codes). */
  ledger: SaleLedger
  /** The one recovery loop; each concern that journals money adds its part (journal/recovery.ts). */
  recovery: Recovery
  /** The reversals under way on this database, shared by every journal. */
  reversals: ReversalsUnderWay
}

/** One concern of the core: the contract calls it answers, and what it does at start and close. */
export interface CoreModule<K extends CallName> {
  handlers: HandlersOf<K>
  /** Runs once every module is built, before the first call is taken. */
  start?(): Promise<void> | void
  /** Runs after the calls in flight have finished, before the database closes. */
  close?(): Promise<void> | void
}
