import type { ErrorWords } from '../../../../shared/contract'
import { VISIT_ACTION_WORDS, VISIT_STAGE_WORDS } from '../../../../shared/contract/clinic/stage-words'

const kept = 'The receipt is kept for a reprint'
const withDetail = (sentence: string) => (p: { detail?: string }) => (p.detail && !/[\u3400-\u9fff]/.test(p.detail) ? `${sentence} (${p.detail})` : sentence)
const onLine = (sentence: string) => (p: { line: number | null }) => (p.line === null ? sentence : `Line ${p.line}: ${sentence}`)
const fromStore = 'The store server refused this; ask the manager to check the store server'

/**
 * English words for every error code. Words another party wrote in Chinese (the platform's err_msg, the
 * store node's) are not repeated here: the sentence says what happened and the code goes to support.
 */
export const enErrorWords: ErrorWords = {
  INVALID_INPUT: (p) => (p.why === 'amountNotPositive' ? 'The amount must be more than 0' : `Some input is not right: ${p.fields || 'see the form'}`),
  UNKNOWN_CALL: 'This operation is not supported',
  FORBIDDEN_FRAME: 'The request did not come from a page of this app and was refused',
  UNAUTHORIZED: 'The access token is not valid: open the page again from the counter app',
  INTERNAL: 'Something went wrong inside the app: call support with the code',
  UNEXPECTED: 'Something unexpected went wrong. Try again; if it persists, call support with the code',
  TRANSPORT: (p) => `The app could not reach its core${p.status ? ` (HTTP ${p.status})` : ''}: try again`,
  CORE_ANSWER_INVALID: (p) => `The core's answer to ${p.call} did not fit the contract and was not used: call support with the code`,

  NOT_SIGNED_IN: 'Sign in first',
  SESSION_LOCKED: (p) =>
    p.by
      ? `The screen is locked: ${p.by} unlocks it with their PIN before signing out, or a manager signs in; the sale in progress is kept`
      : 'The screen is locked: unlock it with your PIN',
  SESSION_HELD: (p) => `The screen is held for ${p.name}: only that user or a manager can sign in`,
  FORBIDDEN_ROLE: (p) => `Your role (${p.role}) cannot do this (${p.call}): it needs ${p.allowed.join(' or ')}`,
  LOGIN_FAILED: 'Wrong staff id or PIN',
  USER_LOCKED: (p) =>
    'until' in p
      ? `Too many wrong PINs: this user is locked until ${p.until} (UTC), or a manager unlocks it`
      : `${p.failures} wrong PINs in a row: this user is locked for ${p.minutes} minutes`,
  USER_INACTIVE: 'This user is deactivated: ask the manager',
  TRAINING_USER_LIVE: 'Demo users work only in training mode',
  APPROVAL_NOT_MANAGER: (p) => `${p.name} is not a manager and cannot approve this`,
  PIN_REQUIRED: 'A new user needs a PIN',
  DEMO_USER_FIXED: 'Demo users cannot be changed',
  LAST_MANAGER: 'You cannot remove your own manager role or deactivate yourself: another manager must do it',

  TRAINING_SWITCH_REFUSED: (p) =>
    p.why === 'noManager'
      ? 'Before leaving training mode, create at least one manager under Users'
      : 'Settlements with an unknown outcome are being reversed: switch modes when they are done',
  TERMINAL_NO_FROM_STORE_NODE: 'This counter is paired with the store server, which assigns its number: unpair first to change it',
  TERMINAL_NO_REQUIRED: (p) =>
    p.why === 'goLive'
      ? 'Give this counter its number (01-99, different at every counter of the store) before going live: two counters with one number make duplicate message ids the platform refuses'
      : 'Give this counter a number no other counter uses under Settings, then upload again: otherwise the new message ids collide again',
  SECRET_SEALED_ELSEWHERE: "The platform's access secret was saved under another encryption and cannot be read: the manager enters it again under Settings",
  IDENTITY_KEY_MISSING: "This counter's identity key is not ready yet: customers cannot be identified offline by ID card number for now",
  CREDENTIAL_SEALED_ELSEWHERE: "The customer's credential in this message was saved under another encryption and cannot be resent: identify the customer again",
  GATEWAY_PROFILE_UNKNOWN: (p) => `There is no gateway profile named "${p.profile}": the manager chooses one again under Settings`,
  PLATFORM_URL_INVALID: (p) => ('url' in p ? `The platform address is not valid: ${p.url}` : 'The platform address must start with https://'),
  PLATFORM_URL_INSECURE: 'The live platform is reached only over https:// (local addresses excepted): the manager changes the address under Settings',
  PLATFORM_CA_INVALID: (p) =>
    p.why === 'notPem'
      ? "The platform's CA certificate must be PEM (starting -----BEGIN CERTIFICATE-----) and nothing else"
      : p.why === 'unparsable'
        ? `Part ${p.part} of the platform's CA certificate cannot be read: ask the province platform for it again`
        : `Part ${p.part} of the platform's CA certificate (${p.subject}) is not valid now (${p.from} to ${p.to})`,
  PLATFORM_NOT_CONFIGURED: (p) =>
    p.why === 'notConnected'
      ? 'The insurance platform is not connected: insured sales cannot be settled'
      : 'The insurance platform is not set up: a manager sets it under Settings',

  PLATFORM_REFUSED: 'The insurance platform refused this. Nothing was charged',
  PLATFORM_UNREACHABLE: 'The insurance platform cannot be reached. Nothing was charged; try again or sell offline',
  PLATFORM_NO_ANSWER: 'The insurance platform did not answer in time. Nothing was charged; try again',
  PLATFORM_BAD_ANSWER: "The insurance platform's answer could not be read. Nothing was charged; try again",
  PLATFORM_ANSWER_REJECTED: "The platform's answer does not describe this sale: it was reversed and nothing was charged",
  NOT_TRAINING: (p) =>
    p.why === 'practiceCodes' ? 'Practice insurance codes exist only in training mode' : 'The practice platform is still starting: wait a moment',

  QR_INVALID: (p) =>
    p.why === 'unreadable'
      ? 'This QR code is not valid (another barcode, or only part of it): ask the customer to refresh their insurance code and scan again'
      : 'The insurance code was refused: ask the customer to refresh their insurance code and scan again',
  ID_CARD_INVALID: (p) =>
    p.why === 'format'
      ? 'This ID card number is not valid (18 characters: 17 digits and a digit or X): check it or read the card again'
      : "This ID card number's check digit is wrong, perhaps one digit was mistyped: check it or read the card again",
  SOCIAL_CARD_INVALID: (p) =>
    p.why === 'reader'
      ? `The card reader read no social security card (${p.reason}): insert the card again`
      : p.why === 'notSocialCard'
        ? "The reader did not read a social security card: insert the customer's social security card"
        : p.why === 'cardNo'
          ? 'The social security card number cannot be read (1 to 20 digits or letters): read the card again'
          : "The social security card's card code (card_sn) was not read: insert the card again",
  CARD_READER_NOT_CONFIGURED:
    "No card reader is set up on this PC: type the card's number and card code (or let a keyboard reader type them), or ask the manager to set the credential plug-in in Settings",
  CREDENTIAL_PLUGIN_UNREACHABLE: (p) =>
    `The credential plug-in (${p.url}) does not answer: start the vendor's credential program, or ask the manager to check its address in Settings`,
  CREDENTIAL_PLUGIN_BAD_ANSWER: (p) =>
    `The credential plug-in answered in a form the app cannot read (HTTP ${p.status}): contact the vendor of the credential program`,

  MEMBER_NOT_INSURED: 'This person has no active insurance: they pay everything',
  MEMBER_EXPIRED: (p) =>
    p.why === 'tenMinutes'
      ? "The customer's identification has expired (over 10 minutes): scan their insurance code again"
      : "The customer's credential was kept only until the app restarted: void this sale and identify the customer again",
  MEMBER_REQUIRED: "Scan the customer's insurance code again for the goods they keep",
  MEMBER_NOT_SEEN: (p) =>
    p.why === 'pay'
      ? 'This customer was never identified online at this store: offline they can only pay everything, or settle with insurance once the platform is back'
      : 'This customer was never identified online at this store: offline the insurance share cannot be estimated',
  MEMBER_SNAPSHOT_TOO_OLD: (p) => `This customer was last identified online ${p.days} days ago (more than ${p.maxDays}): offline they can only pay everything`,
  QUOTA_NOT_AVAILABLE: (p) => `That relative's quota does not belong to this ${p.who}: choose again`,

  CATALOG_ITEM_NOT_FOUND: (p) =>
    'barcode' in p
      ? `Barcode ${p.barcode} is not in the catalog: check the item, or search by name or pinyin initials`
      : p.at === 'receiving'
        ? `Item code ${p.storeCode} is not in the store's catalog: import the catalog first`
        : `Item code ${p.storeCode} is not in the store's catalog: check the code, or ask a manager to import it`,
  STOCK_SPLIT_UNAVAILABLE: (p) => `${p.name} has no units-per-box recorded and cannot be sold by the unit: a manager receives it or sets its box size`,
  TRACE_CODES_MISSING: (p) =>
    'toOpen' in p
      ? `Selling ${p.qty} ${p.unit} of ${p.name} opens ${p.toOpen} new box(es): scan the traceability code of each box opened (${p.scanned} scanned)`
      : `${p.name}: an insured drug needs one traceability code per box (${p.boxes} boxes, ${p.scanned} scanned)`,
  TRACE_CODE_DUPLICATE: (p) => `Traceability code ${p.code} was already scanned for ${p.name}: each box is scanned once`,
  TRACE_CODE_SOLD: (p) =>
    'terminal' in p
      ? `Traceability code ${p.code} was already sold at counter ${p.terminal} (sale ${p.saleId}): this box cannot be sold again`
      : 'saleId' in p
        ? `Traceability code ${p.code} (${p.name}) was already sold in sale ${p.saleId}: this box cannot be sold again`
        : `Traceability code ${p.code} was already sold: this box cannot be sold again`,
  PRESCRIPTION_REQUIRED: (p) => `${p.name} is a prescription drug: register its prescription and a pharmacist`,
  RECOVERY_IN_PROGRESS: 'Checking the last unfinished settlement: wait a few seconds',
  AMOUNT_TOO_LARGE: (p) =>
    'name' in p
      ? `The line for ${p.name} is above the limit of ¥${p.limit}: check the quantity`
      : 'sale' in p
        ? `The sale is above the limit of ¥${p.sale}: split it`
        : `The amount tendered cannot be more than ¥${p.tendered}`,
  AMOUNT_OUT_OF_RANGE: (p) => `The amount ¥${p.amount} is out of range`,
  SALE_NOT_FOUND: (p) => `Sale ${p.saleId} not found`,
  SALE_INVALID: 'The sale cannot be opened: check its lines',
  LINE_NOT_INSURABLE: (p) =>
    p.at === 'sale' ? `${p.name} has no insurance code: it can only be paid in full` : `${p.name} is not insured and cannot be charged to this visit`,
  SALE_WRONG_STATE: (p) => {
    switch (p.why) {
      case 'presettleFirst':
        return 'Pre-settle first and confirm the amounts'
      case 'onlySettledInsured':
        return 'Only a settled insured sale can be refunded through the platform'
      case 'onlyCashRefund':
        return 'Only a completed cash sale can be refunded directly'
      case 'noTopUp':
        return 'This sale has no cash to top up'
      case 'mobileNotPharmacy':
        return 'Only pharmacy sales take mobile payment at the counter'
      case 'mobileInsuredFirst':
        return 'Settle the insured part first (F9), then scan the payment code for the cash part'
      case 'mobileAlreadyPaid':
        return 'This sale was already paid by payment code'
      case 'otherCounter':
        return `At counter ${p.terminal} this sale is "${p.state}": only settled sales can be refunded`
      case 'visitLocked':
        return `The visit is "${p.state}" and cannot be changed`
      default:
        return `The sale is "${p.state}": that is not possible now`
    }
  },
  SALE_WRONG_KIND: (p) =>
    p.why === 'isClinic'
      ? 'This is a clinic visit: settle it at the clinic desk'
      : p.why === 'isPharmacy'
        ? 'This is a pharmacy sale: settle it at the counter'
        : 'This is not a clinic visit',
  SALE_NEEDS_PLATFORM: 'This sale has insured goods: pre-settle first',
  SALE_NEEDS_NO_PLATFORM: 'This sale has nothing for insurance: take the payment directly',
  SALE_NO_MEMBER: (p) => (p.why === 'visit' ? 'This visit has no insured patient' : 'This sale has nothing for insurance: take cash'),
  TENDERED_TOO_LITTLE: (p) =>
    'tendered' in p ? `¥${p.tendered} tendered is less than the ¥${p.due} cash due` : `The amount tendered is less than the ¥${p.due} due`,
  DISCOUNT_INSURED_LINE: (p) =>
    'name' in p
      ? `${p.name} is settled by insurance at the catalog price: it cannot be discounted`
      : 'A whole-sale discount applies only to goods outside insurance, and this sale has none',
  DISCOUNT_TOO_LARGE: (p) =>
    'name' in p
      ? `The discount on ${p.name} (¥${p.off}) is not less than its price (¥${p.gross})`
      : 'goods' in p
        ? `The whole-sale discount (¥${p.off}) is not less than the goods outside insurance (¥${p.goods})`
        : `The whole-sale discount is too large: ${p.zeroLine} would cost nothing`,
  DISCOUNT_NEEDS_APPROVAL: (p) =>
    `The discount (¥${p.off}, ${p.percent}% of the price) is above the store's limit (${p.limitPercent}% or ¥${p.limitAmount}): a manager must approve it with their id and PIN`,
  SETTLEMENT_REVERSED: "The platform's answer was lost, so the settlement was reversed: nothing was charged; pre-settle again",
  SETTLEMENT_UNRESOLVED: "The settlement's outcome is not known yet: it is being reversed in the background; do not charge again",
  SETTLEMENT_ANSWER_REJECTED:
    "The platform's settlement answer does not match this sale: it was reversed, nothing was charged or printed; the manager is told. Pre-settle again",
  SETTLEMENT_ANSWER_REJECTED_UNRESOLVED:
    "The platform's settlement answer does not match this sale: it is being reversed in the background. Do not take payment or settle again; the manager is told",
  REFUND_REVERSED: "The refund's answer was lost and it was reversed; the original settlement stands: try the refund again later",
  REFUND_UNRESOLVED: "The refund's outcome is not known yet: it is being reversed in the background",
  REFUND_ANSWER_REJECTED: (p) =>
    `The platform's refund answer does not match the settlement: ${p.reversed ? 'the refund was reversed and the settlement stands' : 'the refund is being reversed'}. Do not hand back cash; the manager is told`,
  REFUND_NEEDS_PLATFORM: 'An insured sale can only be refunded when the platform is back online; cash-only sales can be refunded offline',
  MESSAGE_NOT_FOUND: (p) => `Message ${p.msgid} not found`,
  NOT_REVERSIBLE: (p) => `Transaction ${p.infno} cannot be reversed`,
  RETURN_TOO_MUCH: (p) =>
    'traceCode' in p
      ? `Traceability code ${p.traceCode} is not one of ${p.name} in the original sale`
      : 'kept' in p
        ? `${p.kept} of ${p.name} kept is more than the ${p.sold} bought`
        : `The original sale has no line ${p.seq}`,
  RETURN_NOTHING: 'Everything is kept: nothing is returned',
  SALE_REFUNDED_ELSEWHERE: (p) => `This sale was already refunded at counter ${p.terminal} (told ${p.at} UTC)`,
  HELD_TOO_MANY: (p) => `There are already ${p.count} held sales: recall or void one first`,
  HELD_NOT_FOUND: (p) => `No held sale number ${p.number}: it may have been recalled; F5 lists the held sales`,
  HELD_ITEMS_MISSING: 'Some held items are no longer in the catalog',
  MOBILE_PAY_IN_PROGRESS: 'A payment-code payment for this sale has no outcome yet: wait, or cancel it first',
  MOBILE_PAY_NEEDS_CODE: "For mobile payment scan the customer's WeChat or Alipay payment code: it counts once the provider confirms",
  MOBILE_PAY_NOT_CONFIGURED: (p) =>
    p.why === 'noProvider'
      ? 'This store has no mobile payment provider: take cash, or the manager sets one up'
      : 'The training platform has no practice payment provider',
  MOBILE_PAY_NOTHING_DUE: 'This sale has nothing for the customer to pay',
  MOBILE_PAY_NONE: 'This sale has no payment-code payment in progress',
  MOBILE_REFUND_TOO_MUCH: (p) => `At most ¥${p.left} can go back to the payment code`,
  PAY_CODE_INVALID: 'The payment code is not valid: scan it again',

  OFFLINE_WAITING: 'This offline sale is waiting for the platform: handle it once its outcome arrives',
  OFFLINE_NOT_NEEDED: 'The platform is online: pre-settle and settle as usual',
  OFFLINE_ALREADY_QUEUED: 'This sale is already in the offline queue',
  OFFLINE_NOT_HELD: 'This sale has no message held for a message id conflict',
  OFFLINE_SALE_NOT_FOUND: (p) =>
    p.why === 'notQueued' ? "This is not an offline sale, or it is not in this counter's offline queue" : 'This is not an offline sale',
  OFFLINE_NOTHING_TO_RESOLVE: (p) =>
    p.why === 'closed' ? 'This offline sale is already settled' : 'This offline sale is still waiting for its settlement: handle it once the outcome arrives',
  OFFLINE_LIMITS_INVALID: 'The per-sale advance limit cannot be above the total advance limit',
  OFFLINE_ADVANCE_OFF: 'This store does not advance offline (a manager turns it on in the offline settings): take the full amount as a deposit',
  OFFLINE_LIMIT_PER_SALE: (p) => `This sale would advance ¥${p.advanced}, above the per-sale limit of ¥${p.limit}: take the full amount as a deposit`,
  OFFLINE_LIMIT_OUTSTANDING: (p) =>
    `Advances not yet recovered (¥${p.outstanding}) plus this sale's ¥${p.advanced} would pass the limit of ¥${p.limit}: take the full amount as a deposit`,
  OFFLINE_LIMIT_AGE: (p) =>
    `The oldest offline sale has waited ${p.hours} hours, more than the ${p.maxHours}-hour limit: advances pause; take the full amount and get back online soon`,
  POLICY_INVALID: 'The pooling policy parameters are not right: enter them as the region publishes them',

  STOCK_TRACE_UNKNOWN: (p) =>
    p.at === 'lookup'
      ? `Traceability code ${p.code} was never received`
      : `Traceability code ${p.code} was never received: receive this box first, or count the lot by hand`,
  STOCK_PACK_SIZE: (p) =>
    'name' in p
      ? `${p.name} is kept at ${p.packSize} ${p.unit} a box, but this sale splits boxes of ${p.linePackSize}: scan the item again`
      : 'wanted' in p
        ? `Item ${p.storeCode} is kept at ${p.packSize} units a box and cannot change to ${p.wanted}: a different pack is another item`
        : `Item ${p.storeCode} is received for the first time: enter its units per box (e.g. 24 tablets)`,
  STOCK_NOT_WHOLE_UNITS: (p) => `${p.name} has ${p.packSize} ${p.unit} a box: ${p.qty} boxes is not a whole number of units`,
  STOCK_LOT_NOT_FOUND: (p) =>
    'lotNo' in p ? `Lot ${p.lotNo} is not a lot of this item: choose the lot again` : `Lot ${p.lotId} not found: refresh the stock list and try again`,
  STOCK_INSUFFICIENT: (p) => {
    switch (p.why) {
      case 'lotEmptyButScanned':
        return `${p.name} lot ${p.lotNo} has no stock on the books, but a box of it was scanned: the manager counts or corrects the lot first`
      case 'lotShort':
        return `${p.name} lot ${p.lotNo} has only ${p.onHand} on the books, this sale needs ${p.needed}: choose another lot, or the manager corrects this one`
      case 'itemShort':
        return `Not enough stock of ${p.name}: ${p.available} available, this sale needs ${p.needed}`
      case 'noLots':
        return `${p.name} was never received into a lot and cannot be sold by lot`
      case 'returnMore':
        return `Lot ${p.lotNo} has only ${p.onHand} on the books: ${p.returned} cannot be returned`
      case 'belowZero':
        return `Lot ${p.lotNo} has only ${p.onHand} units on the books: the correction would go below 0; count the stock`
    }
  },
  STOCK_LOT_EXPIRED: (p) =>
    p.at === 'sale'
      ? `${p.name} lot ${p.lotNo} expired on ${p.expiry} and cannot be sold: take the box off and give it to the manager`
      : `${p.name} lot ${p.lotNo} expired on ${p.expiry}: expired goods cannot be received; return them to the supplier`,
  STOCK_COUNT_UNEXPLAINED: (p) => `${p.count} lots were counted differently from the books: give a reason for each before posting`,
  STOCK_LOT_MISMATCH: (p) =>
    `Lot ${p.lotNo} was received with made ${p.manuDate} and expiry ${p.expiry}, not ${p.givenManuDate} and ${p.givenExpiry}: check the box`,
  STOCK_TRACE_DUPLICATE: (p) => `Traceability code ${p.code} was already received: one box cannot be received twice`,
  UPLOAD_FIELD_UNKNOWN: (p) => `Field ${p.field} does not belong to this upload`,
  UPLOAD_LOT_MISMATCH: (p) => `The lot belongs to item ${p.lotItem}, not to this upload's item ${p.uploadItem}`,
  UPLOAD_STILL_INCOMPLETE: 'This upload still cannot be sent: something it needs is missing',
  UPLOAD_NOT_FOUND: (p) => (p.why === 'missing' ? 'This stock upload was not found' : 'This upload was already handled or no longer exists: refresh'),
  UPLOAD_NOT_ACCEPTED: 'The platform has not accepted this upload, so there is nothing to delete; correct and resend a refused one, or dismiss it',

  SHIFT_REQUIRED: 'This store sells only with a shift open: press F3 (Shift) and open one with the float',
  SHIFT_ALREADY_OPEN: (p) => `Shift ${p.no} (${p.cashier}) is still open at this counter: close it (hand over) first`,
  SHIFT_NOT_OPEN: 'No shift is open at this counter: open one first (F3)',
  SHIFT_NOT_FOUND: 'There is no such shift',
  CASH_OUT_EXCEEDS_DRAWER: (p) => `The drawer should hold ¥${p.expected}: ¥${p.taken} cannot be taken out`,
  HANDOVER_USER_UNKNOWN: (p) => `No active staff member has the id "${p.staffId}": check the next cashier's staff id`,

  UNKNOWN_DEPARTMENT: (p) => `Department ${p.code} is not one of this clinic's`,
  UNKNOWN_DOCTOR: (p) => `Doctor ${p.code} is not one of this clinic's`,
  UNKNOWN_DIAGNOSIS: (p) => `Diagnosis code ${p.code} is not in the diagnosis list: choose from the search results`,
  NO_CERTIFICATION: (p) =>
    p.why === 'register'
      ? 'This patient has no chronic-disease certification: register an ordinary outpatient visit'
      : "A chronic-disease visit needs the patient's certified disease as diagnosis (e.g. I10.x00), or make it an ordinary visit",
  VISIT_NOT_FOUND: (p) => `Visit ${p.visit} not found`,
  VISIT_NOT_REGISTERED: 'This visit was not registered with the platform: it cannot be settled',
  VISIT_WRONG_STAGE: (p) =>
    'stage' in p
      ? `This visit is at "${VISIT_STAGE_WORDS.en[p.stage]}": it cannot ${VISIT_ACTION_WORDS.en[p.action]} now`
      : p.why === 'lineInFlight'
        ? 'This fee line is being checked with the platform: delete it in a moment'
        : 'Fee lines are being checked with the platform: pre-settle in a moment',
  VISIT_MESSAGE_UNRESOLVED: (p) =>
    `The platform did not answer (${p.infno}): it is confirmed again in the background under the same message. Refresh the visit in a moment`,
  ITEM_NOT_FOUND: (p) =>
    p.list === 'priceList'
      ? `Item ${p.code} is not in the price list: check it, or the manager imports the price list`
      : `Item code ${p.code} is not in the store's catalog`,
  FEE_LINE_NOT_FOUND: (p) => `This visit has no fee line ${p.seq}`,
  NOTHING_TO_UPLOAD: 'There are no fee lines to upload',
  NO_FEES: 'No fees yet: add a consultation, test, treatment or drug first',
  PRICE_LIST_INVALID: (p) =>
    'line' in p
      ? `Price list line ${p.line} is not right: nothing was imported; correct it and import again`
      : 'header' in p
        ? `The price list's first line must be the header ${p.header}: nothing was imported`
        : 'The price list has no items: nothing was imported',

  INVALID_PERIOD: (p) =>
    'day' in p ? `There is no date ${p.day}` : p.pick === 'day' ? 'Choose the day to export (yyyy-MM-dd)' : 'Choose the month to export (yyyy-MM)',
  DAY_IN_FUTURE: (p) => ('month' in p ? `${p.month} has not come yet` : `${p.day} has not come yet: future dates cannot be viewed or handled`),
  DAY_CLOSED: (p) => `${p.day} is closed and its figures are frozen: no more reconciling or differences`,
  DAY_ALREADY_CLOSED: (p) => `${p.day} is already closed: you can reprint its Z report`,
  DAY_NOT_CLOSED: (p) =>
    p.forSupplementary ? `${p.day} is not closed yet: only sales after the close go into a supplementary Z` : `${p.day} is not closed yet`,
  QUEUE_NOT_EMPTY: (p) =>
    `${p.waiting} sales are waiting for the platform's outcome and ${p.offline} offline sales are not uploaded (see Pending): handle them, or acknowledge them before closing the day`,
  RECON_REQUIRED: (p) => `${p.day} is not reconciled with the platform: reconcile first (F5)`,
  RECON_UNEXPLAINED: (p) => `${p.open} reconciliation differences are not explained: reconcile again for those handled, and give reasons for the rest`,
  RECON_STALE: 'Sales or refunds came after the reconciliation: reconcile again before closing the day',
  RECON_STALE_RUN: "This is not the day's latest reconciliation: handle differences on the latest one",
  RECON_BUSY: 'A reconciliation is running: wait for it to finish',
  RECON_RESULT_UNREADABLE: "The platform's detail reconciliation file cannot be read: this reconciliation was not saved",
  DIFFERENCE_NOT_FOUND: (p) => ('seq' in p ? `Reconciliation ${p.runId} has no difference ${p.seq}` : `Reconciliation ${p.runId} not found`),
  DIFFERENCE_DONE: (p) => `This difference is already handled (${p.resolution}): reconcile again to review it`,
  ACTION_NOT_ALLOWED: (p) =>
    p.why === 'notOffered'
      ? 'This difference cannot be handled that way: use the actions shown'
      : 'Training/live mode changed: this reconciliation belongs to the other mode',
  NOTE_REQUIRED: 'Write why the difference exists (at least 2 characters): the note is kept with the day close',
  RESOLVE_UNFINISHED: (p) =>
    p.why === 'tooRecent'
      ? 'This settlement is still in progress (less than a minute): handle it in a moment'
      : 'The platform has not answered the reversal yet: try again in a moment, or let the counter reverse it in the background',
  ORPHAN_MAY_BE_OTHER_COUNTER:
    "This settlement may be another counter's: it can be reversed here only once the manager declares under Settings that this is the store's only insurance counter; otherwise check at that counter, or write a note",
  ORPHAN_UNRESOLVED: 'The platform did not answer the reversal, so its outcome is unknown: press Reverse again later; it resends under the same message id',
  SECOND_MANAGER_REQUIRED: 'A second manager must approve the reversal with their own id and PIN',
  NOTHING_LATE: "Nothing came after the day's close: no supplementary Z is needed",
  SUPPLEMENTARY_Z_NOT_FOUND: (p) => `${p.day} has no supplementary Z number ${p.part}`,

  PRINTER_DISABLED: (p) =>
    p.why === 'offlineReceipt' ? 'No receipt printer is set up' : `No receipt printer is set up: a manager sets it under Devices. ${kept}`,
  PRINTER_OFFLINE: withDetail(`The printer is not connected: check its cable and power. ${kept}`),
  PRINTER_PAPER_OUT: withDetail(`The printer is out of paper. ${kept}`),
  PRINTER_COVER_OPEN: withDetail(`The printer cover is open. ${kept}`),
  PRINTER_TIMEOUT: withDetail(
    `The printer does not answer: check it; if it cannot report its status, turn that off in the printer settings under Devices. ${kept}`,
  ),
  PRINTER_WRITE_FAILED: withDetail(`Sending to the printer failed: check the connection. ${kept}`),
  PRINTER_DRIVER_MISSING: 'This computer has no system print driver module: connect the printer over the network or a port instead',
  PRINT_INTERRUPTED: 'The app closed while printing, so this receipt may be incomplete: check it and reprint',
  PRINT_JOB_NOT_FOUND: 'No print record for this receipt',
  PRINT_NOTHING_TO_REPRINT: 'There is no receipt to reprint for this sale',
  SERIAL_LIST_FAILED: "This computer's serial ports cannot be listed: type the port name",
  SCANNER_WEDGE_OFF: 'Keyboard scanning is turned off in the device settings: a manager turns it on under Devices',
  SCAN_NOT_RECOGNISED: 'Nothing found for what was scanned: check the barcode or code, or search by name or pinyin initials',

  CATALOG_CORRUPT: onLine('The file is damaged or not in the expected format: the catalog is unchanged'),
  CATALOG_TRUNCATED: onLine('The file is incomplete (the download or copy may have been cut): the catalog is unchanged'),
  CATALOG_EMPTY: 'The file holds no catalog entries: nothing was imported',
  CATALOG_UNREADABLE: 'The file cannot be read: check its path',
  CATALOG_BUSY: 'Another catalog import or download is running: wait for it to finish or cancel it',
  CATALOG_FAILED: 'The import could not finish: the catalog is unchanged; try again',
  CATALOG_CANCELLED: 'The import was cancelled: the catalog is unchanged',
  CATALOG_DOWNLOAD_CORRUPT: 'The downloaded catalog file is damaged: the catalog is unchanged',

  SYNC_NOT_PAIRED: 'This counter is not paired with a store server',
  MASTER_DATA_READ_ONLY: (p) =>
    `In store mode the ${{ settings: 'institution and platform settings', users: 'users and PINs', catalog: 'catalog and prices', secret: 'platform access secret', offline: 'offline limits and policies' }[p.thing]} are kept by the store: a manager publishes the change to the store server, and every counter takes it at its next sync`,
  SYNC_STORE_UNREACHABLE: (p) =>
    'url' in p
      ? `The store server ${p.url} cannot be reached: check the address, the network, and that the store server is running`
      : 'The store server is not available right now. Selling is not affected; try again later',
  SYNC_PAIRING_REFUSED: (p) =>
    'why' in p
      ? 'This counter cannot read its pairing key: the manager unpairs and pairs again'
      : 'The store server refused this counter: the manager checks the pairing',
  SYNC_PAIRING_CODE_INVALID: 'The pairing code is wrong, expired or used: the manager makes a new one on the store server',
  SYNC_STORE_FULL: 'All 99 counter numbers of this store are taken on the store server: no counter can be added',
  SYNC_ALREADY_PAIRED: (p) => `This counter is already paired with the store server ${p.url} (counter ${p.terminal}): the manager unpairs first to pair again`,
  CROSS_REFUND_OWN_SALE: "This is this counter's own sale: refund it from the sales list",
  CROSS_REFUND_MODE: 'This sale was made in the other mode (training/live): it cannot be refunded here',
  CROSS_REFUND_NOT_INSURED: (p) =>
    p.mobile
      ? `This sale was paid by payment code: refund it at counter ${p.terminal}, which sold it`
      : `This sale has no insurance settlement: refund it at counter ${p.terminal}, which sold it`,
  SALE_ALREADY_REFUNDED: (p) => `This sale (sold at counter ${p.terminal}) was already refunded`,
  STORE_DAY_TRAINING: 'There is no store reconciliation in training mode: it covers live insured settlements only',
  SALE_LEASED: 'Another counter is refunding this sale right now',
  SALE_SELLER_SILENT:
    'The counter that sold this sale has not been heard by the store server lately, so it may be refunding it itself: refund it there, or try again once it is back',
  TERMINAL_NOT_FOUND: 'The store has no counter with this number',
  TERMINAL_NOT_BLOCKED: 'This counter syncs normally: it needs no re-pairing',
  TERMINAL_RETIRED: 'This counter is retired already',
  TERMINAL_IS_CALLER: 'A counter cannot retire or re-pair itself: do it from another counter',
  ALARM_NOT_FOUND: 'The store has no such alarm',
  SALE_NOT_IN_STORE: 'The store server has no such sale',
  STORE_INCOMPLETE: 'Not every counter has reported to the store server yet: wait for them',
  LEASE_NOT_HELD: 'This counter no longer holds the refund of this sale: find the sale again',
  BAD_REQUEST: fromStore,
  STORE_UNKNOWN: fromStore,
  SYNC_BODY_CONFLICT: fromStore,
  SYNC_BODY_HASH: fromStore,
  MSGID_TERMINAL_MISMATCH: fromStore,
  NOT_FOUND: 'The store server has no such record',
  PAIRING_CODE_INVALID: 'The pairing code is wrong, expired or used: the manager makes a new one on the store server',
  STORE_FULL: 'All 99 counter numbers of this store are taken on the store server',
  OFFLINE_LIMIT_STORE: "The store's offline advances, all counters together, would go over the store's limit: take the full amount (deposit mode)",
  OFFLINE_PROMISE_TAKEN:
    "Another counter has just promised this person's own account or relative's quota offline, so this estimate is out of date: estimate again before taking payment",
  OFFLINE_LIMIT_SHARE:
    "The store server cannot be reached and this counter's fixed share of the store's advance limit would be exceeded: take the full amount (deposit mode)",
  SHIFTS_OPEN: 'A counter still has its shift open: each counter hands over (F3) before the store day is closed',
  MASTER_DATA_HQ_OWNED: "The chain's head office keeps this master data: it is changed at head office, not in the store",
}
