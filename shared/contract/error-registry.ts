import { z } from 'zod'
import { VISIT_ACTIONS, VISIT_STAGES } from './clinic/stage-words'

/**
 * Every error code the core answers, with the parameters its words need. The core throws a code and these
 * parameters; the words live in the renderer's tables (renderer/src/i18n/errors/), one per language, and the
 * Chinese ones (shared/contract/error-words-zh.ts) also make the `message` logs and the store node read.
 * Amounts travel as yuan text ("12.50"), never as numbers, and quantities as the lines carry them ("1.5"); `detail` is words another party wrote (the
 * platform's err_msg, the operating system's, the store node's), passed on as they came.
 */
const none = z.object({})
const detail = z.object({ detail: z.string() })
const day = z.object({ day: z.string() })
const name = z.object({ name: z.string() })
/** An import's refusal: the reason names the problem, the line where the file has it. */
const importRefusal = z.object({ reason: z.string(), line: z.number().int().nullable() })
/** Two counters, or the store node and a counter, speak of a counter by its two-digit number. */
const terminal = z.string()

export const ERROR_PARAMS = {
  // transport: the dispatcher and the two shells
  INVALID_INPUT: z.object({ fields: z.string().optional(), why: z.enum(['amountNotPositive']).optional() }),
  UNKNOWN_CALL: z.object({ call: z.string().optional() }),
  FORBIDDEN_FRAME: none,
  UNAUTHORIZED: none,
  INTERNAL: none,
  /** Not from the core: the renderer's word for a failure that never reached it as a typed error. */
  UNEXPECTED: none,
  /** Not from the core either: the browser shell could not reach it. */
  TRANSPORT: z.object({ status: z.number().int().optional() }),
  /** Not from the core: the renderer's check found an answer or an event that does not fit its contract schema. */
  CORE_ANSWER_INVALID: z.object({ call: z.string() }),

  // session
  NOT_SIGNED_IN: none,
  SESSION_LOCKED: z.object({ by: z.string().optional() }),
  SESSION_HELD: name,
  FORBIDDEN_ROLE: z.object({ role: z.string(), call: z.string(), allowed: z.array(z.string()) }),
  LOGIN_FAILED: none,
  USER_LOCKED: z.union([z.object({ failures: z.number().int(), minutes: z.number().int() }), z.object({ until: z.string() })]),
  USER_INACTIVE: none,
  TRAINING_USER_LIVE: none,
  APPROVAL_NOT_MANAGER: z.object({ name: z.string(), action: z.string() }),
  PIN_REQUIRED: none,
  DEMO_USER_FIXED: none,
  LAST_MANAGER: none,

  // settings, secrets, gateway
  TRAINING_SWITCH_REFUSED: z.object({ why: z.enum(['noManager', 'reversalsPending']) }),
  TERMINAL_NO_FROM_STORE_NODE: none,
  TERMINAL_NO_REQUIRED: z.object({ why: z.enum(['goLive', 'resend']) }),
  SECRET_SEALED_ELSEWHERE: none,
  IDENTITY_KEY_MISSING: none,
  CREDENTIAL_SEALED_ELSEWHERE: none,
  GATEWAY_PROFILE_UNKNOWN: z.object({ profile: z.string() }),
  PLATFORM_URL_INVALID: z.union([z.object({ url: z.string() }), z.object({ why: z.literal('notHttps') })]),
  PLATFORM_URL_INSECURE: none,
  PLATFORM_CA_INVALID: z.union([
    z.object({ why: z.literal('notPem') }),
    z.object({ why: z.literal('unparsable'), part: z.number().int() }),
    z.object({ why: z.literal('notValidNow'), part: z.number().int(), subject: z.string(), from: z.string(), to: z.string() }),
  ]),
  PLATFORM_NOT_CONFIGURED: z.object({ why: z.enum(['notConnected', 'noAddress']) }),

  // the platform's own failures (electron/core/platform/errors.ts)
  PLATFORM_REFUSED: detail,
  PLATFORM_UNREACHABLE: detail,
  PLATFORM_NO_ANSWER: detail,
  PLATFORM_BAD_ANSWER: detail,
  PLATFORM_ANSWER_REJECTED: detail,
  NOT_TRAINING: z.object({ why: z.enum(['practiceCodes', 'platformStarting']) }),

  // credentials
  QR_INVALID: z.union([z.object({ why: z.literal('unreadable') }), z.object({ why: z.literal('refused'), reason: z.string() })]),
  ID_CARD_INVALID: z.object({ why: z.enum(['format', 'checkDigit']) }),
  SOCIAL_CARD_INVALID: z.union([
    z.object({ why: z.enum(['cardNo', 'cardSn', 'notSocialCard']) }),
    /** The configured reader (the vendor plug-in) read no card, in its own words. */
    z.object({ why: z.literal('reader'), reason: z.string() }),
  ]),
  CARD_READER_NOT_CONFIGURED: none,
  CREDENTIAL_PLUGIN_UNREACHABLE: z.object({ url: z.string() }),
  CREDENTIAL_PLUGIN_BAD_ANSWER: z.object({ status: z.number().int() }),

  // members
  MEMBER_NOT_INSURED: none,
  MEMBER_EXPIRED: z.object({ why: z.enum(['tenMinutes', 'restarted']) }),
  MEMBER_REQUIRED: none,
  MEMBER_NOT_SEEN: z.object({ why: z.enum(['pay', 'estimate']) }),
  MEMBER_SNAPSHOT_TOO_OLD: z.object({ days: z.number().int(), maxDays: z.number().int() }),
  QUOTA_NOT_AVAILABLE: z.object({ who: z.enum(['customer', 'patient']) }),

  // the sale and its ledger
  CATALOG_ITEM_NOT_FOUND: z.union([z.object({ barcode: z.string() }), z.object({ storeCode: z.string(), at: z.enum(['scan', 'sale', 'receiving']) })]),
  STOCK_SPLIT_UNAVAILABLE: name,
  TRACE_CODES_MISSING: z.union([
    z.object({ name: z.string(), boxes: z.string(), scanned: z.number().int() }),
    z.object({ name: z.string(), qty: z.string(), unit: z.string(), toOpen: z.number().int(), scanned: z.number().int() }),
  ]),
  TRACE_CODE_DUPLICATE: z.object({ code: z.string(), name: z.string() }),
  TRACE_CODE_SOLD: z.union([
    z.object({ code: z.string(), name: z.string(), saleId: z.string() }),
    z.object({ code: z.string() }),
    z.object({ code: z.string(), terminal, saleId: z.string() }),
  ]),
  PRESCRIPTION_REQUIRED: name,
  RECOVERY_IN_PROGRESS: none,
  AMOUNT_TOO_LARGE: z.union([z.object({ name: z.string(), limit: z.string() }), z.object({ sale: z.string() }), z.object({ tendered: z.string() })]),
  AMOUNT_OUT_OF_RANGE: z.object({ amount: z.string() }),
  SALE_NOT_FOUND: z.object({ saleId: z.string() }),
  SALE_INVALID: z.object({ problems: z.string() }),
  LINE_NOT_INSURABLE: z.object({ name: z.string(), at: z.enum(['sale', 'visit', 'clinicItem']) }),
  SALE_WRONG_STATE: z.union([
    z.object({
      why: z.enum([
        'cannotPresettle',
        'cannotTakeCash',
        'paymentMismatch',
        'cannotVoid',
        'cannotRefund',
        'cannotPayOffline',
        'noCashDue',
        'cannotRecordOutcome',
      ]),
      state: z.string(),
    }),
    z.object({ why: z.literal('visitLocked'), state: z.string() }),
    z.object({ why: z.literal('otherCounter'), terminal, state: z.string() }),
    z.object({
      why: z.enum(['presettleFirst', 'onlySettledInsured', 'onlyCashRefund', 'noTopUp', 'mobileNotPharmacy', 'mobileInsuredFirst', 'mobileAlreadyPaid']),
    }),
  ]),
  SALE_WRONG_KIND: z.object({ why: z.enum(['isClinic', 'isPharmacy', 'notVisit']) }),
  SALE_NEEDS_PLATFORM: none,
  SALE_NEEDS_NO_PLATFORM: none,
  SALE_NO_MEMBER: z.object({ why: z.enum(['cashOnly', 'offlineQueue', 'offlinePay', 'visit']) }),
  TENDERED_TOO_LITTLE: z.union([z.object({ tendered: z.string(), due: z.string(), offline: z.boolean().optional() }), z.object({ due: z.string() })]),
  DISCOUNT_INSURED_LINE: z.union([name, z.object({ why: z.literal('noSelfPaidGoods') })]),
  DISCOUNT_TOO_LARGE: z.union([
    z.object({ name: z.string(), off: z.string(), gross: z.string() }),
    z.object({ off: z.string(), goods: z.string() }),
    z.object({ zeroLine: z.string() }),
  ]),
  DISCOUNT_NEEDS_APPROVAL: z.object({ off: z.string(), percent: z.string(), limitPercent: z.number(), limitAmount: z.string() }),
  SETTLEMENT_REVERSED: none,
  SETTLEMENT_UNRESOLVED: none,
  SETTLEMENT_ANSWER_REJECTED: z.object({ why: z.string() }),
  SETTLEMENT_ANSWER_REJECTED_UNRESOLVED: z.object({ why: z.string() }),
  REFUND_REVERSED: none,
  REFUND_UNRESOLVED: none,
  REFUND_ANSWER_REJECTED: z.object({ why: z.string(), reversed: z.boolean() }),
  REFUND_NEEDS_PLATFORM: none,
  MESSAGE_NOT_FOUND: z.object({ msgid: z.string() }),
  NOT_REVERSIBLE: z.object({ infno: z.string() }),
  RETURN_TOO_MUCH: z.union([
    z.object({ seq: z.number().int() }),
    z.object({ name: z.string(), kept: z.string(), sold: z.string() }),
    z.object({ name: z.string(), traceCode: z.string() }),
  ]),
  RETURN_NOTHING: none,
  SALE_REFUNDED_ELSEWHERE: z.object({ terminal, at: z.string() }),
  HELD_TOO_MANY: z.object({ count: z.number().int() }),
  HELD_NOT_FOUND: z.object({ number: z.number().int() }),
  HELD_ITEMS_MISSING: none,
  MOBILE_PAY_IN_PROGRESS: z.object({ why: z.enum(['pending', 'started']) }),
  MOBILE_PAY_NEEDS_CODE: none,
  MOBILE_PAY_NOT_CONFIGURED: z.object({ why: z.enum(['noProvider', 'training']) }),
  MOBILE_PAY_NOTHING_DUE: none,
  MOBILE_PAY_NONE: none,
  MOBILE_REFUND_TOO_MUCH: z.object({ left: z.string() }),
  PAY_CODE_INVALID: z.object({ problem: z.string().optional() }),

  // offline
  OFFLINE_WAITING: none,
  OFFLINE_NOT_NEEDED: none,
  OFFLINE_ALREADY_QUEUED: none,
  OFFLINE_NOT_HELD: none,
  OFFLINE_SALE_NOT_FOUND: z.object({ why: z.enum(['notQueued', 'notOffline']) }),
  OFFLINE_NOTHING_TO_RESOLVE: z.object({ why: z.enum(['closed', 'waiting']) }),
  OFFLINE_LIMITS_INVALID: none,
  OFFLINE_ADVANCE_OFF: none,
  OFFLINE_LIMIT_PER_SALE: z.object({ advanced: z.string(), limit: z.string() }),
  OFFLINE_LIMIT_OUTSTANDING: z.object({ outstanding: z.string(), advanced: z.string(), limit: z.string() }),
  OFFLINE_LIMIT_STORE: z.object({ outstanding: z.string(), counters: z.number().int(), advanced: z.string(), limit: z.string() }),
  OFFLINE_LIMIT_SHARE: z.object({ share: z.string(), limit: z.string(), counters: z.number().int(), own: z.string(), advanced: z.string() }),
  OFFLINE_LIMIT_AGE: z.object({ hours: z.number().int(), maxHours: z.number() }),
  OFFLINE_PROMISE_TAKEN: none,
  POLICY_INVALID: z.object({ problem: z.string() }),

  // stock
  STOCK_TRACE_UNKNOWN: z.object({ code: z.string(), at: z.enum(['lookup', 'stocktake']) }),
  STOCK_PACK_SIZE: z.union([
    z.object({ name: z.string(), packSize: z.number(), unit: z.string(), linePackSize: z.number() }),
    z.object({ storeCode: z.string(), packSize: z.number(), wanted: z.number() }),
    z.object({ storeCode: z.string() }),
  ]),
  STOCK_NOT_WHOLE_UNITS: z.object({ name: z.string(), packSize: z.number(), unit: z.string(), qty: z.string() }),
  STOCK_LOT_NOT_FOUND: z.union([z.object({ lotNo: z.string() }), z.object({ lotId: z.string() })]),
  STOCK_INSUFFICIENT: z.union([
    z.object({ why: z.literal('lotEmptyButScanned'), name: z.string(), lotNo: z.string() }),
    z.object({ why: z.literal('lotShort'), name: z.string(), lotNo: z.string(), onHand: z.string(), needed: z.string() }),
    z.object({ why: z.literal('itemShort'), name: z.string(), available: z.string(), needed: z.string() }),
    z.object({ why: z.literal('noLots'), name: z.string() }),
    z.object({ why: z.literal('returnMore'), lotNo: z.string(), onHand: z.string(), returned: z.string() }),
    z.object({ why: z.literal('belowZero'), lotNo: z.string(), onHand: z.number() }),
  ]),
  STOCK_LOT_EXPIRED: z.object({ name: z.string(), lotNo: z.string(), expiry: z.string(), at: z.enum(['sale', 'receiving']) }),
  STOCK_COUNT_UNEXPLAINED: z.object({ count: z.number().int(), lots: z.array(z.string()) }),
  STOCK_LOT_MISMATCH: z.object({ lotNo: z.string(), manuDate: z.string(), expiry: z.string(), givenManuDate: z.string(), givenExpiry: z.string() }),
  STOCK_TRACE_DUPLICATE: z.object({ code: z.string() }),
  UPLOAD_FIELD_UNKNOWN: z.object({ field: z.string() }),
  UPLOAD_LOT_MISMATCH: z.object({ lotItem: z.string(), uploadItem: z.string() }),
  UPLOAD_STILL_INCOMPLETE: z.object({ reason: z.string() }),
  UPLOAD_NOT_FOUND: z.object({ why: z.enum(['missing', 'heldGone', 'gone']) }),
  UPLOAD_NOT_ACCEPTED: none,

  // shifts
  SHIFT_REQUIRED: none,
  SHIFT_ALREADY_OPEN: z.object({ no: z.number().int(), cashier: z.string() }),
  SHIFT_NOT_OPEN: none,
  SHIFT_NOT_FOUND: none,
  CASH_OUT_EXCEEDS_DRAWER: z.object({ expected: z.string(), taken: z.string() }),
  HANDOVER_USER_UNKNOWN: z.object({ staffId: z.string() }),

  // clinic
  UNKNOWN_DEPARTMENT: z.object({ code: z.string() }),
  UNKNOWN_DOCTOR: z.object({ code: z.string() }),
  UNKNOWN_DIAGNOSIS: z.object({ code: z.string() }),
  NO_CERTIFICATION: z.object({ why: z.enum(['register', 'diagnosis']) }),
  VISIT_NOT_FOUND: z.object({ visit: z.string() }),
  VISIT_NOT_REGISTERED: none,
  VISIT_WRONG_STAGE: z.union([
    z.object({ stage: z.enum(VISIT_STAGES), action: z.enum(VISIT_ACTIONS) }),
    z.object({ why: z.enum(['lineInFlight', 'linesInFlight']) }),
  ]),
  VISIT_MESSAGE_UNRESOLVED: z.object({ infno: z.string() }),
  ITEM_NOT_FOUND: z.object({ code: z.string(), list: z.enum(['priceList', 'catalog']) }),
  FEE_LINE_NOT_FOUND: z.object({ seq: z.number().int() }),
  NOTHING_TO_UPLOAD: none,
  NO_FEES: none,
  PRICE_LIST_INVALID: z.union([z.object({ line: z.number().int(), why: z.string() }), z.object({ header: z.string() }), z.object({ empty: z.literal(true) })]),

  // manager: days, reconciliation, exports
  INVALID_PERIOD: z.union([day, z.object({ pick: z.enum(['day', 'month']) })]),
  DAY_IN_FUTURE: z.union([day, z.object({ month: z.string() })]),
  DAY_CLOSED: day,
  DAY_ALREADY_CLOSED: day,
  DAY_NOT_CLOSED: z.object({ day: z.string(), forSupplementary: z.boolean() }),
  QUEUE_NOT_EMPTY: z.object({ waiting: z.number().int(), offline: z.number().int() }),
  RECON_REQUIRED: day,
  RECON_UNEXPLAINED: z.object({ open: z.number().int() }),
  RECON_STALE: none,
  RECON_STALE_RUN: none,
  RECON_BUSY: none,
  RECON_RESULT_UNREADABLE: detail,
  DIFFERENCE_NOT_FOUND: z.union([z.object({ runId: z.number().int() }), z.object({ runId: z.number().int(), seq: z.number().int() })]),
  DIFFERENCE_DONE: z.object({ resolution: z.string() }),
  ACTION_NOT_ALLOWED: z.object({ why: z.enum(['notOffered', 'otherMode']) }),
  NOTE_REQUIRED: none,
  RESOLVE_UNFINISHED: z.object({ why: z.enum(['tooRecent', 'noAnswer']) }),
  ORPHAN_MAY_BE_OTHER_COUNTER: none,
  ORPHAN_UNRESOLVED: none,
  SECOND_MANAGER_REQUIRED: none,
  NOTHING_LATE: day,
  SUPPLEMENTARY_Z_NOT_FOUND: z.object({ day: z.string(), part: z.number().int() }),

  // printing and devices
  PRINTER_DISABLED: z.object({ detail: z.string().optional(), why: z.literal('offlineReceipt').optional() }),
  PRINTER_OFFLINE: z.object({ detail: z.string().optional() }),
  PRINTER_PAPER_OUT: z.object({ detail: z.string().optional() }),
  PRINTER_COVER_OPEN: z.object({ detail: z.string().optional() }),
  PRINTER_TIMEOUT: z.object({ detail: z.string().optional() }),
  PRINTER_WRITE_FAILED: z.object({ detail: z.string().optional() }),
  PRINTER_DRIVER_MISSING: z.object({ detail: z.string().optional() }),
  PRINT_INTERRUPTED: z.object({ detail: z.string().optional() }),
  PRINT_JOB_NOT_FOUND: z.object({ detail: z.string().optional() }),
  PRINT_NOTHING_TO_REPRINT: z.object({ detail: z.string().optional() }),
  SERIAL_LIST_FAILED: detail,
  SCANNER_WEDGE_OFF: none,
  SCAN_NOT_RECOGNISED: none,

  // catalog imports (electron/core/catalog/errors.ts: the reason names the line's problem)
  CATALOG_CORRUPT: importRefusal,
  CATALOG_TRUNCATED: importRefusal,
  CATALOG_EMPTY: importRefusal,
  CATALOG_UNREADABLE: importRefusal,
  CATALOG_BUSY: importRefusal,
  CATALOG_FAILED: importRefusal,
  CATALOG_CANCELLED: importRefusal,
  CATALOG_DOWNLOAD_CORRUPT: detail,

  // the store node and across counters
  SYNC_NOT_PAIRED: z.object({ needs: z.string().optional() }),
  MASTER_DATA_READ_ONLY: z.object({ thing: z.enum(['settings', 'users', 'catalog', 'secret', 'offline']) }),
  SYNC_STORE_UNREACHABLE: z.union([detail, z.object({ url: z.string() })]),
  SYNC_PAIRING_REFUSED: z.union([detail, z.object({ why: z.literal('keyUnreadable') })]),
  SYNC_PAIRING_CODE_INVALID: none,
  SYNC_STORE_FULL: none,
  SYNC_ALREADY_PAIRED: z.object({ url: z.string(), terminal }),
  CROSS_REFUND_OWN_SALE: none,
  CROSS_REFUND_MODE: none,
  CROSS_REFUND_NOT_INSURED: z.object({ terminal, mobile: z.boolean() }),
  SALE_ALREADY_REFUNDED: z.object({ terminal }),
  STORE_DAY_TRAINING: z.object({ brief: z.boolean() }),
  /** Refusals the store node words itself and the counter passes on (shared/contract/sync/wire.ts). */
  SALE_LEASED: detail,
  SALE_SELLER_SILENT: detail,
  TERMINAL_NOT_FOUND: detail,
  TERMINAL_NOT_BLOCKED: detail,
  TERMINAL_RETIRED: detail,
  TERMINAL_IS_CALLER: detail,
  ALARM_NOT_FOUND: detail,
  SALE_NOT_IN_STORE: detail,
  STORE_INCOMPLETE: detail,
  SHIFTS_OPEN: detail,
  LEASE_NOT_HELD: detail,
  BAD_REQUEST: detail,
  STORE_UNKNOWN: detail,
  SYNC_BODY_CONFLICT: detail,
  SYNC_BODY_HASH: detail,
  MSGID_TERMINAL_MISMATCH: detail,
  NOT_FOUND: detail,
  PAIRING_CODE_INVALID: detail,
  STORE_FULL: detail,
  MASTER_DATA_HQ_OWNED: detail,
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>

export type ErrorCode = keyof typeof ERROR_PARAMS

/** How any call that talks to the insurance platform may fail (electron/core/platform/errors.ts), declared once. */
export const PLATFORM_ERRORS = [
  'PLATFORM_REFUSED',
  'PLATFORM_UNREACHABLE',
  'PLATFORM_NO_ANSWER',
  'PLATFORM_BAD_ANSWER',
  'PLATFORM_ANSWER_REJECTED',
  'PLATFORM_NOT_CONFIGURED',
  'SECRET_SEALED_ELSEWHERE',
  'GATEWAY_PROFILE_UNKNOWN',
] as const satisfies readonly ErrorCode[]
export type ErrorParams<C extends ErrorCode> = z.infer<(typeof ERROR_PARAMS)[C]>
export const ERROR_CODES = Object.keys(ERROR_PARAMS) as ErrorCode[]

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_PARAMS, code)
}

/** The words of one code in one language: a sentence, or a sentence made from the code's parameters. */
export type ErrorWordsOf<C extends ErrorCode> = string | ((p: ErrorParams<C>) => string)
/** One language's words for every code; the compiler refuses a table that misses one. */
export type ErrorWords = { [C in ErrorCode]: ErrorWordsOf<C> }

/** The sentence for a code, or undefined when the parameters do not fit it (another version wrote them). */
export function wordsFor(words: ErrorWords, code: string, params: unknown): string | undefined {
  if (!isErrorCode(code)) return undefined
  const parsed = ERROR_PARAMS[code].safeParse(params ?? {})
  if (!parsed.success) return undefined
  const w = words[code] as ErrorWordsOf<typeof code>
  // Checked, but worded from the params as sent: a union's first fitting shape would strip the keys that pick a
  // richer sentence (TRACE_CODE_SOLD's terminal), since zod objects drop what they do not name.
  return typeof w === 'function' ? (w as (p: unknown) => string)(params ?? {}) : w
}
