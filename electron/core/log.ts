import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from './transport/dispatcher'

/**
 * JSON lines in the data directory. Callers pass codes and messages, never call inputs: inputs carry
 * names and ID numbers, which must not reach a log file.
 */
export function fileLogger(dataDir: string, clock: () => Date = () => new Date()): Logger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  return (entry) => {
    const at = clock()
    const line = JSON.stringify({ at: at.toISOString(), ...entry })
    appendFileSync(join(dir, `core-${at.toISOString().slice(0, 10)}.log`), line + '\n')
    if (entry.level === 'error') process.stderr.write(line + '\n')
  }
}
