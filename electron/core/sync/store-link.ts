import { z } from 'zod'
import {
  pairRequestSchema,
  pushAnswerSchema,
  registrationSchema,
  SYNC_API_VERSION,
  syncErrorSchema,
  type OutboxRow,
  type PushAnswer,
  type Registration,
  type SyncErrorCode,
} from '../../../shared/contract/sync/wire'

/** A refusal or failure talking to the store node; `code` is the store node's own when it answered one. */
export class StoreLinkError extends Error {
  constructor(
    readonly code: SyncErrorCode | 'STORE_UNREACHABLE' | 'STORE_BAD_ANSWER',
    message: string,
  ) {
    super(message)
    this.name = 'StoreLinkError'
  }
  /** Worth trying again later (the network, a restart); a refusal is not. */
  get transient(): boolean {
    return this.code === 'STORE_UNREACHABLE' || this.code === 'INTERNAL' || this.code === 'STORE_BAD_ANSWER'
  }
}

async function post<T>(url: string, body: unknown, answer: z.ZodType<T>, opts: { key?: string; timeoutMs: number }): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    })
  } catch (e) {
    throw new StoreLinkError('STORE_UNREACHABLE', `门店服务器无法连接：${(e as Error).message}`)
  }
  let json: unknown
  try {
    json = await res.json()
  } catch {
    throw new StoreLinkError('STORE_BAD_ANSWER', `门店服务器的应答无法解析（HTTP ${res.status}）`)
  }
  if (!res.ok) {
    const err = syncErrorSchema.safeParse(json)
    if (err.success) throw new StoreLinkError(err.data.error.code, err.data.error.message)
    throw new StoreLinkError('STORE_BAD_ANSWER', `门店服务器应答 HTTP ${res.status}`)
  }
  const parsed = answer.safeParse(json)
  if (!parsed.success) throw new StoreLinkError('STORE_BAD_ANSWER', '门店服务器的应答格式不符')
  return parsed.data
}

/** The counter's HTTP client of the store node. */
export class StoreLink {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  pair(code: string, label: string): Promise<Registration> {
    return post(new URL('/sync/v1/pair', this.baseUrl).href, pairRequestSchema.parse({ version: SYNC_API_VERSION, code, label }), registrationSchema, {
      timeoutMs: this.timeoutMs,
    })
  }

  push(key: string, terminalUid: string, rows: OutboxRow[]): Promise<PushAnswer> {
    return post(new URL('/sync/v1/push', this.baseUrl).href, { version: SYNC_API_VERSION, terminal_uid: terminalUid, rows }, pushAnswerSchema, {
      key,
      timeoutMs: this.timeoutMs,
    })
  }

  /** A paired counter's call under its key (the store's day, its watermark): `body` is sent with its terminal and the wire version. */
  call<T>(path: string, key: string, terminalUid: string, body: object, answer: z.ZodType<T>): Promise<T> {
    return post(new URL(path, this.baseUrl).href, { version: SYNC_API_VERSION, terminal_uid: terminalUid, ...body }, answer, { key, timeoutMs: this.timeoutMs })
  }
}
