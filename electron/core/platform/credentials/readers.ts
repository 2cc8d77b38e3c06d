import { z } from 'zod'
import type { PlatformClient } from '../client'
import { ecRefusalReason } from '../../../../shared/nhsa/ec'
import { CredentialError, readIdCard, readSocialCard, type Credential, type CredentialInput, type CredentialReader } from './credential'

/** The QR code as the scanner typed it: printable, one line, not absurdly long. */
function qrOf(raw: string): string {
  const qr = raw.trim()
  if (!qr || qr.length > 512 || [...qr].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    throw new CredentialError('QR_INVALID', { why: 'unreadable' })
  }
  return qr
}

/** Typed cards read here; QR codes by `decode`; the card in the reader by `readCard` (only a plug-in has a reader). */
function readWith(decode: (qr: string) => Promise<Credential>, readCard?: () => Promise<Credential>) {
  return (input: CredentialInput): Promise<Credential> => {
    if ('idCardNo' in input) return Promise.resolve(readIdCard(input.idCardNo))
    if ('socialCard' in input) return Promise.resolve(readSocialCard(input.socialCard))
    if ('readCard' in input) {
      if (!readCard) throw new CredentialError('CARD_READER_NOT_CONFIGURED')
      return readCard()
    }
    return decode(qrOf(input.qrCode))
  }
}

/** The gateway's electronic-credential decode service (`ecQueryPath`, `transType: ec.query`). */
export function gatewayCredentials(platform: PlatformClient): CredentialReader {
  return {
    read: readWith(async (qr) => {
      const ec = await platform.decodeQr(qr)
      return { certType: '01', certNo: ec.ecToken, ...(ec.idNo ? { idNo: ec.idNo } : {}) }
    }),
  }
}

/**
 * The vendor plug-in's answer (docs/platform-profiles.md, "The credential plug-in"): code 0 with the credential,
 * anything else a refusal in the plug-in's words.
 */
const pluginAnswerSchema = z.union([
  z.object({
    code: z.literal(0),
    data: z.object({
      certType: z.enum(['01', '02', '03']),
      certNo: z.string().min(1).max(100),
      cardSn: z.string().min(1).max(50).optional(),
      idNo: z.string().max(18).optional(),
    }),
  }),
  z.object({
    code: z
      .number()
      .int()
      .refine((c) => c !== 0),
    message: z.string().max(500),
  }),
])

const PLUGIN_TIMEOUT_MS = 10_000

/**
 * A vendor SDK (a DLL that reads the scanner or the card itself) wrapped as a process on this machine answering
 * one HTTP call; the app never loads vendor code. Cards typed at the counter are still read here.
 */
export function pluginCredentials(url: string, who: { orgId: string; operatorId: string; operatorName: string }): CredentialReader {
  const ask = async (request: Record<string, unknown>): Promise<Credential> => {
    let res: Response
    try {
      res = await fetch(`${url.replace(/\/$/, '')}/credential/read`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...request, businessType: '02121', ...who }),
        signal: AbortSignal.timeout(PLUGIN_TIMEOUT_MS),
      })
    } catch {
      throw new CredentialError('CREDENTIAL_PLUGIN_UNREACHABLE', { url })
    }
    const body: unknown = await res.json().catch(() => null)
    const answer = pluginAnswerSchema.safeParse(body)
    if (!answer.success) throw new CredentialError('CREDENTIAL_PLUGIN_BAD_ANSWER', { status: res.status })
    if (!('data' in answer.data)) {
      if (request.kind === 'card') throw new CredentialError('SOCIAL_CARD_INVALID', { why: 'reader', reason: answer.data.message })
      throw new CredentialError('QR_INVALID', { why: 'refused', reason: ecRefusalReason(answer.data.message) })
    }
    const c = answer.data.data
    // A plug-in's 03 must carry its card_sn, as 1101 will; its 02 must be a real ID number.
    if (c.certType === '03') return readSocialCard({ cardNo: c.certNo, cardSn: c.cardSn ?? '' })
    if (c.certType === '02') return readIdCard(c.certNo)
    return { certType: '01', certNo: c.certNo, ...(c.idNo ? { idNo: c.idNo } : {}) }
  }
  return {
    read: readWith(
      (qr) => ask({ kind: 'qr', qrCode: qr }),
      async () => {
        const card = await ask({ kind: 'card', cardType: '03' })
        // The reader answered something else than the social-security card asked for.
        if (card.certType !== '03') throw new CredentialError('SOCIAL_CARD_INVALID', { why: 'notSocialCard' })
        return card
      },
    ),
  }
}

/** The reader the profile names, for this client's institution and operator. */
export function credentialReaderFor(platform: PlatformClient): CredentialReader {
  const source = platform.profile.credentials
  if (source.via === 'plugin') return pluginCredentials(source.url, platform.operator)
  return gatewayCredentials(platform)
}
