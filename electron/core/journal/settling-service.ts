import type { Settings } from '../../../shared/contract'
import type { AuditTrail } from '../audit'
import type { CatalogService } from '../catalog'
import type { Clock } from '../../base/clock'
import type { PrintService } from '../devices'
import type { EventBus } from '../events'
import type { CoreContext } from '../module'
import type { PlatformConnection, PlatformTarget } from '../platform'
import type { SessionService } from '../session'
import type { Db } from '../../base/store/database'
import type { SaleLedger } from '../ledger'
import type { Recovery } from './recovery'
import type { ReversalsUnderWay } from './reversals'
import { SaleJournal, type JournalOptions } from './sale-journal'

/**
 * What a service that takes money through the journal is built from: the pharmacy counter's sales and
 * the clinic front desk's visits alike.
 */
export interface SettlingServiceDeps {
  db: Db
  clock: Clock
  /** The sales themselves: opened, read and completed at the counter without the platform. */
  ledger: SaleLedger
  events: EventBus
  audit: AuditTrail
  catalog: CatalogService
  printer: PrintService
  session: SessionService
  connection: PlatformConnection
  settings: () => Settings
  /** The core's one recovery loop: insured work waits while a round runs. */
  recovery: Recovery
  /** The reversals under way on this database, shared by every journal of the core. */
  reversals: ReversalsUnderWay
  /** Test hook: shorter pauses between attempts. */
  backoffMs?: number
}

export function settlingServiceDeps(ctx: CoreContext): SettlingServiceDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    ledger: ctx.ledger,
    events: ctx.events,
    audit: ctx.audit,
    catalog: ctx.catalog,
    printer: ctx.printer,
    session: ctx.session,
    connection: ctx.platform,
    settings: () => ctx.settings.get(),
    recovery: ctx.recovery,
    reversals: ctx.reversals,
  }
}

/**
 * One journal per platform target: a settings change brings a new client and msgid sequence, while a
 * message already in flight finishes on the journal it started with. Reads need no platform, so a
 * journal over the database alone answers them.
 */
export class JournalPerTarget {
  private journals = new WeakMap<PlatformTarget, SaleJournal>()

  constructor(
    private readonly deps: Pick<SettlingServiceDeps, 'db' | 'clock' | 'audit' | 'settings' | 'backoffMs' | 'reversals'>,
    /** How many sends a person at the desk waits for before the rest is left to background recovery. */
    private readonly inlineAttempts: number,
    /** How the kinds of sale this service settles speak to the platform. */
    private readonly wires: JournalOptions['wires'],
    private readonly onAnswered?: JournalOptions['onAnswered'],
  ) {}

  for(t: PlatformTarget): SaleJournal {
    let journal = this.journals.get(t)
    if (!journal) {
      journal = new SaleJournal(this.deps.db, this.deps.clock, { platform: t.client, msgids: t.msgids }, this.deps.audit, {
        terminalId: this.deps.settings().terminalId,
        training: () => this.deps.settings().trainingMode,
        inlineReversalAttempts: this.inlineAttempts,
        backoffMs: this.deps.backoffMs,
        onAnswered: this.onAnswered,
        wires: this.wires,
        reversals: this.deps.reversals,
      })
      this.journals.set(t, journal)
    }
    return journal
  }

  reader(): SaleJournal {
    return new SaleJournal(this.deps.db, this.deps.clock, null, this.deps.audit, {
      terminalId: this.deps.settings().terminalId,
      training: () => this.deps.settings().trainingMode,
    })
  }
}
