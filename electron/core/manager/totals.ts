import type { Settings } from '../../../shared/contract'
import type { AmountParts, Totals } from '../../../shared/contract/manager/schemas'
import { resolveProfile } from '../../../shared/nhsa/profiles'

/** Every money part of a sale or refund in integer fen; strings only at the contract's edge. */
export interface Parts {
  medical: number
  fund: number
  account: number
  mutualAid: number
  personCash: number
  /** hosp_part_amt: what the institution bears; outside the person part, inside the medical total. */
  hospital: number
  goods: number
  cash: number
  mobile: number
}

export const PART_KEYS = ['medical', 'fund', 'account', 'mutualAid', 'personCash', 'hospital', 'goods', 'cash', 'mobile'] as const

export function zeroParts(): Parts {
  return { medical: 0, fund: 0, account: 0, mutualAid: 0, personCash: 0, hospital: 0, goods: 0, cash: 0, mobile: 0 }
}

export class Tally {
  count = 0
  readonly parts = zeroParts()

  // Field by field rather than a loop over PART_KEYS: the day's report adds every item four times over,
  // and keyed access by a variable name was most of that report's time (issue 20's profile).
  add(p: Parts, sign: 1 | -1 = 1): this {
    const t = this.parts
    this.count += sign
    t.medical += sign * p.medical
    t.fund += sign * p.fund
    t.account += sign * p.account
    t.mutualAid += sign * p.mutualAid
    t.hospital += sign * p.hospital
    t.personCash += sign * p.personCash
    t.goods += sign * p.goods
    t.cash += sign * p.cash
    t.mobile += sign * p.mobile
    return this
  }

  plus(other: Tally, sign: 1 | -1 = 1): Tally {
    const t = new Tally()
    t.count = this.count + sign * other.count
    for (const k of PART_KEYS) t.parts[k] = this.parts[k] + sign * other.parts[k]
    return t
  }

  view(): Totals {
    const p = this.parts
    return { count: this.count, ...amountsView(p), cash: yuanText(p.cash), mobile: yuanText(p.mobile) }
  }
}

/** The parts as contract text, with the two sums every view shows: what was sold and what the counter took. */
export function amountsView(p: Parts): AmountParts {
  return {
    total: yuanText(p.medical + p.goods),
    medical: yuanText(p.medical),
    fund: yuanText(p.fund),
    account: yuanText(p.account),
    mutualAid: yuanText(p.mutualAid),
    hospital: yuanText(p.hospital),
    personCash: yuanText(p.personCash),
    goods: yuanText(p.goods),
    counter: yuanText(p.personCash + p.goods),
  }
}

/**
 * Integer fen as yuan text ("-12.30"), by integer arithmetic: the same text as fromFen(fen).toFixed(2),
 * without a decimal.js division for each of the tens of thousands of amounts an export writes.
 */
export function yuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer: ${fen}`)
  const abs = Math.abs(fen)
  const cents = abs % 100
  const text = `${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
  return fen < 0 ? `-${text}` : text
}

/**
 * Both identities of the interface, in fen: medical = fund + person part + institution part, person part =
 * account + aid + cash. `account` is always the person's own account: the reader takes mutual aid out of an
 * acct_pay that included it, so the convention only matters where figures meet the platform's (acctPayAsPlatform).
 */
export function identitiesHold(p: Parts): boolean {
  return p.medical === p.fund + p.account + p.mutualAid + p.personCash + p.hospital && p.personCash + p.goods === p.cash + p.mobile
}

/**
 * Whether this region's acct_pay already includes acct_mulaid_pay. No public spec says; the gateway profile owns
 * it. Training (the sandbox) and a profile that accepts either take the national reading: exclusive.
 */
export function acctPayIncludesMulaid(settings: Pick<Settings, 'gatewayProfile' | 'trainingMode'>): boolean {
  return !settings.trainingMode && resolveProfile(settings.gatewayProfile).acctPay === 'acct-includes-mulaid'
}

/** The account figure in the platform's own convention, for what is compared with it (3201). */
export function acctPayAsPlatform(p: Pick<Parts, 'account' | 'mutualAid'>, includesMulaid: boolean): number {
  return includesMulaid ? p.account + p.mutualAid : p.account
}
