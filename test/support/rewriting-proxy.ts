import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A gateway in front of the real sandbox that rewrites answers: forwards every request as it came (the
 * x-tif headers sign neither body nor answer, so the sandbox accepts them), then hands the answers of the
 * chosen infno to `rewrite`. Stands in for a buggy provincial gateway or someone on the path.
 */
export interface RewritingProxy {
  url: string
  /** What each infno's answers are turned into; cleared with `clear()`. */
  rewrite(infno: string, fn: (answer: Record<string, unknown>) => unknown): void
  /** Each answer to this infno replaced by these bytes and status, after the sandbox acted (a broken gateway). */
  replace(infno: string, answer: { status: number; body: string }): void
  clear(): void
  /**
   * Holds this infno's messages until `release`: each request before it reaches the sandbox ('request'),
   * or each answer after the sandbox acted ('answer': committed, its answer on the way).
   */
  hold(infno: string, where: 'request' | 'answer'): void
  /** Lets everything held of this infno go on, and holds no more of it. */
  release(infno: string): void
  /** How many of this infno's messages are held now. */
  held(infno: string): number
  /** The infnos requested so far, in order. */
  readonly seen: string[]
  /** The national messages requested so far (their envelopes as sent), in order. */
  readonly envelopes: Record<string, unknown>[]
  close(): Promise<void>
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function startRewritingProxy(targetUrl: string): Promise<RewritingProxy> {
  const target = new URL(targetUrl)
  const rules = new Map<string, (answer: Record<string, unknown>) => unknown>()
  const replacements = new Map<string, { status: number; body: string }>()
  const seen: string[] = []
  const envelopes: Record<string, unknown>[] = []
  const holds = new Map<string, { where: 'request' | 'answer'; waiting: (() => void)[] }>()
  const gate = (infno: string, where: 'request' | 'answer') => {
    const h = holds.get(infno)
    if (!h || h.where !== where) return Promise.resolve()
    return new Promise<void>((r) => h.waiting.push(r))
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const sent = await body(req)
      let infno = ''
      try {
        const envelope = JSON.parse(sent.toString('utf8')) as Record<string, unknown>
        infno = String(envelope.infno ?? '')
        if (infno) envelopes.push(envelope)
      } catch {
        // not a national message (e.g. the credential decode); forwarded untouched
      }
      if (infno) seen.push(infno)
      await gate(infno, 'request')
      const headers = { ...req.headers, host: target.host, 'accept-encoding': 'identity', 'content-length': String(sent.length) }
      const upstream = request({ hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (answer) => {
        void body(answer).then(async (buf) => {
          await gate(infno, 'answer')
          const rule = rules.get(infno)
          const replaced = replacements.get(infno)
          let out = buf
          if (rule) out = Buffer.from(JSON.stringify(rule(JSON.parse(buf.toString('utf8')) as Record<string, unknown>)), 'utf8')
          if (replaced) out = Buffer.from(replaced.body, 'utf8')
          const h = { ...answer.headers, 'content-length': String(out.length) }
          delete h['content-encoding']
          delete h['transfer-encoding']
          res.writeHead(replaced?.status ?? answer.statusCode ?? 502, h)
          res.end(out)
        })
      })
      upstream.on('error', () => res.destroy())
      upstream.end(sent)
    })()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    rewrite: (infno, fn) => void rules.set(infno, fn),
    replace: (infno, answer) => void replacements.set(infno, answer),
    clear: () => {
      rules.clear()
      replacements.clear()
    },
    hold: (infno, where) => void holds.set(infno, { where, waiting: [] }),
    release: (infno) => {
      const h = holds.get(infno)
      holds.delete(infno)
      for (const go of h?.waiting ?? []) go()
    },
    held: (infno) => holds.get(infno)?.waiting.length ?? 0,
    seen,
    envelopes,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
