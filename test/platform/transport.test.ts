import { spawn } from 'node:child_process'
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net'
import { createInterface } from 'node:readline'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { PlatformError } from '../../electron/core/platform/errors'
import { createTifTransport, type PlatformTransport } from '../../electron/core/platform/transport'

const clock = { now: () => new Date() }
const servers: (Server | NetServer)[] = []
const transports: PlatformTransport[] = []
afterEach(async () => {
  for (const t of transports.splice(0)) t.close?.()
  for (const s of servers.splice(0)) {
    if ('closeAllConnections' in s) s.closeAllConnections()
    await new Promise<void>((r) => s.close(() => r()))
  }
})

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

/** A gateway on loopback that counts the connections it was given. */
async function gateway(handle: Handler, keepAliveMs = 5000): Promise<{ url: string; connections: () => number; bodies: string[] }> {
  let connections = 0
  const bodies: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      bodies.push(body)
      handle(req, body, res)
    })
  })
  server.keepAliveTimeout = keepAliveMs
  server.on('connection', () => (connections += 1))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gw`, connections: () => connections, bodies }
}

function transport(url: string, timeoutMs = 2000): PlatformTransport {
  const t = createTifTransport({ baseUrl: url, paasid: 'p', secret: 's', timeoutMs, clock })
  transports.push(t)
  return t
}

const echo: Handler = (req, body, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ path: req.url, got: JSON.parse(body), signed: typeof req.headers['x-tif-signature'] === 'string' }))
}

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(PlatformError)
  return e as PlatformError
}

describe('the x-tif transport', () => {
  it('carries message after message over one kept-alive connection, signed, to the gateway path', async () => {
    const gw = await gateway(echo)
    const t = transport(gw.url)
    for (let i = 0; i < 20; i++) {
      expect(await t.post('/fsi/api', { n: i, name: '张三' })).toEqual({ path: '/gw/fsi/api', got: { n: i, name: '张三' }, signed: true })
    }
    expect(gw.connections()).toBe(1)
  })

  it('lets an idle connection go before the gateway closes it, so the next message is never written into a closing one', async () => {
    // Node announces "Keep-Alive: timeout=2"; the agent drops the connection a second before that.
    const gw = await gateway(echo, 2000)
    const t = transport(gw.url)
    await t.post('/a', { n: 1 })
    await new Promise((r) => setTimeout(r, 1500))
    expect(await t.post('/a', { n: 2 })).toMatchObject({ got: { n: 2 } })
    expect(gw.connections()).toBe(2)
  })

  it('a gateway that closes idle connections without saying so: the closed one is noticed, the next message goes on a new one', async () => {
    let connections = 0
    const server = createNetServer((socket: Socket) => {
      connections += 1
      socket.once('data', () => {
        const body = '{"ok":true}'
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`)
        setTimeout(() => socket.end(), 100)
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    servers.push(server)
    const t = transport(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    for (let i = 0; i < 3; i++) {
      expect(await t.post('/x', { i })).toEqual({ ok: true })
      await new Promise((r) => setTimeout(r, 300))
    }
    expect(connections).toBe(3)
  })

  it('a gateway that compresses its answer although not asked to is still understood', async () => {
    const gw = await gateway((req, _body, res) => {
      expect(req.headers['accept-encoding']).toBeUndefined()
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify({ infcode: 0, name: '王*国' })))
    })
    expect(await transport(gw.url).post('/x', {})).toEqual({ infcode: 0, name: '王*国' })
  })

  it('a gateway that closed the connection while our event loop was busy: the next message still goes through, on a new connection', async () => {
    // The gateway in its own process, so it closes the idle connection while this one is blocked.
    const script = `
      const net = require('node:net')
      let connections = 0
      const server = net.createServer((socket) => {
        connections += 1
        socket.on('error', () => {})
        socket.on('data', () => {
          if (socket.writableEnded) return
          const body = JSON.stringify({ connections })
          socket.write('HTTP/1.1 200 OK\\r\\ncontent-type: application/json\\r\\ncontent-length: ' + body.length + '\\r\\n\\r\\n' + body)
          setTimeout(() => socket.end(), 30)
        })
      })
      server.listen(0, '127.0.0.1', () => console.log(server.address().port))`
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const port = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r))
      const t = transport(`http://127.0.0.1:${port}`)
      for (let i = 1; i <= 5; i++) {
        const until = Date.now() + 150
        while (Date.now() < until) {
          // a long synchronous stretch (a big import, a report): the gateway's close waits unread
        }
        expect(await t.post('/x', {})).toEqual({ connections: i })
      }
    } finally {
      child.kill()
    }
  })

  it('nobody listening: unreachable, the request never left', async () => {
    const gw = await gateway(echo)
    const port = new URL(gw.url).port
    const s = servers.pop() as Server
    await new Promise<void>((r) => s.close(() => r()))
    const e = await failure(transport(`http://127.0.0.1:${port}`).post('/x', {}))
    expect(e.failure).toBe('unreachable')
    expect(e.code).toBe('PLATFORM_UNREACHABLE')
    expect(e.outcomeUnknown).toBe(false)
  })

  it('the connection dropped after the message arrived: lost, outcome unknown', async () => {
    const gw = await gateway((_req, _body, res) => res.socket?.destroy())
    const e = await failure(transport(gw.url).post('/x', { a: 1 }))
    expect(e.failure).toBe('lost')
    expect(e.outcomeUnknown).toBe(true)
    expect(gw.bodies).toEqual(['{"a":1}'])
  })

  it('an answer slower than the timeout: lost, and the message says how long it waited', async () => {
    const gw = await gateway(() => undefined)
    const e = await failure(transport(gw.url, 300).post('/x', {}))
    expect(e.failure).toBe('lost')
    expect(e.message).toContain('0.3 秒内未应答')
  })

  it('an answer cut off half way: lost', async () => {
    const gw = await gateway((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"infcode":0,')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const e = await failure(transport(gw.url).post('/x', {}))
    expect(e.failure).toBe('lost')
  })

  it('HTTP 401 is a refusal of the signature; HTTP 502 leaves the outcome unknown; a body that is not JSON is malformed', async () => {
    const statuses = [401, 502, 200]
    const gw = await gateway((_req, _body, res) => {
      const status = statuses.shift()!
      res.writeHead(status, { 'content-type': 'text/plain' })
      res.end(status === 200 ? '<html>gateway</html>' : 'no')
    })
    const t = transport(gw.url)
    expect((await failure(t.post('/x', {}))).failure).toBe('refused')
    expect((await failure(t.post('/x', {}))).failure).toBe('lost')
    expect((await failure(t.post('/x', {}))).failure).toBe('malformed')
  })
})
