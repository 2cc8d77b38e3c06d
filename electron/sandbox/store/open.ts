import { join } from 'node:path'
import { openDatabase, type Db } from '../../base/store/database'
import type { Clock } from '../../base/clock'
import { sandboxMigrations } from './migrations'

export const SANDBOX_DB_FILE = 'sandbox.db'

/** The platform's database in dataDir, or in memory without one. */
export function openSandboxDb(dataDir: string | undefined, clock: Clock): Db {
  const file = dataDir ? join(dataDir, SANDBOX_DB_FILE) : ':memory:'
  return openDatabase(file, sandboxMigrations, { now: () => clock.now() })
}
