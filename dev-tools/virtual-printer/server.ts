import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { TypedEmitter } from '../../electron/core/devices/typed-emitter'
import { EscPosDecoder, type DecodedReceipt } from './decoder'

/**
 * How the virtual printer misbehaves, for tests and demos:
 * - online: prints and answers status;
 * - paper-out: answers "paper end", discards what it is sent;
 * - cover-open: answers "offline, cover open", discards what it is sent;
 * - slow: reads and answers only after `slowMs` per chunk, like a printer busy feeding paper;
 * - silent: accepts and reads but never answers status (cheap printers that ignore DLE EOT).
 * Unreachable is `stop()`: connections are refused.
 */
export type VirtualPrinterMode = 'online' | 'paper-out' | 'cover-open' | 'slow' | 'silent'

export interface VirtualPrinterOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  columns?: number
  slowMs?: number
}

export interface VirtualPrinterEvents extends Record<string, unknown> {
  receipt: DecodedReceipt
}

// Status bytes of DLE EOT n: bits 1 and 4 are always set on Epson-compatible printers.
const BASE = 0x12
function statusByte(mode: VirtualPrinterMode, n: number): number {
  const paperOut = mode === 'paper-out'
  const coverOpen = mode === 'cover-open'
  switch (n) {
    case 1:
      return BASE | (paperOut || coverOpen ? 0x08 : 0)
    case 2:
      return BASE | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0)
    case 4:
      return BASE | (paperOut ? 0x6c : 0)
    default:
      return BASE
  }
}

export class VirtualPrinter extends TypedEmitter<VirtualPrinterEvents> {
  mode: VirtualPrinterMode = 'online'
  readonly columns: number
  private readonly decoder: EscPosDecoder
  private server?: Server
  private readonly sockets = new Set<Socket>()
  private port: number
  private readonly host: string
  private readonly slowMs: number
  private answerTo?: Socket
  /** Every byte received while printing, for byte-level inspection. */
  private received: Buffer[] = []
  connections = 0

  constructor(opts: VirtualPrinterOptions = {}) {
    super()
    this.host = opts.host ?? '127.0.0.1'
    this.port = opts.port ?? 0
    this.columns = opts.columns ?? 48
    this.slowMs = opts.slowMs ?? 2000
    this.decoder = new EscPosDecoder(this.columns, (n) => this.answerTo?.write(Buffer.from([statusByte(this.mode, n)])))
  }

  get receipts(): readonly DecodedReceipt[] {
    return this.decoder.receipts
  }

  /** Drawer pulses not followed by a cut (the cashier's drawer button). */
  get pendingDrawerKicks(): number {
    return this.decoder.pendingReceipt.drawerKicks
  }

  get bytes(): Buffer {
    return Buffer.concat(this.received)
  }

  /** `tcp://127.0.0.1:PORT`, the address node-thermal-printer and our settings take. */
  get uri(): string {
    return `tcp://${this.host}:${this.port}`
  }

  get address(): { host: string; port: number } {
    return { host: this.host, port: this.port }
  }

  /** Starts listening; after a `stop()` it comes back on the same port, like a printer switched on. */
  async start(): Promise<this> {
    // Half-open: the printer closes its side only after it has worked through everything it was sent.
    const server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, this.host, () => resolve())
    })
    this.port = (server.address() as AddressInfo).port
    this.server = server
    return this
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private accept(socket: Socket): void {
    this.connections++
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    let chain = Promise.resolve()
    socket.on('data', (chunk) => {
      if (this.mode === 'slow') {
        socket.pause()
        chain = chain.then(
          () =>
            new Promise<void>((resolve) =>
              setTimeout(() => {
                this.consume(socket, chunk)
                if (!socket.destroyed) socket.resume()
                resolve()
              }, this.slowMs),
            ),
        )
        return
      }
      this.consume(socket, chunk)
    })
    socket.on('end', () => void chain.then(() => socket.end()))
  }

  private consume(socket: Socket, chunk: Buffer): void {
    const before = this.decoder.receipts.length
    this.answerTo = socket
    if (this.mode === 'paper-out' || this.mode === 'cover-open') {
      // Still answer real-time status requests, print nothing.
      const queries = new EscPosDecoder(this.columns, (n) => socket.write(Buffer.from([statusByte(this.mode, n)])))
      queries.feed(chunk)
      return
    }
    if (this.mode === 'silent') this.answerTo = undefined
    this.received.push(chunk)
    this.decoder.feed(chunk)
    for (const r of this.decoder.receipts.slice(before)) this.emit('receipt', r)
  }
}
