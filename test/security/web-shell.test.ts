import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore, type Core } from '../../electron/core/core'
import { startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { WEB_LAUNCH_PATH as LAUNCH_PATH, WEB_TOKEN_HEADER as TOKEN_HEADER } from '../../shared/contract/names'
import { startWebShell, type WebShell } from '../../electron/web/server'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir('gongji-web-security-')
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

type Answer = { status: number; body: string }
function http(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let data = ''
      res.on('data', (c: Buffer) => (data += c.toString()))
      res.on('end', () => done({ status: res.statusCode ?? 0, body: data }))
    })
    req.on('error', fail)
    req.end(body)
  })
}

async function shellOn(dir: string): Promise<{ core: Core; shell: WebShell; rendererDir: string }> {
  const rendererDir = join(dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  const core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  const shell = await startWebShell({ core, rendererDir })
  cleanups.push(
    () => core.close(),
    () => shell.close(),
  )
  return { core, shell, rendererDir }
}

const exchange = (shell: WebShell, code: string, headers: Record<string, string> = {}) =>
  http(shell.port, 'POST', LAUNCH_PATH, { 'content-type': 'application/json', ...headers }, JSON.stringify({ code }))

describe('the browser shell opens with a one-time code, never the token', () => {
  it('the launch URL carries a code, not the token; the code is traded once for the token, a second use is refused', async () => {
    const { shell } = await shellOn(tempDir())
    expect(shell.launchUrl).not.toContain(shell.token)
    const code = new URLSearchParams(new URL(shell.launchUrl).hash.slice(1)).get('code')!
    expect(code).toMatch(/^[0-9a-f]{64}$/)

    const first = await exchange(shell, code, { origin: `http://127.0.0.1:${shell.port}` })
    expect(first.status).toBe(200)
    const token = (JSON.parse(first.body) as { value: { token: string } }).value.token
    expect(token).toBe(shell.token)
    // The token works; the code does not, a second time or ever again.
    const call = await http(shell.port, 'POST', '/api/call/getSettings', { 'content-type': 'application/json', [TOKEN_HEADER]: token }, '{}')
    expect(call.status).toBe(200)
    const again = await exchange(shell, code)
    expect(again.status).toBe(401)
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'LAUNCH_CODE_INVALID' } })
    expect((await exchange(shell, 'f'.repeat(64))).status).toBe(401)
    expect((await exchange(shell, code.slice(1))).status).toBe(401)
  })

  it('a foreign page or a rebound host name cannot trade a code', async () => {
    const { shell } = await shellOn(tempDir())
    const code = new URLSearchParams(new URL(shell.launchUrl).hash.slice(1)).get('code')!
    expect((await exchange(shell, code, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await exchange(shell, code, { host: `evil.example:${shell.port}` })).status).toBe(421)
    // Still unused, so the real page opens.
    expect((await exchange(shell, code)).status).toBe(200)
  })

  it('the shell process prints and opens the browser with the code: the token is on no command line and in no log line', async () => {
    const dir = tempDir()
    const argsFile = join(dir, 'browser-args.txt')
    const fakeBrowser = join(dir, 'browser.sh')
    writeFileSync(fakeBrowser, `#!/bin/sh\nprintf '%s\\n' "$@" > ${argsFile}\n`)
    chmodSync(fakeBrowser, 0o755)
    const token = 'a1'.repeat(32)
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', '--port', '0', '--data', join(dir, 'data'), '--open'], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { ...process.env, GONGJI_WEB_TOKEN: token, GONGJI_BROWSER: fakeBrowser, DISPLAY: ':99' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise((r) => child.once('exit', r))
    cleanups.push(async () => {
      child.kill('SIGTERM')
      await exited
    })
    let stdout = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
    const firstLine = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r))
    await eventually(
      'the browser to be started',
      async () => existsSync(argsFile) && readFileSync(argsFile, 'utf8').includes('--app='),
      (v) => v,
      20_000,
    )
    const args = readFileSync(argsFile, 'utf8')
    expect(args).toContain(`--app=${firstLine}`)
    expect(firstLine).toMatch(/#code=[0-9a-f]{64}$/)
    expect(args).not.toContain(token)
    expect(stdout).not.toContain(token)
    // The token it was given is the one the code opens.
    const port = Number(new URL(firstLine).port)
    const code = new URL(firstLine).hash.slice('#code='.length)
    const traded = await http(port, 'POST', LAUNCH_PATH, { 'content-type': 'application/json' }, JSON.stringify({ code }))
    expect(JSON.parse(traded.body)).toMatchObject({ ok: true, value: { token } })
  })
})

describe('the browser shell does not hold a slow request open', () => {
  it('a body that trickles in, with a valid token, is cut off at the request time limit', async () => {
    const dir = tempDir()
    const rendererDir = join(dir, 'renderer')
    mkdirSync(rendererDir, { recursive: true })
    const core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    const shell = await startWebShell({ core, rendererDir, requestTimeoutMs: 1_000 })
    cleanups.push(
      () => core.close(),
      () => shell.close(),
    )
    const socket = connect(shell.port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d: Buffer) => (answer += d.toString()))
    const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now())))
    const started = Date.now()
    socket.write(
      `POST /api/call/getSettings HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\n${TOKEN_HEADER}: ${shell.token}\r\n` +
        'content-type: application/json\r\ncontent-length: 100\r\n\r\n{',
    )
    const drip = setInterval(() => socket.write(' '), 200)
    const ended = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(0), 8_000))])
    clearInterval(drip)
    socket.destroy()
    expect(ended, 'the connection was still open after 8 s').toBeGreaterThan(0)
    expect(ended - started).toBeLessThan(8_000)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })
})

describe('the static server serves only files whose real path is inside the renderer folder', () => {
  it('a symlink planted in the renderer folder to the database, the secret key or a system file is not served', async () => {
    const dir = tempDir()
    const { shell, rendererDir } = await shellOn(dir)
    writeFileSync(join(dir, 'outside.txt'), 'not for the browser')
    symlinkSync(join(dir, 'outside.txt'), join(rendererDir, 'leak.txt'))
    symlinkSync(join(dir, 'data'), join(rendererDir, 'data-dir'))
    symlinkSync('/etc/hostname', join(rendererDir, 'assets', 'host.js'))
    for (const path of ['/leak.txt', '/data-dir/gongji.db', '/assets/host.js']) {
      const res = await http(shell.port, 'GET', path)
      expect(res.status, path).toBe(404)
      expect(res.body).not.toContain('not for the browser')
    }
    // A link that stays inside still serves (a build tool may link its own output).
    symlinkSync(join(rendererDir, 'assets', 'app.js'), join(rendererDir, 'alias.js'))
    expect((await http(shell.port, 'GET', '/alias.js')).body).toBe('console.log(1)')
    expect((await http(shell.port, 'GET', '/assets/app.js')).status).toBe(200)
  })
})

describe("the training sandbox's admin API refuses cross-site and rebound requests", () => {
  async function sandbox(): Promise<RunningSandbox> {
    const s = await startSandbox({ port: 0, seed: 'demo' })
    cleanups.push(() => s.close())
    return s
  }
  const credentials = (s: RunningSandbox, headers: Record<string, string>) =>
    http(s.port, 'POST', '/sandbox/credentials', { 'content-type': 'text/plain', ...headers }, JSON.stringify({ psn_no: '41010099000000000001' }))

  it('a foreign Host or Origin gets 403 and no practice code; the sandbox itself (no Origin, its own Host) still gets one', async () => {
    const s = await sandbox()
    const foreign: Record<string, string>[] = [
      { host: 'evil.example', origin: 'http://evil.example' },
      { host: `evil.example:${s.port}` },
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: `http://127.0.0.1:${s.port + 1}` },
    ]
    for (const headers of foreign) {
      const res = await credentials(s, headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(res.body).not.toContain('qr')
    }
    expect((await credentials(s, {})).status).toBe(201)
    expect((await credentials(s, { origin: `http://127.0.0.1:${s.port}` })).status).toBe(201)
    expect((await credentials(s, { host: `localhost:${s.port}` })).status).toBe(201)
  })
})
