import { CONTENT_SECURITY_POLICY } from '../../../shared/csp'

/** What every answer of a page served to a browser carries: the browser shell's and the head office's page alike. */
export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const
