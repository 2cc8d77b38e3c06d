import { realpathSync, statSync } from 'node:fs'
import { extname, isAbsolute, join, relative } from 'node:path'

/**
 * The renderer is served from `app://renderer/…` (a privileged standard scheme), not file://: the page
 * gets a real origin, the CSP travels as a header, and nothing outside the built renderer folder can be
 * reached through it. This module is the part that decides which file a URL means; it imports no
 * `electron`, so it is tested under plain Node against real folders and symlinks.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

export type AppFile = { ok: true; file: string; type: string } | { ok: false; status: 400 | 403 | 404; why: string }

/** A path segment that could climb out, name a drive or stream, or end a C string. */
const UNSAFE_SEGMENT = /^\.{1,2}$|[/\\:\0]/

/**
 * The file under `root` that `requestUrl` names, or why not. Refused: another scheme or host (403), a
 * malformed escape or a `..`, `.`, slash, backslash, colon or NUL inside a segment (400), anything whose
 * real path (symlinks followed) is not under the real root (403), a missing file or a folder (404).
 */
export function resolveAppFile(root: string, requestUrl: string): AppFile {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { ok: false, status: 400, why: 'not a URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403, why: 'not the app origin' }
  const segments: string[] = []
  for (const raw of url.pathname.split('/').slice(1)) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { ok: false, status: 400, why: 'bad escape' }
    }
    if (UNSAFE_SEGMENT.test(segment)) return { ok: false, status: 400, why: 'unsafe path segment' }
    segments.push(segment)
  }
  if (segments.length === 0 || segments.at(-1) === '') segments.splice(-1, 1, 'index.html')
  if (segments.some((s) => s === '')) return { ok: false, status: 400, why: 'empty path segment' }

  let realRoot: string
  let real: string
  try {
    realRoot = realpathSync(root)
    real = realpathSync(join(realRoot, ...segments))
  } catch {
    return { ok: false, status: 404, why: 'no such file' }
  }
  const inside = relative(realRoot, real)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 403, why: 'outside the renderer folder' }
  if (!statSync(real).isFile()) return { ok: false, status: 404, why: 'not a file' }
  return { ok: true, file: real, type: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' }
}

/**
 * The page the window loads. A dev server (`ELECTRON_RENDERER_URL`, set by `electron-vite dev`) only in
 * development: a packaged app ignores the variable, so nobody can point the window (and the IPC frame
 * check, which trusts this URL) at another page by setting it.
 */
export function rendererUrl(packaged: boolean, env: Readonly<Record<string, string | undefined>>): string {
  return (!packaged && env.ELECTRON_RENDERER_URL) || APP_ENTRY_URL
}
