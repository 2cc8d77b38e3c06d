import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { WEB_ENTRY } from '../../scripts/web-shell.mjs'

export interface WebShellProcess {
  /** The launch URL: a one-time code the page trades for the token on its first load. */
  launchUrl: string
  /** This run's token, chosen here and handed over in the environment, for calls beside the page. */
  origin: string
  token: string
  port: number
  dataDir: string
  child: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Starts the browser shell as its own process on a fresh data directory and waits for its URL line:
 * from source through tsx, or `built` as `npm start` runs it (out/main/web.js, built beforehand), with
 * extra Node flags before the entry.
 */
export async function startWebShellProcess(
  opts: { dataDir?: string; env?: NodeJS.ProcessEnv; built?: boolean; nodeFlags?: string[] } = {},
): Promise<WebShellProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gongji-e2e-'))
  const token = randomBytes(32).toString('hex')
  const entry = opts.built ? [WEB_ENTRY] : ['--import', 'tsx', 'electron/web/main.ts']
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), ...entry, '--port', '0', '--data', dataDir, '--no-open'], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, GONGJI_WEB_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  const firstLine = await new Promise<string>((resolvePromise, reject) => {
    const rl = createInterface({ input: child.stdout! })
    rl.once('line', (line) => resolvePromise(line))
    child.once('exit', (code) => reject(new Error(`web shell exited with ${code}: ${stderr}`)))
  })
  const url = new URL(firstLine)
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    launchUrl: firstLine,
    origin: url.origin,
    token,
    port: Number(url.port),
    dataDir,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const code = await exited
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
      return code
    },
  }
}

/** The contract over the shell's HTTP transport, as the renderer calls it. */
export function shellApi(shell: { origin: string; token: string }) {
  return async <T = unknown>(name: string, input: unknown = {}): Promise<T> => {
    const res = await fetch(`${shell.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pos-token': shell.token },
      body: JSON.stringify(input),
    })
    const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } }
    if (!body.ok) throw new Error(`${name}: ${body.error?.code} ${body.error?.message}`)
    return body.value as T
  }
}
