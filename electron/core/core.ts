import { join } from 'node:path'
import { z } from 'zod'
import type { CallResult } from '../../shared/contract'
import { systemClock, type Clock } from './clock'
import { EventBus } from './events'
import { fileLogger } from './log'
import { SettingsService } from './settings/settings-service'
import { openDatabase, schemaVersion, type Db } from './store/database'
import { coreMigrations } from './store/migrations'
import { createDispatcher, type Handlers, type Logger } from './transport/dispatcher'

export const CoreConfigSchema = z.object({
  dataDir: z.string().min(1),
  shell: z.enum(['electron', 'web']),
  version: z.string(),
})
export type CoreConfig = z.infer<typeof CoreConfigSchema>

export interface CoreDeps {
  clock?: Clock
  log?: Logger
}

export interface Core {
  readonly db: Db
  readonly events: EventBus
  readonly settings: SettingsService
  dispatch(name: string, input: unknown): Promise<CallResult>
  /** Refuses new calls, lets the calls in flight finish, then closes the database. */
  close(): Promise<void>
}

export const DATABASE_FILE = 'gongji.db'

/** The composition root: every service of the core is built here, from config, and nowhere else. */
export function createCore(rawConfig: CoreConfig, deps: CoreDeps = {}): Core {
  const config = CoreConfigSchema.parse(rawConfig)
  const clock = deps.clock ?? systemClock
  const log = deps.log ?? fileLogger(config.dataDir, () => clock.now())
  const startedAt = clock.now().toISOString()

  const db = openDatabase(join(config.dataDir, DATABASE_FILE), coreMigrations, { now: () => clock.now() })
  const events = new EventBus()
  const settings = new SettingsService(db, clock, events)

  const handlers: Handlers = {
    appInfo: () => ({
      name: 'gongji-pos',
      version: config.version,
      shell: config.shell,
      schemaVersion: schemaVersion(db),
      dataDir: config.dataDir,
      startedAt,
    }),
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
  }
  const dispatchCall = createDispatcher(handlers, log)

  const inFlight = new Set<Promise<CallResult>>()
  let closing: Promise<void> | undefined

  return {
    db,
    events,
    settings,
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
        db.close()
      })()
      return closing
    },
  }
}
