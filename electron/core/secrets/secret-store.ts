import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { PosError, type AppInfoSchema } from '../../../shared/contract'
import type { Clock } from '../../base/clock'
import type { Db } from '../../base/store/database'

/** Encrypts small secrets at rest. Electron's main injects one backed by the OS keychain (safeStorage). */
export interface SecretBox {
  readonly kind: z.infer<typeof AppInfoSchema>['secretProtection']
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

/**
 * Where the OS keychain is not available (the browser shell, tests): AES-256-GCM with a random key kept in
 * a file only this user can read, beside the database. It keeps the secret out of the database file and
 * its backups; it is not a defence against someone who can read the whole data directory.
 */
export function fileKeyBox(dataDir: string): SecretBox {
  const path = join(dataDir, SECRET_KEY_FILE)
  if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' })
  chmodSync(path, 0o600)
  return keyFileBox(readFileSync(path))
}

/** The key file's box for a read-only check (`audit:verify`): undefined where no key file was ever made. */
export function existingFileKeyBox(dataDir: string): SecretBox | undefined {
  const path = join(dataDir, SECRET_KEY_FILE)
  return existsSync(path) ? keyFileBox(readFileSync(path)) : undefined
}

const SECRET_KEY_FILE = 'secret.key'
const SEALED_PREFIX = 'sealed:'

function keyFileBox(key: Buffer): SecretBox {
  return {
    kind: 'file-key',
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

/** Named secrets (the platform's gateway secret), sealed by the box, in the settings table under `secret:`. */
export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {}

  get kind(): SecretBox['kind'] {
    return this.box.kind
  }

  set(name: string, value: string): void {
    const sealed = { box: this.box.kind, data: this.box.encrypt(value).toString('base64') }
    this.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(`secret:${name}`, JSON.stringify(sealed), this.clock.now().toISOString())
  }

  get(name: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`secret:${name}`) as { value: string } | undefined
    if (!row) return undefined
    const sealed = JSON.parse(row.value) as { box: string; data: string }
    if (sealed.box !== this.box.kind) {
      throw new PosError('SECRET_SEALED_ELSEWHERE')
    }
    return this.box.decrypt(Buffer.from(sealed.data, 'base64'))
  }

  /** The names stored under a prefix, oldest first. */
  names(prefix: string): string[] {
    const rows = this.db.prepare('SELECT key FROM settings WHERE key >= ? AND key < ? ORDER BY rowid').all(`secret:${prefix}`, `secret:${prefix}\uffff`) as {
      key: string
    }[]
    return rows.map((r) => r.key.slice('secret:'.length))
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(`secret:${name}`)
  }

  /**
   * A value sealed by the box for a column of its own (an ID number a queued message must resend): the
   * box's kind travels with it, so a value sealed elsewhere is reported, never mis-opened.
   */
  seal(value: string): string {
    return `${SEALED_PREFIX}${this.box.kind}:${this.box.encrypt(value).toString('base64')}`
  }

  /** The value `seal` wrote; undefined for text that is not a sealed value or was sealed by another box. */
  open(stored: string): string | undefined {
    if (!stored.startsWith(SEALED_PREFIX)) return undefined
    const rest = stored.slice(SEALED_PREFIX.length)
    const colon = rest.indexOf(':')
    if (rest.slice(0, colon) !== this.box.kind) return undefined
    try {
      return this.box.decrypt(Buffer.from(rest.slice(colon + 1), 'base64'))
    } catch {
      return undefined
    }
  }

  has(name: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(`secret:${name}`))
  }
}
