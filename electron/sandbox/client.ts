import { randomBytes, randomInt } from 'node:crypto'
import { Agent, request } from 'node:http'
import { EC_QUERY_PATH, NATIONAL_PATH, type ResponseEnvelope } from '../../shared/nhsa/envelope'
import type { EcQueryResponse } from '../../shared/nhsa/ec'
import type { Infno } from '../../shared/nhsa/transactions'
import { signTifHeaders } from './http/signature'
import { compactDateTime, wireDateTime } from './time'

export interface SandboxClientOptions {
  url: string
  paasid: string
  secret: string
  fixmedins_code: string
  mdtrtarea_admvs: string
  fixmedins_name?: string
  now?: () => Date
}

// One counter per process, from a random start: two terminals of one institution in one second
// must still get distinct msgids.
let sequence = randomInt(0, 10000)

// Keep-alive over node:http: on a loaded machine fetch (undici) costs several milliseconds per call,
// which would swamp what the bench means to measure.
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

/** One HTTP exchange; rejects when the connection closes without an answer (a dropped reply). */
export function httpExchange(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * A minimal terminal for the sandbox: signs requests, builds envelopes, keeps the sign-in. Tests,
 * the bench and training tooling use it; the product's own platform client lives in electron/core.
 */
export class SandboxClient {
  signNo: string | undefined
  private readonly now: () => Date

  constructor(readonly options: SandboxClientOptions) {
    this.now = options.now ?? (() => new Date())
  }

  nextMsgid(): string {
    sequence = (sequence + 1) % 10000
    return this.options.fixmedins_code + compactDateTime(this.now()) + String(sequence).padStart(4, '0')
  }

  headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      ...signTifHeaders(this.options.paasid, this.options.secret, this.now(), randomBytes(16).toString('hex')),
    }
  }

  envelope(infno: Infno | string, input: unknown, extra: { msgid?: string; insuplc_admdvs?: string } = {}) {
    return {
      infno,
      msgid: extra.msgid ?? this.nextMsgid(),
      mdtrtarea_admvs: this.options.mdtrtarea_admvs,
      insuplc_admdvs: extra.insuplc_admdvs ?? '',
      recer_sys_code: 'GJPOS',
      infver: 'V1.0',
      opter_type: '1',
      opter: 'T001',
      opter_name: '收银员',
      inf_time: wireDateTime(this.now()),
      fixmedins_code: this.options.fixmedins_code,
      fixmedins_name: this.options.fixmedins_name ?? this.options.fixmedins_code,
      sign_no: this.signNo ?? '',
      input,
    }
  }

  async post(body: unknown, headers: Record<string, string> = this.headers()): Promise<{ status: number; body: ResponseEnvelope }> {
    const res = await httpExchange(this.options.url + NATIONAL_PATH, 'POST', headers, JSON.stringify(body))
    return { status: res.status, body: JSON.parse(res.text) as ResponseEnvelope }
  }

  async call(infno: Infno, input: unknown, extra: { msgid?: string; insuplc_admdvs?: string } = {}): Promise<ResponseEnvelope> {
    const { status, body } = await this.post(this.envelope(infno, input, extra))
    if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body)}`)
    return body
  }

  async signIn(): Promise<string> {
    const r = await this.call('9001', { signIn: { opter_no: 'T001', mac: '00-16-3E-00-00-01', ip: '127.0.0.1' } })
    if (r.infcode !== 0) throw new Error(`sign-in refused: ${r.err_msg}`)
    this.signNo = (r.output as { signinoutb: { sign_no: string } }).signinoutb.sign_no
    return this.signNo
  }

  async decode(qrCode: string): Promise<EcQueryResponse> {
    const res = await httpExchange(
      this.options.url + EC_QUERY_PATH,
      'POST',
      { 'content-type': 'application/json' },
      JSON.stringify({
        transType: 'ec.query',
        orgId: this.options.fixmedins_code,
        data: { qrCode, businessType: '02121', operatorId: 'T001', operatorName: '收银员' },
      }),
    )
    return JSON.parse(res.text) as EcQueryResponse
  }

  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await httpExchange(
      this.options.url + path,
      method,
      body === undefined ? {} : { 'content-type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    )
    return { status: res.status, body: JSON.parse(res.text) as T }
  }
}
