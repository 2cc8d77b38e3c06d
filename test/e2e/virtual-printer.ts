import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { asManager } from './fixtures'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The virtual receipt printer as its own process (the CLI over `VirtualPrinter`): its first line is its
 * address, and with --out every receipt it cuts becomes receipt-NNNN.txt with the decoded text.
 */
export async function startVirtualPrinter(paper: '58' | '80', port = 0) {
  const out = mkdtempSync(join(tmpdir(), 'gongji-vprinter-'))
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'dev-tools/virtual-printer/main.ts', '--paper', paper, '--out', out, '--port', String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res)
    child.once('exit', (code) => rej(new Error(`virtual printer exited with ${code}`)))
  })
  const exited = new Promise((r) => child.once('exit', r))
  return {
    port: Number(new URL(url).port),
    receipts: () =>
      readdirSync(out)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => readFileSync(join(out, f), 'utf8').replace(/\n$/, '')),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  }
}

export type Printer = Awaited<ReturnType<typeof startVirtualPrinter>>

/** A virtual 58 mm printer the counter prints to (set up by the manager), for the length of `run`. */
export async function withPrinter(shell: Parameters<typeof asManager>[0], run: (printer: Printer) => Promise<void>) {
  const printer = await startVirtualPrinter('58')
  try {
    await asManager(shell, (call) =>
      call('savePrinterSettings', {
        enabled: true,
        connection: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
        paper: '58',
        openDrawerForCash: false,
        statusQuery: true,
        timeoutMs: 3000,
        slowAfterMs: 1500,
        feedBeforeCut: 4,
      }),
    )
    await run(printer)
  } finally {
    await printer.stop()
    printer.cleanup()
  }
}
