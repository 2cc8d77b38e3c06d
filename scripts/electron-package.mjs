// postinstall: Electron is an optional dependency because its own install script downloads a binary, and
// where that download is impossible npm drops the whole package rather than fail `npm install`. The shell's
// types (electron/main, electron/preload), electron-vite and electron-builder still need the package, so put
// back the same version without its install script. `npm start` then finds no binary and says so in one line.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const target = join('node_modules', 'electron')
if (existsSync(join(target, 'package.json'))) process.exit(0)

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
const version = lock.packages?.['node_modules/electron']?.version
if (!version) {
  console.error('package-lock.json names no Electron version; run `npm install` again once it does.')
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'gongji-electron-'))
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  execFileSync(npm, ['pack', `electron@${version}`, '--silent', '--pack-destination', work], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  })
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error(`npm pack electron@${version} wrote no tarball`)
  mkdirSync(target, { recursive: true })
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1'], { stdio: 'inherit' })
  console.log(
    `Electron ${version} 的二进制文件无法下载：已安装其类型与工具，npm start 将以浏览器模式运行。` +
      ' (Electron binary not downloadable here: package installed without it; npm start runs the browser shell.)',
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
