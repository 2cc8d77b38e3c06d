import { GS, type ScanResult } from '../../scan'

/**
 * What a screen may show of a scan. A member QR is a credential for the member's medical insurance
 * account: never shown whole, only its start and length so the cashier can tell two scans apart.
 * Unrecognised text may be a QR the rules did not know, so long ones are masked the same way.
 */
export function shownScanText(result: ScanResult): string {
  switch (result.kind) {
    case 'member-qr':
      return mask(result.token)
    case 'unknown':
      return result.raw.length > 20 ? mask(result.raw) : result.raw
    case 'gs1':
      return result.raw.replaceAll(GS, '<GS>')
    default:
      return result.raw
  }
}

function mask(text: string): string {
  return `${text.slice(0, 4)}${'*'.repeat(6)}（${text.length}）`
}
