import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createCore, type Core } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { WEB_EVENTS_PROTOCOL as EVENTS_PROTOCOL, WEB_TOKEN_HEADER as TOKEN_HEADER } from '../../shared/contract/names'
import { startWebShell, type WebShell } from '../../electron/web/server'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let core: Core
let shell: WebShell

beforeEach(async () => {
  const dir = tempDir()
  const rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
  core = await createCore({ dataDir: join(dir, 'data'), shell: 'web', version: '0.0.0' }, { training: trainingPlatform() })
  shell = await startWebShell({ core, rendererDir })
})
afterEach(async () => {
  await shell.close()
  await core.close()
})

function http(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, method, path, headers: { host: `127.0.0.1:${shell.port}`, ...headers } }, (res) => {
      let data = ''
      res.on('data', (c: Buffer) => (data += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const call = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  http('POST', `/api/call/${name}`, { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token, ...headers }, JSON.stringify(input))

describe('browser shell', () => {
  it('listens on loopback only', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await http('GET', '/')
    expect(page.status).toBe(200)
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(page.headers['x-frame-options']).toBe('DENY')
    expect((await http('GET', '/../secret.txt')).status).toBe(404)
    expect((await http('GET', '/%2e%2e/secret.txt')).status).toBe(404)
  })

  it('answers a valid call', async () => {
    const res = await call('getSettings', {})
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { terminalId: 'T01' } })
  })

  it('accepts localhost as well as 127.0.0.1 but no other Host (DNS rebinding)', async () => {
    expect((await call('getSettings', {}, { host: `localhost:${shell.port}` })).status).toBe(200)
    expect((await call('getSettings', {}, { host: `evil.example:${shell.port}` })).status).toBe(421)
    expect((await http('GET', '/', { host: 'evil.example' })).status).toBe(421)
  })

  it('refuses a missing or wrong token and a foreign origin, and nothing changes', async () => {
    const patch = { fixmedinsName: '攻击者' }
    expect((await call('updateSettings', patch, { [TOKEN_HEADER]: '' })).status).toBe(401)
    expect((await call('updateSettings', patch, { [TOKEN_HEADER]: shell.token.slice(1) + 'x' })).status).toBe(401)
    expect((await call('updateSettings', patch, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await call('updateSettings', patch, { origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403)
    expect(JSON.parse((await call('getSettings', {})).body).value.fixmedinsName).not.toBe('攻击者')
  })

  it('refuses malformed JSON, a wrong content type and an oversized body', async () => {
    const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token }
    expect((await http('POST', '/api/call/getSettings', headers, '{not json')).status).toBe(400)
    expect((await http('POST', '/api/call/getSettings', { ...headers, 'content-type': 'text/plain' }, '{}')).status).toBe(415)
    expect((await http('POST', '/api/call/updateSettings', headers, JSON.stringify({ fixmedinsName: 'x'.repeat(2 << 20) }))).status).toBe(413)
  })

  it('pushes events only to a socket with the token from our own origin', async () => {
    const origin = `http://127.0.0.1:${shell.port}`
    const refused = new WebSocket(`ws://127.0.0.1:${shell.port}/api/events`, [EVENTS_PROTOCOL, 'wrong'], { origin })
    await expect(new Promise((res, rej) => (refused.on('open', res), refused.on('error', rej)))).rejects.toThrow(/403/)
    const foreign = new WebSocket(`ws://127.0.0.1:${shell.port}/api/events`, [EVENTS_PROTOCOL, shell.token], { origin: 'https://evil.example' })
    await expect(new Promise((res, rej) => (foreign.on('open', res), foreign.on('error', rej)))).rejects.toThrow(/403/)

    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api/events`, [EVENTS_PROTOCOL, shell.token], { origin })
    await new Promise((res) => ws.on('open', res))
    // Other events may come first (the connectivity probe reports when the training platform answers).
    const message = new Promise<string>((res) => ws.on('message', (d) => String(d).includes('"settingsChanged"') && res(String(d))))
    await call('setLocale', { locale: 'en' })
    expect(JSON.parse(await message)).toMatchObject({ event: 'settingsChanged', payload: { settings: { locale: 'en' } } })
    ws.close()
  })
})
