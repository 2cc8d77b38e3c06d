// The PIN hash lives in electron/base so the head office (the store node in its HQ role) hashes a chain user's PIN exactly as a counter checks it.
export { hashPin, NOBODY_HASH, verifyPin } from '../../base/pin-hash'
