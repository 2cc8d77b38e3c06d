import { randomBytes } from 'node:crypto'
import { PlatformError } from '../../errors'
import { wireDateTime } from '../../time'
import type { Handler, HandlerContext } from '../context'
import { prepared } from '../../../base/store/statements'

function ensureInstitution(ctx: HandlerContext): void {
  prepared(
    ctx.db,
    `INSERT INTO institutions (fixmedins_code, fixmedins_name, kind, admdvs, created_at) VALUES (?, ?, 'unknown', ?, ?)
       ON CONFLICT (fixmedins_code) DO NOTHING`,
  ).run(ctx.fixmedins_code, ctx.envelope.fixmedins_name ?? ctx.fixmedins_code, ctx.mdtrtarea_admvs, ctx.now.toISOString())
}

/** Any well-formed institution code may sign in, as at a gateway that trusts its network perimeter. */
export const signIn: Handler<'9001'> = (ctx, input) => {
  ensureInstitution(ctx)
  const signNo = randomBytes(12).toString('hex').toUpperCase()
  prepared(ctx.db, 'INSERT INTO sessions (sign_no, fixmedins_code, opter_no, signed_in_at) VALUES (?, ?, ?, ?)').run(
    signNo,
    ctx.fixmedins_code,
    input.signIn.opter_no,
    ctx.now.toISOString(),
  )
  return { signinoutb: { sign_time: wireDateTime(ctx.now), sign_no: signNo } }
}

export const signOut: Handler<'9002'> = (ctx, input) => {
  const r = prepared(ctx.db, 'UPDATE sessions SET signed_out_at = ? WHERE sign_no = ? AND fixmedins_code = ? AND signed_out_at IS NULL').run(
    ctx.now.toISOString(),
    input.signOut.sign_no,
    ctx.fixmedins_code,
  )
  if (r.changes !== 1) throw new PlatformError(`签到号 ${input.signOut.sign_no} 无效或已签退`)
  return { signoutoutb: { sign_time: wireDateTime(ctx.now), sign_no: input.signOut.sign_no } }
}
