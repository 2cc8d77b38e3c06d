import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The virtual receipt printer as its own process (the CLI over `VirtualPrinter`): its first line is its
 * address, and with --out every receipt it cuts becomes receipt-NNNN.txt with the decoded text.
 */
export async function startVirtualPrinter(paper: '58' | '80', port = 0) {
  const out = mkdtempSync(join(tmpdir(), 'gongji-vprinter-'))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/core/devices/virtual-printer/main.ts', '--paper', paper, '--out', out, '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res)
    child.once('exit', (code) => rej(new Error(`virtual printer exited with ${code}`)))
  })
  const exited = new Promise((r) => child.once('exit', r))
  return {
    port: Number(new URL(url).port),
    receipts: () => readdirSync(out).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(out, f), 'utf8').replace(/\n$/, '')),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  }
}
