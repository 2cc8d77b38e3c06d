import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { z } from 'zod'
import { systemClock, type Clock } from '../../base/clock'
import { closeOnce } from '../../base/http/close-server'
import { BodyTooLarge, readCappedBody } from '../../base/http/read-body'
import { PayFaultsSchema, PayFaultState } from './pay-faults'
import { openPayLedger, PayLedger } from './pay-ledger'
import {
  MERCHANT_HEADER,
  MicropayBody,
  PAY_PATHS,
  RefundBody,
  SIGNATURE_HEADER,
  TradeBody,
  type PayAnswerWire,
  type PayOperation,
} from '../../../shared/payment/sandbox-wire'

export const PAY_ADMIN_PATH = '/pay-sandbox'
const MAX_BODY = 64 * 1024

export interface PaySandboxOptions {
  port?: number
  /** Keeps the provider's books in this directory (a restart keeps them); in memory without it. */
  dataDir?: string
  clock?: Clock
  merchantId?: string
  key?: string
}

export interface RunningPaySandbox {
  url: string
  merchantId: string
  key: string
  faults: PayFaultState
  ledger: PayLedger
  close(): Promise<void>
}

export function paySignature(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex')
}

function send(res: ServerResponse, status: number, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length })
  res.end(bytes)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Loopback only, and the Host must name this server, so no web page can drive the trainer's faults. */
function adminAllowed(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  if (a !== '127.0.0.1' && a !== '::1' && a !== '::ffff:127.0.0.1') return false
  const port = req.socket.localPort
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  const origin = req.headers.origin
  return hosts.includes((req.headers.host ?? '').toLowerCase()) && (origin === undefined || hosts.some((h) => origin === `http://${h}`))
}

function withBody<S extends z.ZodType>(schema: S, body: unknown, work: (b: z.output<S>) => PayAnswerWire): PayAnswerWire | z.ZodError {
  const b = schema.safeParse(body)
  return b.success ? work(b.data) : b.error
}

const OPERATIONS = Object.entries(PAY_PATHS).map(([op, path]) => [path, op as PayOperation] as const)

/**
 * The payment provider of training mode and the tests: a 付款码 acquirer on loopback that takes
 * WeChat Pay and Alipay codes alike (as the aggregators stores contract with do), with fault injection
 * through `POST /pay-sandbox/faults`.
 */
export async function startPaySandbox(options: PaySandboxOptions = {}): Promise<RunningPaySandbox> {
  const clock = options.clock ?? systemClock
  const merchantId = options.merchantId ?? '1900000109'
  const key = options.key ?? 'pay-sandbox-key'
  const db = openPayLedger(options.dataDir, clock)
  const faults = new PayFaultState()
  const ledger = new PayLedger(db, clock, faults)

  // Each operation: its body's schema and what the ledger does with it.
  const operations: Record<PayOperation, (body: unknown) => PayAnswerWire | z.ZodError> = {
    micropay: (body) => withBody(MicropayBody, body, (b) => ledger.micropay(merchantId, b)),
    orderquery: (body) => withBody(TradeBody, body, (b) => ledger.query(b)),
    reverse: (body) => withBody(TradeBody, body, (b) => ledger.reverse(merchantId, b)),
    refund: (body) => withBody(RefundBody, body, (b) => ledger.refund(b)),
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw = await readCappedBody(req, MAX_BODY)
    if (url.pathname.startsWith(PAY_ADMIN_PATH)) {
      if (!adminAllowed(req)) return send(res, 403, { error: '管理接口只接受本机、本服务地址的请求' })
      if (url.pathname === `${PAY_ADMIN_PATH}/faults` && req.method === 'GET') return send(res, 200, faults.get())
      if (url.pathname === `${PAY_ADMIN_PATH}/faults` && req.method === 'POST') {
        let body: unknown
        try {
          body = JSON.parse(raw.toString('utf8') || '{}')
        } catch {
          return send(res, 400, { error: '请求体不是合法的 JSON' })
        }
        const f = PayFaultsSchema.safeParse(body)
        if (!f.success) return send(res, 400, { error: f.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；') })
        faults.set(f.data)
        return send(res, 200, faults.get())
      }
      if (url.pathname === `${PAY_ADMIN_PATH}/trades` && req.method === 'GET') return send(res, 200, ledger.trades())
      return send(res, 404, { error: 'not found' })
    }
    const op = OPERATIONS.find(([path]) => path === url.pathname)?.[1]
    if (!op || req.method !== 'POST') return send(res, 404, { return_code: 'FAIL', return_msg: `no such API: ${req.method} ${url.pathname}` })
    const f = faults.get()
    if (f.latencyMs > 0) await sleep(f.latencyMs)
    if (f.down) return void req.socket.destroy()
    const text = raw.toString('utf8')
    const sig = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ''), 'utf8')
    const want = Buffer.from(paySignature(key, text), 'utf8')
    if (req.headers[MERCHANT_HEADER] !== merchantId || sig.length !== want.length || !timingSafeEqual(sig, want)) {
      return send(res, 200, { return_code: 'FAIL', return_msg: '签名错误或商户号不符' })
    }
    if (faults.systemError(op))
      return send(res, 200, { return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时，请查询' })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return send(res, 200, { return_code: 'FAIL', return_msg: '请求体不是合法的 JSON' })
    }
    const answer = operations[op](body)
    if (!('return_code' in answer))
      return send(res, 200, { return_code: 'FAIL', return_msg: `参数错误：${answer.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` })
    // The work is committed; the answer is lost on its way back.
    if (faults.loseAnswer(op)) return void req.socket.destroy()
    send(res, 200, answer)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof BodyTooLarge) return
      process.stderr.write(`pay sandbox: internal error: ${(e as Error).message}\n`)
      if (!res.headersSent) send(res, 500, { return_code: 'FAIL', return_msg: 'sandbox internal error' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, merchantId, key, faults, ledger, close: closeOnce(server, () => db.close()) }
}
