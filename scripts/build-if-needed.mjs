#!/usr/bin/env node
// Builds the app with electron-vite when the output is missing or older than any source file.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const OUTPUT = 'out/renderer/index.html'
const SOURCES = ['renderer', 'electron/main', 'electron/preload', 'shared', 'electron.vite.config.ts', 'package.json']

function newest(path) {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))))
}

export function buildIfNeeded() {
  const stale = !existsSync(OUTPUT) || SOURCES.some((s) => existsSync(s) && newest(s) > statSync(OUTPUT).mtimeMs)
  if (stale) execSync('npx electron-vite build', { stdio: 'inherit' })
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded()
