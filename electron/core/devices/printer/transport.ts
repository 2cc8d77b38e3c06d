import type { PrinterConnection } from '../../../../shared/receipt'

export interface SendTiming {
  /** The job fails after this long. */
  timeoutMs: number
  /** `onSlow` fires once when the job takes longer than this. */
  slowAfterMs: number
  onSlow: () => void
  /** Ask the printer for its state before sending, where the link can answer. */
  statusQuery: boolean
}

/**
 * One way to reach a printer. `send` resolves when the printer has taken every byte, and throws a
 * PosError with a printer code otherwise; it never retries by itself (the queue decides).
 */
export interface PrinterTransport {
  readonly target: string
  send(bytes: Buffer, timing: SendTiming): Promise<void>
}

/** The module `printer:NAME` needs (node-printer's `printDirect`/`getPrinter` API), given by the app. */
export interface OsPrinterDriver {
  getPrinter(name: string): { status: string[] } | undefined
  getPrinters(): Array<{ name: string; attributes: string[] }>
  printDirect(options: { data: Buffer; printer: string; type: 'RAW'; docname?: string | false; success(id: unknown): void; error(e: unknown): void }): void
}

export function describeConnection(c: PrinterConnection): string {
  switch (c.kind) {
    case 'tcp':
      return `tcp://${c.host}:${c.port}`
    case 'device':
      return c.path
    case 'driver':
      return `printer:${c.printerName}`
  }
}
