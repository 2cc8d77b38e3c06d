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
  DIFFERENCE_NOT_FOUND: 404,
  DIFFERENCE_DONE: 409,
  ACTION_NOT_ALLOWED: 409,
  SECOND_MANAGER_REQUIRED: 409,
  RECON_STALE_RUN: 409,
  RECON_REQUIRED: 409,
  RECON_UNEXPLAINED: 409,
  RECON_STALE: 409,
  STORE_INCOMPLETE: 409,
  DAY_CLOSED: 409,
  DAY_ALREADY_CLOSED: 409,
  SHIFTS_OPEN: 409,
  SALE_NOT_IN_STORE: 404,
  SALE_LEASED: 409,
  SALE_SELLER_SILENT: 409,
  SALE_ALREADY_REFUNDED: 409,
  LEASE_NOT_HELD: 409,
  PERSONAL_DATA: 422,
  STORE_MISMATCH: 409,
  ALREADY_PAIRED: 409,
  NOT_PAIRED: 404,
  HQ_UNREACHABLE: 502,
  HQ_REFUSED: 502,
  CATALOG_FILE_INVALID: 409,
  SECRET_UNREADABLE: 400,
  HQ_USER_LOCKED: 429,
  HQ_FORBIDDEN: 403,
  HQ_USER_EXISTS: 409,
  MASTER_DATA_HQ_OWNED: 403,
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
