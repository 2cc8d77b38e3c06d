import type { IncomingMessage } from 'node:http'

/** A request body past the server's cap; the connection is destroyed, so nothing more is read. */
export class BodyTooLarge extends Error {}

/** The whole request body, refused past `maxBytes` (counted as it arrives, never buffered beyond it). */
export function readCappedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > maxBytes) {
        reject(new BodyTooLarge())
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
