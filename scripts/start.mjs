#!/usr/bin/env node
// `npm start`: the Electron app where its binary exists, otherwise the browser shell, said in one line.
import { spawn } from 'node:child_process'
import { buildIfNeeded } from './build-if-needed.mjs'
import { electronBinary } from './electron-binary.mjs'
import { ensureNative } from './ensure-native.mjs'
import { WEB_ENTRY, WEB_NODE_FLAGS } from './web-shell.mjs'

buildIfNeeded()
const electron = electronBinary()
const args = process.argv.slice(2)
let child
if ('path' in electron) {
  ensureNative('electron')
  child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' })
} else {
  console.log(`${electron.reason}，改用浏览器模式启动。 (No Electron binary here: starting the browser shell.)`)
  ensureNative('node')
  // The built shell (out/main/web.js, beside the Electron main): no TypeScript transformed at run time.
  child = spawn(process.execPath, [...WEB_NODE_FLAGS, WEB_ENTRY, ...args], { stdio: 'inherit' })
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
