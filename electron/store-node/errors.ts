import type { SyncErrorCode } from '../../shared/contract/sync/wire'

const STATUS: Record<SyncErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAIRING_CODE_INVALID: 403,
  TERMINAL_BLOCKED: 403,
  STORE_FULL: 409,
  STORE_UNKNOWN: 404,
  SYNC_BODY_CONFLICT: 409,
  SYNC_BODY_HASH: 400,
  MSGID_TERMINAL_MISMATCH: 409,
  NOT_FOUND: 404,
  INTERNAL: 500,
}

/** A refusal the store node answers with its code and words; nothing was changed. */
export class StoreNodeError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreNodeError'
  }
  get status(): number {
    return STATUS[this.code]
  }
}
