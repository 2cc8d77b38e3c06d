import type { Migration } from '../database'
import foundation from './0001_foundation'

/**
 * The core database's history, oldest first. Append only: never edit or reorder a migration that has
 * shipped; a database whose history differs is refused at start-up.
 */
export const coreMigrations: readonly Migration[] = [foundation]
