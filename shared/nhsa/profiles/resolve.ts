import { PosError } from '../../contract/errors'
import { GatewayChoiceSchema, GatewayProfileSchema, type GatewayChoice, type GatewayProfile } from './schema'
import { DEFAULT_PROFILE_ID, SHIPPED_PROFILES } from './shipped'

export const DEFAULT_GATEWAY_CHOICE: GatewayChoice = { profileId: DEFAULT_PROFILE_ID, overrides: {} }

/** The profile in force: the shipped one named by the setting, with the manager's overrides applied. */
export function resolveProfile(choice: GatewayChoice = DEFAULT_GATEWAY_CHOICE): GatewayProfile {
  const c = GatewayChoiceSchema.parse(choice)
  const base = SHIPPED_PROFILES.find((p) => p.id === c.profileId)
  if (!base) throw new PosError('GATEWAY_PROFILE_UNKNOWN', { profile: c.profileId })
  return GatewayProfileSchema.parse({ ...base, ...c.overrides })
}

/** Where a national message goes under this profile. */
export function messagePath(profile: GatewayProfile, infno: string): string {
  const p = profile.paths
  switch (p.mode) {
    case 'generic':
      return p.path
    case 'base-infno':
      return p.base.replace(/\/?$/, '/') + infno
    case 'per-service':
      return p.services[infno] ?? p.fallback
  }
}

/** The receiving system's code for one transaction. */
export function recerSysCodeFor(profile: GatewayProfile, infno: string): string {
  return profile.recerSysCode.byInfno[infno] ?? profile.recerSysCode.default
}

/** The x-ca signature's plaintext head; the body's bytes (in the profile's encoding) follow it. */
export function xcaSignatureHead(key: string, timestamp: string, nonce: string): string {
  return `${key}\n${timestamp}\n${nonce}\n`
}

export const XCA_HEADERS = { key: 'x-ca-key', timestamp: 'x-ca-timestamp', nonce: 'x-ca-nonce', signature: 'x-ca-signature' } as const
export const TIF_SERVICE_ID_HEADER = 'x-tif-serviceid'

/** The bytes of a 9101 upload as this gateway wants them in `fsUploadIn.in`. */
export function uploadBytes(profile: GatewayProfile, base64: string): string | number[] {
  return profile.fileUpload === 'byte-array' ? [...base64ToBytes(base64)] : base64
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}
