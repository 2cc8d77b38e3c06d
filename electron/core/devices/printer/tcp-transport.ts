import { connect, type Socket } from 'node:net'
import { statusQuery } from './escpos'
import { printerError } from './errors'
import { isStatusByte, problemOf, type StatusAnswers } from './status'
import type { PrinterTransport, SendTiming } from './transport'

/**
 * Raw TCP (port 9100, "JetDirect"). One connection per job: status questions, the job, then a clean
 * close. The job counts as delivered only when the printer has read everything and closed its side,
 * which is also how a slow printer shows: it stops reading.
 */
export class TcpPrinterTransport implements PrinterTransport {
  readonly target: string

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.target = `tcp://${host}:${port}`
  }

  send(bytes: Buffer, timing: SendTiming): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false
      let connected = false
      const socket: Socket = connect({ host: this.host, port: this.port })
      const waiters: Array<(b: number) => void> = []
      const finish = (error?: Error) => {
        if (settled) return
        settled = true
        clearTimeout(slowTimer)
        clearTimeout(deadline)
        socket.destroy()
        if (error) reject(error)
        else resolve()
      }
      const slowTimer = setTimeout(() => !settled && timing.onSlow(), timing.slowAfterMs)
      const deadline = setTimeout(() => finish(connected ? printerError('PRINTER_TIMEOUT') : printerError('PRINTER_OFFLINE', '连接超时')), timing.timeoutMs)
      socket.on('data', (chunk) => {
        for (const b of chunk) if (isStatusByte(b)) waiters.shift()?.(b)
      })
      const ask = (n: 1 | 2 | 4) =>
        new Promise<number>((answer) => {
          waiters.push(answer)
          socket.write(statusQuery(n))
        })
      socket.on('error', (e: NodeJS.ErrnoException) =>
        finish(connected ? printerError('PRINTER_WRITE_FAILED', e.code ?? e.message) : printerError('PRINTER_OFFLINE', e.code ?? e.message)),
      )
      socket.on('close', () => finish(connected ? undefined : printerError('PRINTER_OFFLINE')))
      socket.on('connect', async () => {
        connected = true
        if (timing.statusQuery) {
          const answers: StatusAnswers = { printer: await ask(1) }
          if (answers.printer & 0x08) answers.offlineCause = await ask(2)
          answers.paper = await ask(4)
          const problem = problemOf(answers)
          if (problem) return finish(printerError(problem))
        }
        if (settled) return
        // Resolve on 'close' once the printer has read everything and closed its side.
        socket.end(bytes)
      })
    })
  }
}
