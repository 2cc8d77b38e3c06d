// Where the Electron binary is, or why there is none (it cannot be downloaded on every machine).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** @returns {{ path: string } | { reason: string }} */
export function electronBinary() {
  try {
    const path = require('electron')
    if (typeof path === 'string' && existsSync(path)) return { path }
    return { reason: 'Electron 二进制文件不存在（安装时跳过了下载）' }
  } catch (e) {
    return { reason: `Electron 二进制文件不可用：${String(e.message ?? e).split('\n')[0]}` }
  }
}
