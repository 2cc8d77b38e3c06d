import type { Server } from 'node:http'

/**
 * A server's close, once however often it is called: open keep-alive connections are cut (a test's or a
 * shell's close must not wait for idle sockets), then `after` runs (the server's database) and it resolves.
 */
export function closeOnce(server: Server, after: () => void): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      server.close(() => {
        after()
        resolve()
      })
      server.closeAllConnections()
    }))
}
