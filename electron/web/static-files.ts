import { readFile, stat } from 'node:fs/promises'
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
  const file = join(root, relative)
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
  try {
    if (!(await stat(file)).isFile()) return undefined
  } catch {
    return undefined
  }
  return { file, type: TYPES[extname(file)] ?? 'application/octet-stream' }
}

export const readStatic = (file: string) => readFile(file)
