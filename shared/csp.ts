/**
 * The one Content-Security-Policy of the renderer, sent by the Electron session and the browser shell
 * alike (the page's meta tag repeats it for file:// loads). The page needs nothing from elsewhere.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
