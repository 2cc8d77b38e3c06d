import { z } from 'zod'
import { calls, ERROR_PARAMS, events, TransportErrorCodes } from '../shared/contract'

/** A code's parameters in one line: each shape it may take, its fields with their types. */
function paramsLine(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { anyOf?: object[] }
  const shapes = (json.anyOf ?? [json]) as { properties?: Record<string, { type?: string; enum?: unknown[]; const?: unknown }>; required?: string[] }[]
  const shape = (s: (typeof shapes)[number]) =>
    Object.entries(s.properties ?? {})
      .map(
        ([k, v]) =>
          `${k}${s.required?.includes(k) ? '' : '?'}: ${v.enum ? v.enum.map((e) => JSON.stringify(e)).join(' \\| ') : v.const !== undefined ? JSON.stringify(v.const) : (v.type ?? 'any')}`,
      )
      .join(', ')
  return shapes.map((s) => `{ ${shape(s)} }`.replace('{  }', '{}')).join(' or ')
}

function schemaBlock(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  delete json.$schema
  return '```json\n' + JSON.stringify(json, null, 2) + '\n```'
}

/** The contract reference, generated from the zod schemas so it cannot drift from the code. */
export function renderContractDocs(): string {
  const out: string[] = [
    '# Contract reference (generated)',
    '',
    'Generated from `shared/contract` by `npm run docs:contract`; a test fails when this file is stale.',
    'Every call answers `{ "ok": true, "value": ... }` or `{ "ok": false, "error": { "code", "message", "params"?, "issues"? } }`.',
    'In Electron the preload exposes each call as `window.pos.<name>(input)`; the browser shell serves',
    '`POST /api/call/<name>` (header `x-pos-token`) and events on the WebSocket `/api/events`; the page gets',
    "the token by trading the launch URL's one-time `#code=` at `POST /api/launch` (see docs/security.md).",
    '',
    '## Errors every call may answer',
    '',
    '| code | message |',
    '|---|---|',
    ...Object.entries(TransportErrorCodes).map(([code, msg]) => `| ${code} | ${msg} |`),
    '',
    '## Error codes and their parameters',
    '',
    'Every error also carries `params`, what its words need (`shared/contract/error-registry.ts`); the renderer words',
    'each code in Chinese and English, and `message` is the Chinese sentence for logs and the store node.',
    '',
    '| code | params |',
    '|---|---|',
    ...Object.entries(ERROR_PARAMS).map(([code, schema]) => `| ${code} | ${paramsLine(schema)} |`),
    '',
    '## Calls',
    '',
  ]
  for (const [name, def] of Object.entries(calls)) {
    const access = def.access === 'public' ? 'anyone, signed in or not' : def.access.join(', ')
    out.push(`### ${name}`, '', def.summary, '', `Access: ${access}`, '')
    if (def.errors.length) out.push(`Errors: ${def.errors.map((e) => `\`${e}\``).join(', ')}`, '')
    out.push('Input:', '', schemaBlock(def.input), '', 'Output:', '', schemaBlock(def.output), '')
  }
  out.push('## Events', '')
  for (const [name, schema] of Object.entries(events)) {
    out.push(`### ${name}`, '', schemaBlock(schema), '')
  }
  return out.join('\n')
}
