// lint as: electron/base/store/example.ts
// The base floor reaching up into the core.
import { coreMigrations } from '../../core/store/migrations'

export const migrations = coreMigrations
