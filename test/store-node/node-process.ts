import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { TestDatabase } from '../support/postgres'

const ROOT = resolve(import.meta.dirname, '../..')

/** A store node (or HQ) as its own process, so a crash is a real SIGKILL between its commit and its answer (`kill-worker.ts`). */
export async function nodeProcess(t: TestDatabase, killAfterCommit: number, role: 'store' | 'hq' = 'store') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/store-node/kill-worker.ts', t.socketDir, t.database, String(killAfterCommit), role], {
    cwd: ROOT,
    env: { ...process.env, PGUSER: t.user },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)))
  const url = await new Promise<string>((r, reject) => {
    createInterface({ input: child.stdout! }).once('line', r)
    child.once('exit', (code) => reject(new Error(`${role} node exited with ${code}`)))
  })
  return { url, exited, stop: () => (child.kill('SIGTERM'), exited) }
}
