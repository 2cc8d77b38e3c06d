import type { Db } from '../../base/store/database'
import type { Clock } from '../../base/clock'
import { requestEnvelopeSchema, type RequestEnvelope, type ResponseEnvelope } from '../../../shared/nhsa/envelope'
import { parseWire } from '../../../shared/nhsa/issues'
import { TRANSACTIONS, inputCarriesPsnNo, isInfno, type Infno } from '../../../shared/nhsa/transactions'
import { PlatformError } from '../errors'
import { nextSequence, padded } from '../store/ids'
import { compactDateTime, respondTime } from '../time'
import type { HandlerContext } from './context'
import { HANDLERS } from './handlers'
import { lapseQuotas } from '../domain/mutual-aid'
import { inputHash, recordMessage, replayOf } from './idempotency'
import { prepared } from '../../base/store/statements'

export const PLATFORM_CODE = 'SANDBOX00000'

export interface DispatchDeps {
  db: Db
  clock: Clock
  baseUrl: () => string
}

/** A request that passed every check before commit and is ready to run. */
export interface ParsedCall {
  envelope: RequestEnvelope
  infno: Infno
  input: unknown
  hash: string
}

function response(db: Db | null, now: Date, received: Date, body: { ok: true; output: unknown } | { ok: false; err: string }): ResponseEnvelope {
  const seq = db ? nextSequence(db, 'inf_refmsgid') % 10000 : Math.floor(Math.random() * 10000)
  return {
    infcode: body.ok ? 0 : -1,
    inf_refmsgid: PLATFORM_CODE + compactDateTime(now) + padded(seq, 4),
    refmsg_time: respondTime(received),
    respond_time: respondTime(now),
    err_msg: body.ok ? null : body.err,
    warn_msg: null,
    output: body.ok ? (body.output as Record<string, unknown>) : null,
  }
}

export function refusal(message: string, received: Date, now: Date): ResponseEnvelope {
  return response(null, now, received, { ok: false, err: message })
}

/** Envelope, sign-in, region and input checks: everything that can refuse a message without a write. */
export function parseCall(deps: DispatchDeps, body: unknown): { ok: true; call: ParsedCall } | { ok: false; message: string } {
  const env = parseWire(requestEnvelopeSchema, body, '')
  if (!env.ok) return { ok: false, message: `报文格式错误：${env.message}` }
  const e = env.value
  if (!isInfno(e.infno)) return { ok: false, message: `不支持的交易编号 infno ${e.infno}` }
  if (e.infno !== '9001') {
    if (!e.sign_no) return { ok: false, message: '未签到：缺少 sign_no，请先调用 9001 签到' }
    const session = prepared(deps.db, 'SELECT fixmedins_code, signed_out_at FROM sessions WHERE sign_no = ?').get(e.sign_no) as
      { fixmedins_code: string; signed_out_at: string | null } | undefined
    if (!session || session.fixmedins_code !== e.fixmedins_code) {
      return { ok: false, message: `签到号 sign_no ${e.sign_no} 无效或不属于本机构，请重新签到` }
    }
    if (session.signed_out_at) return { ok: false, message: `签到号 sign_no ${e.sign_no} 已签退，请重新签到` }
  }
  if (inputCarriesPsnNo(e.input) && !e.insuplc_admdvs) {
    return { ok: false, message: 'insuplc_admdvs：输入含 psn_no 时参保地区划必填' }
  }
  const input = parseWire(TRANSACTIONS[e.infno].input, e.input, 'input')
  if (!input.ok) return { ok: false, message: input.message }
  return { ok: true, call: { envelope: e, infno: e.infno, input: input.value, hash: inputHash(e.input) } }
}

/**
 * Runs one message in a single immediate transaction: the idempotency check, the handler and the
 * stored answer commit together or not at all, so a retry can never see half a settlement.
 */
export function execute(deps: DispatchDeps, call: ParsedCall, received: Date): ResponseEnvelope {
  const { db } = deps
  const e = call.envelope
  const now = deps.clock.now()
  const run = db.transaction((): ResponseEnvelope => {
    const replay = replayOf(db, e.fixmedins_code, e.msgid, e.infno, call.hash)
    if (replay) return replay
    // Time passes at the platform before it answers: a new year's first message finds last year's quotas lapsed.
    lapseQuotas(db, now)
    const ctx: HandlerContext = {
      db,
      envelope: e,
      baseUrl: deps.baseUrl(),
      fixmedins_code: e.fixmedins_code,
      msgid: e.msgid,
      infno: e.infno,
      mdtrtarea_admvs: e.mdtrtarea_admvs,
      now,
    }
    const handler = HANDLERS[call.infno] as (c: HandlerContext, i: unknown) => unknown
    const output = handler(ctx, call.input)
    const checked = TRANSACTIONS[call.infno].output.safeParse(output)
    if (!checked.success) throw new Error(`sandbox produced an invalid ${call.infno} output: ${checked.error.message}`)
    const res = response(db, now, received, { ok: true, output })
    recordMessage(db, { fixmedins_code: e.fixmedins_code, msgid: e.msgid, infno: e.infno, hash: call.hash, response: res }, now)
    return res
  })
  try {
    return run.immediate()
  } catch (err) {
    if (err instanceof PlatformError) return refusal(err.message, received, now)
    throw err
  }
}
