import { toWireNumber, yuan } from '../../money/money'
import type { Infno } from '../transactions'
import { checkDescribesRevoke, checkDescribesSale, type AcctConvention, type SaleSent } from './describes'
import { readEnvelope } from './envelope'
import { readOutput, type AnswerOutput } from './readers'
import type { ReadSetlinfo } from './settlement'

/** What came back for one message: an answer (whatever its shape), or nothing. */
export type Arrival = { arrived: true; raw: unknown } | { arrived: false; why: string }

/**
 * What the client may conclude from an answer, and so what it may do next:
 * - unknown: nothing readable came back; the platform may or may not have acted (only a reversal settles it);
 * - refused: the platform said no (infcode other than 0, in any form); it did nothing, no reversal;
 * - rejected: the platform said yes (infcode 0) but the answer lacks what the client must record, or does
 *   not describe the sale that was sent; it is never recorded as paid, a money-moving one is reversed;
 * - committed: the platform said yes and the answer is usable; oddities are kept for the manager.
 */
export type AnswerOutcome<T> =
  | { kind: 'unknown'; why: string }
  | { kind: 'refused'; infcode: number; message: string }
  | { kind: 'rejected'; reasons: string[]; oddities: string[] }
  | { kind: 'committed'; output: T; oddities: string[]; warn: string | null; convention: AcctConvention | null }

/** Settlements whose answer must describe the sale that was sent. */
const DESCRIBE_CHECKED: ReadonlySet<string> = new Set(['2101', '2102', '2206', '2207'])
/** Revokes, whose answer must be about the settlement undone (sent: the original's person and total). */
const REVOKES: ReadonlySet<string> = new Set(['2103', '2208'])

export function judgeAnswer<I extends Infno>(infno: I, arrival: Arrival, sent?: SaleSent): AnswerOutcome<AnswerOutput<I>> {
  if (!arrival.arrived) return { kind: 'unknown', why: arrival.why }
  const env = readEnvelope(arrival.raw)
  if (!env) return { kind: 'unknown', why: `医保平台 ${infno} 的应答无法识别为报文` }
  if (env.infcode !== 0) {
    // The platform's own words when it gave any (the cashier's screen shows them under PLATFORM_REFUSED).
    return { kind: 'refused', infcode: env.infcode, message: env.errMsg ?? `医保平台拒绝了 ${infno} 交易（代码 ${env.infcode}），未说明原因` }
  }
  const read = readOutput(infno, env.output)
  const oddities = [...read.oddities, ...(env.warnMsg ? [`平台提示：${env.warnMsg}`] : [])]
  if (!read.value || read.missing.length) {
    return { kind: 'rejected', reasons: read.missing.map((k) => `应答缺少或无法读取 ${k}`), oddities }
  }
  let convention: AcctConvention | null = null
  let output = read.value
  if (sent && DESCRIBE_CHECKED.has(infno)) {
    const answer = output as { setlinfo: ReadSetlinfo }
    const check = checkDescribesSale(answer.setlinfo, sent)
    if (check.violations.length) return { kind: 'rejected', reasons: check.violations, oddities: [...oddities, ...check.oddities] }
    oddities.push(...check.oddities)
    convention = check.convention
    if (convention === 'acct-includes-mulaid') output = { ...answer, setlinfo: ownAccountOnly(answer.setlinfo) } as typeof output
  } else if (sent && REVOKES.has(infno)) {
    const check = checkDescribesRevoke((output as { setlinfo: ReadSetlinfo }).setlinfo, sent)
    if (check.violations.length) return { kind: 'rejected', reasons: check.violations, oddities: [...oddities, ...check.oddities] }
    oddities.push(...check.oddities)
  }
  return { kind: 'committed', output, oddities, warn: env.warnMsg, convention }
}

/**
 * The app records acct_pay as the person's own account only (receipt, day figures, views add
 * acct_mulaid_pay beside it). An answer whose acct_pay already included mutual aid is recorded that way
 * too; the platform's own figure stays in the raw answer and is named in acct_convention.
 */
function ownAccountOnly(s: ReadSetlinfo): ReadSetlinfo {
  return { ...s, acct_pay: toWireNumber(yuan(s.acct_pay).minus(yuan(s.acct_mulaid_pay))), acct_convention: 'acct-includes-mulaid' }
}
