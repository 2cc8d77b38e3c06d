import type { z } from 'zod'

/**
 * Turns a zod failure into the one-line Chinese err_msg the platform answers with: every failing field
 * by its full path, so a cashier's support call can name the field.
 */
export function describeIssues(error: z.ZodError, root = ''): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter(Boolean).join('.')
      return `${path || '报文'}：${issue.message}`
    })
    .join('；')
}

/** Per-parse error map: Chinese for the generic cases, our own messages kept as they are. */
export const nhsaErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return '缺少必填字段'
    return `类型错误，应为 ${issue.expected}`
  }
  if (issue.code === 'unrecognized_keys') return `未知字段 ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_value') return `取值无效，应为 ${issue.values.map(String).join('/')}`
  if (issue.code === 'too_small' && issue.origin === 'array') return `至少需要 ${String(issue.minimum)} 项`
  return undefined
}

export function parseWire<S extends z.ZodType>(schema: S, data: unknown, root: string): { ok: true; value: z.infer<S> } | { ok: false; message: string } {
  const r = schema.safeParse(data, { error: nhsaErrorMap })
  return r.success ? { ok: true, value: r.data } : { ok: false, message: describeIssues(r.error, root) }
}
