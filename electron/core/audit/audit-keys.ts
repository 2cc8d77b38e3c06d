import { createHmac, randomBytes } from 'node:crypto'
import type { SecretStore } from '../secrets'

/**
 * The audit trail's MAC keys. A key's id names the secret box that seals it (`file-key`, `os-keychain`,
 * then `os-keychain#2` …), because a key sealed by one box cannot be opened by another, and a keychain
 * can lose what it held. Rows MACed under a key this process cannot open are reported as uncheckable,
 * never as edited.
 */
export interface AuditKeys {
  /** The key new rows are MACed with. */
  readonly current: { id: string; key: Buffer }
  /** The key of that id, if this process can open it. */
  get(id: string): Buffer | undefined
}

const SECRET_PREFIX = 'audit-key:'

/** Every audit key this box sealed that it can still open, by id, oldest first. */
function openable(secrets: SecretStore): { ids: string[]; keys: Map<string, Buffer> } {
  const ids = secrets
    .names(SECRET_PREFIX)
    .map((n) => n.slice(SECRET_PREFIX.length))
    .filter((id) => id === secrets.kind || id.startsWith(`${secrets.kind}#`))
  const keys = new Map<string, Buffer>()
  for (const id of ids) {
    try {
      keys.set(id, Buffer.from(secrets.get(`${SECRET_PREFIX}${id}`)!, 'base64'))
    } catch {
      // The keychain no longer opens it (reset, another OS account): its rows stay uncheckable.
    }
  }
  return { ids, keys }
}

/**
 * The per-install key, created (32 random bytes) the first time and sealed like the platform secret. If
 * the newest key can no longer be opened, a new one is made under the next id rather than refusing to
 * start: rows from then on are checked again.
 */
export function sealedAuditKeys(secrets: SecretStore): AuditKeys {
  let { ids, keys } = openable(secrets)
  const newest = ids.at(-1)
  if (newest === undefined || !keys.has(newest)) {
    secrets.set(`${SECRET_PREFIX}${newest === undefined ? secrets.kind : `${secrets.kind}#${ids.length + 1}`}`, randomBytes(32).toString('base64'))
    ;({ ids, keys } = openable(secrets))
  }
  return keyring(ids.at(-1)!, keys)
}

/** The keys a read-only check can open; never creates one. */
export function existingAuditKeys(secrets: SecretStore): AuditKeys | undefined {
  const { ids, keys } = openable(secrets)
  const newest = ids.at(-1)
  return newest !== undefined && keys.has(newest) ? keyring(newest, keys) : undefined
}

function keyring(current: string, keys: Map<string, Buffer>): AuditKeys {
  return { current: { id: current, key: keys.get(current)! }, get: (id) => keys.get(id) }
}

export function rowMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`gongji-audit-row-v1\0${hash}`).digest('hex')
}

export function anchorTag(key: Buffer, seq: number, mac: string): string {
  return createHmac('sha256', key).update(`gongji-audit-anchor-v1\0${seq}\0${mac}`).digest('hex')
}
