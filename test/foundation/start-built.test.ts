import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { expect, test } from 'vitest'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { shellApi } from '../support/web-shell-process'
import { useTempDir } from '../support/temp-dir'

const ROOT = resolve(import.meta.dirname, '../..')
const tempDir = useTempDir()

/** The processes a process started, from the kernel's own list. */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
}

test.skipIf('path' in electronBinary())(
  '`npm start` without Electron builds, then runs the built browser shell: no TypeScript compiled at run time, no device library loaded before a device is set up',
  async () => {
    const token = randomBytes(32).toString('hex')
    const launcher = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data', join(tempDir(), 'data'), '--no-open'], {
      cwd: ROOT,
      env: { ...process.env, GONGJI_WEB_TOKEN: token },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise((r) => launcher.once('exit', r))
    try {
      const url = await new Promise<string>((res, rej) => {
        createInterface({ input: launcher.stdout! }).on('line', (line) => line.startsWith('http://') && res(line))
        launcher.once('exit', (code) => rej(new Error(`npm start's launcher exited with ${code}`)))
      })
      const [shell] = childrenOf(launcher.pid!)
      const argv = readFileSync(`/proc/${shell}/cmdline`, 'utf8').split('\0')
      expect(argv.slice(1, 4)).toEqual(['--max-semi-space-size=2', '--optimize-for-size', 'out/main/web.js'])
      expect(argv).not.toContain('tsx')

      const call = shellApi({ origin: new URL(url).origin, token })
      const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!
      await call('login', { userId: cashier.id, pin: cashier.pin })
      const codes = await call<{ qrCode: string }[]>('trainingMembers', {})
      expect((await call<{ nameMasked: string }>('identifyMember', { qrCode: codes[0].qrCode })).nameMasked).toContain('*')

      // Native libraries show in the process's memory map: SQLite's is there, the serial port's only
      // once a serial scanner is set up (it and the driver printer's library cost every start ~0.2-0.4 s).
      const maps = readFileSync(`/proc/${shell}/maps`, 'utf8')
      expect(maps).toContain('better_sqlite3.node')
      expect(maps).not.toMatch(/@serialport|bindings-cpp/)
    } finally {
      launcher.kill('SIGTERM')
      await exited
    }
  },
  120_000,
)
