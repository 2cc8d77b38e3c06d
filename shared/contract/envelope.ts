import { z } from 'zod'

/**
 * What every call's answer and every event is wrapped in, apart from the schemas of what they carry: the
 * renderer's transports check the envelope with these alone, and each payload against its own call's or
 * event's schema, loaded with its concern (by-concern.ts).
 */

/**
 * Every failure that crosses the renderer/core boundary has this shape: a stable code for support, the
 * parameters its words need (shared/contract/error-registry.ts), and the Chinese sentence made from them
 * for logs, the store node and any reader that is not the renderer (which words the code itself).
 */
export const PosErrorSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
  message: z.string().min(1),
  /** What the code's words need; absent when another process (the store node) wrote the message. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Which input fields were wrong, for forms. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type PosErrorData = z.infer<typeof PosErrorSchema>

/** The result envelope every call returns over IPC and HTTP. */
export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: PosErrorSchema }),
])
export type CallResult = z.infer<typeof CallResultSchema>

/** One event as the browser shell's WebSocket carries it. */
export const EventMessageSchema = z.object({ event: z.string(), payload: z.unknown() })
