import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** A linked pair of real pseudo-terminals: the service opens `scanner`, the test types into `host`. */
export class SocatCable {
  private proc: ChildProcess | undefined
  constructor(readonly dir: string) {}
  get scannerPath() {
    return join(this.dir, 'scanner')
  }
  get hostPath() {
    return join(this.dir, 'host')
  }
  async plug(): Promise<void> {
    this.proc = spawn('/usr/bin/socat', ['-d', '-d', `pty,raw,echo=0,link=${this.scannerPath}`, `pty,raw,echo=0,link=${this.hostPath}`], { stdio: 'ignore' })
    await until(() => existsSync(this.scannerPath) && existsSync(this.hostPath))
  }
  async unplug(): Promise<void> {
    const proc = this.proc
    this.proc = undefined
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise((r) => proc.once('exit', r))
    proc.kill('SIGTERM')
    await exited
  }
  type(data: string | Buffer): void {
    const fd = openSync(this.hostPath, 'w')
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
    } finally {
      closeSync(fd)
    }
  }
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 10))
  }
}
