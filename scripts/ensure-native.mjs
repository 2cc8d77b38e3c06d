#!/usr/bin/env node
// Makes sure better-sqlite3's native module is built for the runtime about to load it (Node for tests
// and the browser shell, Electron for the app), so `npm start` and `npm test` never break each other.
import { execSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const STAMP = 'node_modules/.gongji-native-runtime'
/**
 * Rebuilds better-sqlite3 for `target` unless the stamp says it is built for it (and, for Node, it loads).
 * `npm start` calls it in its own process: a second Node process only to check costs ~0.1 s of the start.
 */
export function ensureNative(target) {
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : ''
  if (target === 'node') {
    const want = `node-${process.versions.modules}`
    if (stamp === want && loadsInNode()) return
    if (!loadsInNode()) {
      console.log('better-sqlite3 不匹配当前 Node，正在重新编译（约 2 分钟）… / rebuilding better-sqlite3 for Node')
      execSync('npm rebuild better-sqlite3', { stdio: 'inherit' })
    }
    writeFileSync(STAMP, want)
  } else {
    const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
    const want = `electron-${electronVersion}`
    if (stamp === want) return
    console.log(`正在为 Electron ${electronVersion} 编译原生模块… / rebuilding native modules for Electron`)
    execSync(`npx --yes @electron/rebuild --force --only better-sqlite3 --version ${electronVersion}`, { stdio: 'inherit' })
    writeFileSync(STAMP, want)
  }
}

function loadsInNode() {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
    return true
  } catch (e) {
    if (/NODE_MODULE_VERSION|compiled against|invalid ELF|Could not locate the bindings/i.test(String(e))) return false
    throw e
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2]
  if (target !== 'node' && target !== 'electron') {
    console.error('usage: ensure-native.mjs node|electron')
    process.exit(2)
  }
  ensureNative(target)
}
