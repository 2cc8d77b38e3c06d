#!/usr/bin/env node
// Builds the app with electron-vite when the output is missing or older than any source file.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { WEB_ENTRY } from './web-shell.mjs'

const OUTPUTS = ['out/renderer/index.html', 'out/main/index.js', WEB_ENTRY]
// The main bundles (Electron's and the browser shell's) carry the core, the sandbox and base too.
const SOURCES = ['renderer', 'electron', 'shared', 'electron.vite.config.ts', 'package.json']

function newest(path) {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))))
}

export function buildIfNeeded() {
  if (OUTPUTS.some((o) => !existsSync(o))) return build()
  const built = Math.min(...OUTPUTS.map((o) => statSync(o).mtimeMs))
  if (SOURCES.some((s) => existsSync(s) && newest(s) > built)) build()
}

function build() {
  execSync('npx electron-vite build', { stdio: 'inherit' })
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded()
