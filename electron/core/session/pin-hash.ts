// The hash lives in electron/base so the head office's sign-in (electron/store-node/hq/users.ts) hashes the same way.
export { hashSecret as hashPin, NOBODY_HASH, verifySecret as verifyPin } from '../../base/secret-hash'
