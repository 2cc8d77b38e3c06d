import type { CredentialSourceCheck } from '../../../../shared/contract'
import type { CredentialSource } from '../../../../shared/nhsa/profiles'
import { CredentialRefused, type PlatformClient } from '../client'
import { PlatformError } from '../errors'
import { CredentialError } from './credential'
import { gatewayCredentials, pluginCredentials } from './readers'

/** A code no person holds: a working source reads the request and refuses it. */
export const TEST_QR_CODE = 'GJPOS-CREDENTIAL-SOURCE-TEST'

/**
 * Tries a credential source with the test code, for the manager under 设置: did it answer in its contract, not
 * at all, or in a form the app cannot read; or did the gateway refuse the request itself. Nobody is identified.
 */
export async function checkCredentialSource(source: CredentialSource, client: PlatformClient): Promise<CredentialSourceCheck> {
  const reader = source.via === 'plugin' ? pluginCredentials(source.url, client.operator) : gatewayCredentials(client)
  const seen = (result: CredentialSourceCheck['result'], detail: string): CredentialSourceCheck => ({ via: source.via, result, detail })
  try {
    await reader.read({ qrCode: TEST_QR_CODE })
    return seen('answered', '')
  } catch (e) {
    if (e instanceof CredentialRefused) return seen('answered', e.message)
    if (e instanceof CredentialError) {
      if (e.code === 'CREDENTIAL_PLUGIN_UNREACHABLE') return seen('unreachable', e.message)
      if (e.code === 'CREDENTIAL_PLUGIN_BAD_ANSWER') return seen('unreadable', e.message)
      return seen('answered', e.message)
    }
    if (e instanceof PlatformError) {
      if (e.failure === 'refused') return seen('refused', e.message)
      if (e.failure === 'malformed' || e.failure === 'rejected') return seen('unreadable', e.message)
      return seen('unreachable', e.message)
    }
    throw e
  }
}
