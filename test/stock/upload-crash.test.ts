import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { startStore, type StoreCounter } from './stock-rig'
import { drained, platformUploads } from './uploads-rig'

const ROOT = resolve(import.meta.dirname, '../..')
const tempDir = useTempDir()
let store: StoreCounter | undefined
afterEach(async () => {
  await store?.close()
})

function worker(dataDir: string): Promise<{ signal: NodeJS.Signals | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/stock/upload-crash-worker.ts', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d))
  child.stderr.on('data', (d: Buffer) => (err += d))
  return new Promise((res) => child.on('exit', (_code, signal) => res({ signal, out, err })))
}

describe('a crash between the sale and its upload', () => {
  it('loses no upload: the 3505 committed with the answer goes after the restart, under its msgid, once', async () => {
    const dir = tempDir()
    const exit = await worker(dir)
    expect(exit.signal, exit.err).toBe('SIGKILL')
    const { saleId } = JSON.parse(exit.out.trim().split('\n').at(-1)!) as { saleId: string }

    // On disk after the kill: the upload is there with the settlement, not answered.
    const peek = new Database(join(dir, 'data', 'gongji.db'), { readonly: true })
    const before = peek.prepare("SELECT msgid, state FROM offline_queue WHERE sale_id = ? AND infno = '3505'").all(saleId) as { msgid: string; state: string }[]
    expect(peek.prepare('SELECT state FROM sales WHERE id = ?').get(saleId)).toEqual({ state: 'settled' })
    peek.close()
    expect(before).toHaveLength(1)
    expect(before[0].state).not.toBe('done')

    store = await startStore(dir)
    await drained(store)
    const after = store.core.db.prepare("SELECT msgid, state, request FROM offline_queue WHERE sale_id = ? AND infno = '3505'").all(saleId) as {
      msgid: string
      state: string
      request: string
    }[]
    expect(after.map((u) => [u.msgid, u.state])).toEqual([[before[0].msgid, 'done']])
    expect(JSON.parse(after[0].request).selinfo).toMatchObject({ manu_lotnum: 'K1', fixmedins_bchno: expect.stringMatching(/^01-\d{8}-\d{6}-\d{2}$/) })
    const platform = (await platformUploads(store)).filter((u) => u.infno === '3505')
    expect(platform.map((u) => u.msgid)).toEqual([before[0].msgid])
  }, 120_000)
})
