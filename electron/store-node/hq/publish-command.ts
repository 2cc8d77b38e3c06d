/**
 * The head office's staff publish master data from a shell, through HQ's own HTTP API (the admin calls' check,
 * zod on both ends), as its page does:
 *
 *   npm run store-node -- --role hq publish --url http://HQ:8431 --admin-token T --actor 王经理 --kind KIND (--json '…' | --file F --list L)
 *
 * KIND and its `--json`: settings (the chain's keys: idleLockMinutes, requireOpenShift, discountApproval), user
 * ({id, name, role, active, pin?, nhsaOperator?}), offline_limits ({mode, perSale, outstanding, maxAgeHours}),
 * region_policy (a region's policy), price ({storeCode, price, validFrom}); catalog takes `--file` and `--list`
 * (store, 1301 or 1306). Prints `{"seq": N}`, the entry's number in HQ's log.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { ImportListSchema } from '../../../shared/contract/catalog/schemas'
import { HqPublishChangeSchema, hqPublishAnswerSchema } from '../../../shared/contract/sync/hq-master'
import { CATALOG_CHUNK_BYTES, catalogBeginAnswerSchema, okAnswerSchema } from '../../../shared/contract/sync/master-data'
import { syncErrorSchema } from '../../../shared/contract/sync/wire'

/** The field of a change `--json` fills, by kind (a price is its own fields). */
const FIELD = { settings: 'patch', user: 'user', offline_limits: 'limits', region_policy: 'policy' } as const

async function post<T>(base: string, token: string, path: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-token': token },
    body: JSON.stringify(body),
  })
  const json: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const refusal = syncErrorSchema.safeParse(json)
    throw new Error(refusal.success ? `${refusal.data.error.code}: ${refusal.data.error.message}` : `总部服务器应答 HTTP ${res.status}`)
  }
  return answer.parse(json)
}

export async function publishCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      actor: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'string' },
      file: { type: 'string' },
      list: { type: 'string', default: 'store' },
    },
  })
  const token = values['admin-token'] ?? process.env.STORE_NODE_ADMIN_TOKEN
  if (values.role !== 'hq' || !values.url || !token || !values.actor || !values.kind) {
    throw new Error(
      '用法：npm run store-node -- --role hq publish --url <总部服务器地址> --admin-token <令牌> --actor <发布人> --kind <种类> (--json … | --file … --list …)',
    )
  }
  const call = <T>(path: string, body: unknown, answer: z.ZodType<T>) => post(values.url!, token, path, body, answer)
  if (values.kind === 'catalog') {
    if (!values.file) throw new Error('发布商品目录须给出 --file')
    const file = readFileSync(values.file)
    const list = ImportListSchema.parse(values.list)
    const sha256 = createHash('sha256').update(file).digest('hex')
    const begun = await call(
      '/hq/v1/master/catalog/begin',
      { actor: values.actor, list, source_name: basename(values.file), bytes: file.length, sha256 },
      catalogBeginAnswerSchema,
    )
    for (let n = 0; n < begun.chunks; n++) {
      const data = file.subarray(n * CATALOG_CHUNK_BYTES, (n + 1) * CATALOG_CHUNK_BYTES).toString('base64')
      await call('/hq/v1/master/catalog/put', { file_id: begun.file_id, n, data }, okAnswerSchema)
    }
    return (await call('/hq/v1/master/catalog/commit', { actor: values.actor, file_id: begun.file_id }, hqPublishAnswerSchema)).seq
  }
  const payload: unknown = JSON.parse(values.json ?? 'null')
  const kind = values.kind as keyof typeof FIELD | 'price'
  const change = HqPublishChangeSchema.parse(kind === 'price' ? { kind, ...(payload as object) } : { kind, [FIELD[kind] ?? 'patch']: payload })
  return (await call('/hq/v1/master/publish', { actor: values.actor, change }, hqPublishAnswerSchema)).seq
}
