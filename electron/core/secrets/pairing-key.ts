import type { SecretStore } from './secret-store'

/**
 * The key a paired counter shows the store node on every push. Whoever holds it can push as this counter,
 * so it is sealed by the same box as the platform secret and the audit keys, never kept in `sync_state`
 * (which copies of the database and its backups carry in the clear).
 */
export interface PairingKeySlot {
  /** Written through the database, so inside the caller's transaction it commits or rolls back with it. */
  seal(key: string): void
  /** Undefined when none was sealed; throws SECRET_SEALED_ELSEWHERE when another box sealed it. */
  open(): string | undefined
  forget(): void
}

const PAIRING_KEY = 'sync:pairing-key'

export function sealedPairingKey(secrets: SecretStore): PairingKeySlot {
  return {
    seal: (key) => secrets.set(PAIRING_KEY, key),
    open: () => secrets.get(PAIRING_KEY),
    forget: () => secrets.delete(PAIRING_KEY),
  }
}
