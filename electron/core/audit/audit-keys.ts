import { createHmac, randomBytes } from 'node:crypto'
import type { SecretStore } from '../secrets/secret-store'

/**
 * The audit trail's MAC keys. A key is named by the secret box that seals it (`file-key`, `os-keychain`),
 * because a key sealed by one box cannot be opened by another: rows MACed under a key this process cannot
 * open are reported as unchecked, never as broken.
 */
export interface AuditKeys {
  /** The key new rows are MACed with. */
  readonly current: { id: string; key: Buffer }
  /** The key of that id, if this process can open it. */
  get(id: string): Buffer | undefined
}

const SECRET_PREFIX = 'audit-key:'

/** The per-install key, created (32 random bytes) the first time and sealed like the platform secret. */
export function sealedAuditKeys(secrets: SecretStore): AuditKeys {
  const name = `${SECRET_PREFIX}${secrets.kind}`
  if (!secrets.has(name)) secrets.set(name, randomBytes(32).toString('base64'))
  return existingAuditKeys(secrets)!
}

/** The keys a read-only check can open: the one sealed by this box, if it was ever created; never creates one. */
export function existingAuditKeys(secrets: SecretStore): AuditKeys | undefined {
  const name = `${SECRET_PREFIX}${secrets.kind}`
  if (!secrets.has(name)) return undefined
  const key = Buffer.from(secrets.get(name)!, 'base64')
  return { current: { id: secrets.kind, key }, get: (other) => (other === secrets.kind ? key : undefined) }
}

export function rowMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`gongji-audit-row-v1\0${hash}`).digest('hex')
}

export function anchorTag(key: Buffer, seq: number, mac: string): string {
  return createHmac('sha256', key).update(`gongji-audit-anchor-v1\0${seq}\0${mac}`).digest('hex')
}
