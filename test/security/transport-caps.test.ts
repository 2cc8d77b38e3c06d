import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PosError } from '../../shared/contract'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore } from '../../electron/core/core'
import { signIn } from '../support/core-session'
import { AnswerTooLarge } from '../../electron/core/platform/answer-body'
import { PlatformError } from '../../electron/core/platform/errors'
import { validatedGatewayCa } from '../../electron/core/platform/gateway-endpoint'
import { ANSWER_LIMITS, createTifTransport, type PlatformTransport, type TifTransportOptions } from '../../electron/core/platform/transport'
import { useTempDir } from '../support/temp-dir'

const clock = { now: () => new Date() }
const servers: Server[] = []
const transports: PlatformTransport[] = []
afterEach(async () => {
  for (const t of transports.splice(0)) t.close?.()
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
})

type Handler = (req: IncomingMessage, res: ServerResponse) => void

async function listen(server: Server, handle: Handler, scheme: 'http' | 'https'): Promise<{ url: string; sent: () => number }> {
  let sent = 0
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      const write = res.write.bind(res) as (c: Buffer | string, cb?: () => void) => boolean
      res.write = ((c: Buffer | string, ...rest: never[]) => {
        sent += Buffer.byteLength(c)
        return write(c, ...rest)
      }) as typeof res.write
      handle(req, res)
    })
  })
  server.on('clientError', () => undefined)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/gw`, sent: () => sent }
}

function transport(url: string, extra: Partial<TifTransportOptions> = {}): PlatformTransport {
  const t = createTifTransport({ baseUrl: url, paasid: 'p', secret: 's', timeoutMs: 10_000, clock, ...extra })
  transports.push(t)
  return t
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(Error)
  return e as Error
}

/** Streams `total` bytes of a JSON string in 64 KB writes, honouring backpressure, until the client hangs up. */
function streamHuge(res: ServerResponse, total: number): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let left = total
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    res.end()
  }
  res.write('{"pad":"')
  pump()
}

describe('the platform transport caps what it reads', () => {
  it('a 40 MB answer is cut off once past the cap, with a typed error, outcome unknown', async () => {
    const gw = await listen(createServer(), (_req, res) => streamHuge(res, 40 * 1024 * 1024), 'http')
    const e = await failure(transport(gw.url).post('/x', {}))
    expect(e).toBeInstanceOf(AnswerTooLarge)
    expect((e as AnswerTooLarge).stage).toBe('wire')
    expect((e as PlatformError).code).toBe('PLATFORM_BAD_ANSWER')
    expect((e as PlatformError).outcomeUnknown).toBe(true)
    // The gateway was stopped long before it could write its 40 MB.
    await new Promise((r) => setTimeout(r, 100))
    expect(gw.sent()).toBeLessThan(20 * 1024 * 1024)
  })

  it('a gzip bomb (64 KB inflating to 64 MB) is stopped at the decompressed cap, not inflated in full', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(64 * 1024 * 1024, 'a'), Buffer.from('"}')]), { level: 9 })
    expect(bomb.length).toBeLessThan(ANSWER_LIMITS.wireBytes)
    const gw = await listen(
      createServer(),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        res.end(bomb)
      },
      'http',
    )
    const heapBefore = process.memoryUsage().arrayBuffers
    const e = await failure(transport(gw.url).post('/x', {}))
    expect(e).toBeInstanceOf(AnswerTooLarge)
    expect((e as AnswerTooLarge).stage).toBe('decoded')
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(32 * 1024 * 1024)
  })

  it('an answer within the caps, compressed or not, still arrives whole', async () => {
    const answer = { infcode: 0, output: { rows: Array.from({ length: 2000 }, (_, i) => ({ i, name: '阿莫西林胶囊' })) } }
    let gz = false
    const gw = await listen(
      createServer(),
      (_req, res) => {
        gz = !gz
        const body = Buffer.from(JSON.stringify(answer))
        res.writeHead(200, { 'content-type': 'application/json', ...(gz ? { 'content-encoding': 'gzip' } : {}) })
        res.end(gz ? gzipSync(body) : body)
      },
      'http',
    )
    const t = transport(gw.url)
    expect(await t.post('/x', {})).toEqual(answer)
    expect(await t.post('/x', {})).toEqual(answer)
  })

  it('a download is capped by the size the platform announced, after decompression too', async () => {
    const file = Buffer.alloc(2 * 1024 * 1024, 'x')
    const gw = await listen(
      createServer(),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' })
        res.end(gzipSync(file))
      },
      'http',
    )
    const e = await failure(transport(gw.url).download!('/f.zip', { maxBytes: 1024 * 1024 }))
    expect(e).toBeInstanceOf(AnswerTooLarge)
    expect((await transport(gw.url).download!('/f.zip', { maxBytes: file.length })).equals(file)).toBe(true)
  })
})

describe('the live gateway is never plain http on the network', () => {
  it('live mode refuses a plain-http gateway on the network, before anything is sent', () => {
    for (const url of ['http://10.1.2.3:8080/gw', 'http://gateway.ybj.example/fsi']) {
      let e: unknown
      try {
        transport(url, { live: true })
      } catch (err) {
        e = err
      }
      expect(e).toBeInstanceOf(PosError)
      expect((e as PosError).code).toBe('PLATFORM_URL_INSECURE')
    }
    // Training and loopback relays stay allowed.
    expect(() => transport('http://10.1.2.3:8080/gw', { live: false })).not.toThrow()
    expect(() => transport('http://localhost:9/gw', { live: true })).not.toThrow()
    expect(() => transport('http://[::1]:9/gw', { live: true })).not.toThrow()
  })
})

describe('the settings refuse a plain-http gateway and a CA that is not one', () => {
  const dataDir = useTempDir('gongji-settings-tls-')
  it('updateSettings answers typed errors and stores nothing wrong', async () => {
    const core = await createCore({ dataDir: join(dataDir(), 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    try {
      await signIn(core, 'manager')
      const refused = async (patch: object) => {
        const res = await core.dispatch('updateSettings', patch)
        return res.ok ? 'OK' : res.error.code
      }
      expect(await refused({ platformUrl: 'http://10.1.2.3:8080/fsi' })).toBe('PLATFORM_URL_INSECURE')
      expect(await refused({ platformCaPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' })).toBe('PLATFORM_CA_INVALID')
      expect(await refused({ platformCaPem: 'hello' })).toBe('INVALID_INPUT')
      expect(await refused({ platformUrl: 'https://10.1.2.3:8443/fsi' })).toBe('OK')
      expect(await refused({ platformUrl: 'http://127.0.0.1:8400' })).toBe('OK')
      const settings = await core.dispatch('getSettings', {})
      expect(settings).toMatchObject({ ok: true, value: { platformUrl: 'http://127.0.0.1:8400', platformCaPem: '' } })
    } finally {
      await core.close()
    }
  })
})

/** The throwaway CA is made with the openssl CLI (node cannot issue certificates); where it is missing, these skip. */
const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0

describe.skipIf(!HAS_OPENSSL)('the live gateway speaks https, with the province CA when it has its own', () => {
  const temp = useTempDir('gongji-tls-')
  let pki: { dir: string; caPem: string; key: Buffer; cert: Buffer }

  /** A throwaway CA and a server certificate for 127.0.0.1 signed by it. */
  function makePki(dir: string) {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Province Test CA')
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1')
    const ext = join(dir, 'ext.cnf')
    execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > ${ext}`])
    run('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', ext)
    return { dir, caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'), key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.pem')) }
  }

  beforeAll(() => {
    pki = makePki(temp())
  })

  const ok: Handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"infcode":0}')
  }

  it('a gateway with a private CA: refused (not sent) without the CA, answered with it', async () => {
    const gw = await listen(createHttpsServer({ key: pki.key, cert: pki.cert }), ok, 'https')
    const refused = await failure(transport(gw.url, { live: true }).post('/x', {}))
    expect(refused).toBeInstanceOf(PlatformError)
    expect((refused as PlatformError).failure).toBe('unreachable')
    expect(refused.message).toContain('CA 证书')
    expect(await transport(gw.url, { live: true, caPem: validatedGatewayCa(pki.caPem, new Date()) }).post('/x', {})).toEqual({ infcode: 0 })
  })

  it('the CA text is checked: garbage, a truncated block or extra text is refused with a typed error', () => {
    const body = pki.caPem.split('\n')
    const cases = [
      'hello',
      pki.caPem.replace(/[A-Za-z]{10}\n/, 'AAAAAAAAAA\n').replace(/M/, '!'),
      [body[0], ...body.slice(3)].join('\n'),
      `${pki.caPem}\nrm -rf /`,
    ]
    for (const pem of cases) {
      let e: unknown
      try {
        validatedGatewayCa(pem, new Date())
      } catch (err) {
        e = err
      }
      expect((e as PosError).code).toBe('PLATFORM_CA_INVALID')
    }
    expect(() => validatedGatewayCa(pki.caPem, new Date(Date.now() + 10 * 86_400_000))).toThrow(/有效期/)
    expect(validatedGatewayCa(`\n${pki.caPem}\n\n`, new Date())).toBe(pki.caPem.trim() + '\n')
  })
})
