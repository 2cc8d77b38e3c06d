import { createHmac, randomBytes } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import type { Db } from '../../base/store/database'
import type { SecretStore } from './secret-store'

/**
 * What the core may keep of a customer's credential at rest (docs/security.md, "Personal data at rest"):
 * - an ID number only as a keyed HMAC (the offline member snapshots' key), never as a plain hash: the ID
 *   space is small enough to enumerate, so only a key the thief of the database file lacks makes it one-way;
 * - an ID number sealed by the secret box only inside a message that must be resent as written (a queued
 *   offline 2102, an open clinic visit message), where the platform checks the credential against psn_no;
 * - an ecToken never: it lives in memory for the sale and expires within minutes anyway.
 */
export class CredentialVault {
  constructor(
    private readonly secrets: SecretStore,
    private readonly identityKey: Buffer,
  ) {}

  /** The offline snapshot key of an ID number: HMAC-SHA256 under the per-install key, upper-cased as the counter reads it. */
  idKey(idCardNo: string): string {
    return createHmac('sha256', this.identityKey).update(`gongji-member-id-v1\0${idCardNo.trim().toUpperCase()}`).digest('hex')
  }

  seal(certNo: string): string {
    return this.secrets.seal(certNo)
  }

  open(stored: string): string | undefined {
    return this.secrets.open(stored)
  }
}

const IDENTITY_KEY = 'identity-key'

/**
 * The per-install identity key, 32 random bytes made the first time and sealed like the platform secret.
 * A key the box can no longer open (a reset keychain) is replaced: snapshots keyed by the old one can
 * never match again, so they are deleted with it (the customer is identified online once more).
 */
export function sealedIdentityKey(db: Db, secrets: SecretStore): Buffer {
  let stored: string | undefined
  try {
    stored = secrets.get(IDENTITY_KEY)
  } catch {
    stored = undefined
  }
  if (stored) return Buffer.from(stored, 'base64')
  const key = randomBytes(32)
  db.transaction(() => {
    db.prepare('DELETE FROM member_snapshots').run()
    secrets.set(IDENTITY_KEY, key.toString('base64'))
  })()
  return key
}

/**
 * The vault of each open core database. The journals, the offline queue and the snapshots are built in
 * many places from the same Db; the composition root installs the vault once beside it.
 */
const vaults = new WeakMap<Db, CredentialVault>()

export function installCredentialVault(db: Db, secrets: SecretStore): CredentialVault {
  const vault = new CredentialVault(secrets, sealedIdentityKey(db, secrets))
  vaults.set(db, vault)
  return vault
}

/** undefined where no vault was installed (a journal built bare in a test): credentials are then withheld, never kept. */
export function credentialVaultOf(db: Db): CredentialVault | undefined {
  return vaults.get(db)
}

export function requireCredentialVault(db: Db): CredentialVault {
  const vault = vaults.get(db)
  if (!vault) throw new PosError('IDENTITY_KEY_MISSING')
  return vault
}
