import { safeStorage } from 'electron'
import type { SecretBox } from '../core/secrets/secret-store'

/**
 * Secrets sealed by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret on Linux). Where the
 * OS offers none (a bare Linux session), the core's key file is used instead: returns undefined.
 */
export function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  return {
    kind: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
