import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** Resolves a URL path inside `root`, or undefined for anything that escapes it or does not exist. */
export async function resolveStatic(root: string, urlPath: string): Promise<{ file: string; type: string } | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '')
  const inside = (path: string, folder: string) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
  const file = join(root, relative)
  if (!inside(file, root)) return undefined
  try {
    // The path string stays inside; the file it names must too. A symlink planted in the renderer
    // folder (an installer's mistake, another account's write access) would otherwise serve the
    // database or the secret key to anyone, without the token.
    const real = await realpath(file)
    if (!inside(real, await realpath(root))) return undefined
    if (!(await stat(real)).isFile()) return undefined
    return { file: real, type: TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return undefined
  }
}

export const readStatic = (file: string) => readFile(file)
