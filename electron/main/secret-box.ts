import { safeStorage } from 'electron'
import type { SecretBox } from '../core/secrets/secret-store'

/**
 * Secrets sealed by the OS keychain (DPAPI on Windows, Keychain on macOS, libsecret or kwallet on Linux).
 * Returns undefined where the OS offers none, and the core's key file is used instead (and named as such
 * on the settings screen). On Linux without a keyring, safeStorage still "encrypts", with a password
 * hard-coded in Chromium (`basic_text`): that is no seal, so it counts as no keychain.
 */
export function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined
  return {
    kind: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  }
}
