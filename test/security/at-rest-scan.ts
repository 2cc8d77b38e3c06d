import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Db } from '../../electron/base/store/database'

/**
 * Where any of the needles sits in clear: every column of every table of the live connection, and the raw
 * bytes of every file of the data directory (the database, its WAL, the logs, the exports, the keys),
 * except the training platform's own folder (the simulated platform legitimately holds its people).
 */
export function clearPlaces(db: Db, dataDir: string, needles: string[]): string[] {
  const found: string[] = []
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value)
        for (const n of needles) if (text.includes(n)) found.push(`${name}.${column}`)
      }
    }
  }
  for (const file of filesUnder(dataDir)) {
    if (relative(dataDir, file).startsWith('training-platform')) continue
    const bytes = readFileSync(file).toString('latin1')
    for (const n of needles) if (bytes.includes(n)) found.push(relative(dataDir, file))
  }
  return [...new Set(found)]
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
}

/** Every ecToken the training platform handed out (its own database, read-only). */
export function issuedEcTokens(dataDir: string): string[] {
  const dir = join(dataDir, 'training-platform')
  const tokens: string[] = []
  for (const file of filesUnder(dir).filter((f) => /\.(db|sqlite)$/.test(f))) {
    const db = new Database(file, { readonly: true })
    try {
      const has = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'ec_tokens'").get()
      if (has) tokens.push(...(db.prepare('SELECT ec_token FROM ec_tokens').all() as { ec_token: string }[]).map((r) => r.ec_token))
    } finally {
      db.close()
    }
  }
  return tokens
}

export function modeOf(path: string): string {
  return existsSync(path) ? (statSync(path).mode & 0o777).toString(8) : 'missing'
}

/** The ID card check digit (GB 11643). */
function checkDigit(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * w[i]
  return '10X98765432'[s % 11]
}

/**
 * The review's attack (security-review.md D1, idbrute.py): from a snapshot's masked number (first 3, last
 * 4) and age, rebuild every ID number it could be and hash each with the old public prefix until one
 * matches the row's key. Returns the number found, or null.
 */
export function oldAttack(key: string, masked: string, age: number, now: Date): { found: string | null; tried: number } {
  const head = masked.slice(0, 3)
  const tail = masked.slice(-4)
  let tried = 0
  for (const birthYear of [now.getUTCFullYear() - age - 1, now.getUTCFullYear() - age]) {
    for (let day = new Date(Date.UTC(birthYear, 0, 1)); day.getUTCFullYear() === birthYear; day = new Date(day.getTime() + 86_400_000)) {
      const ymd = day.toISOString().slice(0, 10).replace(/-/g, '')
      for (let region = 0; region < 1000; region++) {
        const body = `${head}${String(region).padStart(3, '0')}${ymd}${tail.slice(0, 3)}`
        if (checkDigit(body) !== tail[3]) continue
        tried++
        const id = body + tail[3]
        if (createHash('sha256').update(`gongji-offline:${id}`).digest('hex') === key) return { found: id, tried }
      }
    }
  }
  return { found: null, tried }
}
