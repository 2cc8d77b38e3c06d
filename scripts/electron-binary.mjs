// Where the Electron binary is, or why there is none (it cannot be downloaded on every machine).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** @returns {{ path: string } | { reason: string }} */
export function electronBinary() {
  try {
    // Electron's install script writes path.txt once the binary is unpacked; without it require('electron') throws
    // advice (delete node_modules) that does not help where the download is impossible.
    const home = dirname(require.resolve('electron/package.json'))
    if (!existsSync(join(home, 'path.txt'))) return { reason: 'Electron 二进制文件未下载（此机器无法下载或安装时跳过了下载）' }
    const path = require('electron')
    if (typeof path === 'string' && existsSync(path)) return { path }
    return { reason: 'Electron 二进制文件不存在（安装时跳过了下载）' }
  } catch (e) {
    return { reason: `Electron 二进制文件不可用：${String(e.message ?? e).split('\n')[0]}` }
  }
}
