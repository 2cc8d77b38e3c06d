/** Other concerns reach the secrets concern only through this file (eslint.config.js, INDEXED_CONCERNS). */
export { credentialVaultOf, requireCredentialVault } from './credential-vault'
export { sealedPairingKey } from './pairing-key'
export type { PairingKeySlot } from './pairing-key'
export type { SecretStore } from './secret-store'
