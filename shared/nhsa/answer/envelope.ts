import { z } from 'zod'
import { looseInfcode, looseText } from './loose'

/**
 * The answer envelope as gateways really send it: infcode as a number or a string, err_msg, warn_msg and
 * even output optional, provincial extras (cainfo, signtype, …) kept. Guangzhou may still wrap it in an
 * older `{code, type, message, data: {…envelope…}}`; that wrapper is taken off first.
 */
export const looseEnvelopeSchema = z.looseObject({
  infcode: looseInfcode,
  inf_refmsgid: looseText.optional(),
  refmsg_time: looseText.optional(),
  respond_time: looseText.optional(),
  err_msg: looseText.optional(),
  warn_msg: looseText.optional(),
  output: z.unknown().optional(),
})

export interface ReadEnvelope {
  infcode: number
  errMsg: string | null
  warnMsg: string | null
  output: unknown
}

function unwrapLegacy(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || 'infcode' in raw) return raw
  const data = (raw as { data?: unknown }).data
  return typeof data === 'object' && data !== null && 'infcode' in data ? data : raw
}

/** The envelope, or null when what arrived cannot be read as one (then nobody knows what the platform did). */
export function readEnvelope(raw: unknown): ReadEnvelope | null {
  const parsed = looseEnvelopeSchema.safeParse(unwrapLegacy(raw))
  if (!parsed.success) return null
  const e = parsed.data
  return { infcode: e.infcode, errMsg: e.err_msg?.trim() || null, warnMsg: e.warn_msg?.trim() || null, output: e.output ?? null }
}
