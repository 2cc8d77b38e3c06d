import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { APP_SCHEME, resolveAppFile } from './app-protocol'

/** Must run before the app is ready: `app://` behaves like https (origin, fetch, secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves the built renderer folder on `app://renderer/`, with the CSP as a header. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppFile(root, request.url)
    if (!found.ok) return new Response(null, { status: found.status })
    return new Response(await readFile(found.file), {
      headers: { 'content-type': found.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    })
  })
}
