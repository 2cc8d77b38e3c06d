import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { SandboxClient } from '../../electron/sandbox/client'
import { DEMO } from '../../electron/sandbox/demo/people'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, sale, type PersonView } from './helpers'

const ROOT = join(__dirname, '../..')
const children: ChildProcess[] = []
const dirs: string[] = []

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Starts `main.ts` as its own process and reads the base URL from its first line of output. */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/main.ts', '--port', '0', '--data', dataDir, '--seed', 'demo'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)))
  })
  return { child, url }
}

function terminal(url: string): SandboxClient {
  const i = DEMO.institutions.pharmacy
  return new SandboxClient({ url, paasid: DEMO.paasid, secret: DEMO.secret, fixmedins_code: i.fixmedins_code, mdtrtarea_admvs: i.admdvs })
}

describe('restart after SIGKILL mid-load', () => {
  it('ledger, balances and quotas agree after the process is killed and restarted on the same data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-restart-'))
    dirs.push(dir)
    const first = await startProcess(dir)
    const terminals = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const t = terminal(first.url)
        await t.signIn()
        return t
      }),
    )
    const sent: { msgid: string; person: typeof P.chenEmployee; input: unknown }[] = []
    let answered = 0
    const load = terminals.map(async (t, k) => {
      for (let i = 0; ; i++) {
        const [person, mulaid] = (k + i) % 2 === 0 ? [P.chenEmployee, undefined] : [P.wangFather, 'MA0000000001']
        const input = sale(person, [{ code: CODES.amlodipine, cnt: 1, pric: 3.7 }], { mulaid_id: mulaid })
        const msgid = t.nextMsgid()
        sent.push({ msgid, person, input })
        try {
          await t.call('2102', input, { insuplc_admdvs: person.insuplc_admdvs, msgid })
          answered++
        } catch {
          return
        }
      }
    })
    while (answered < 40) await new Promise((r) => setTimeout(r, 5))
    first.child.kill('SIGKILL')
    await Promise.all(load)

    const second = await startProcess(dir)
    const t = terminal(second.url)
    await t.signIn()
    const ledger = (
      await t.admin<{ entries: { msgid: string; setl_id: string; psn_no: string; acct_pay: number; acct_mulaid_pay: number; kind: string }[] }>(
        'GET',
        '/sandbox/ledger',
      )
    ).body.entries
    expect(ledger.length).toBeGreaterThanOrEqual(40)
    const fen = (n: number) => Math.round(n * 100)
    const sumFen = (xs: number[]) => xs.reduce((a, b) => a + fen(b), 0)
    const chen = (await t.admin<PersonView>('GET', `/sandbox/persons/${P.chenEmployee.psn_no}`)).body
    expect(fen(chen.acct_balance)).toBe(86000 - sumFen(ledger.filter((e) => e.psn_no === P.chenEmployee.psn_no).map((e) => e.acct_pay)))
    const daughter = (await t.admin<PersonView>('GET', `/sandbox/persons/${P.wangDaughter.psn_no}`)).body
    const quotaUsed = sumFen(ledger.filter((e) => e.psn_no === P.wangFather.psn_no).map((e) => e.acct_mulaid_pay))
    expect(fen(daughter.acct_balance)).toBe(320000 - quotaUsed)
    expect(fen(daughter.as_payer[0].quota_balc)).toBe(60000 - quotaUsed)
    expect(fen(daughter.acct_frozen)).toBe(60000 - quotaUsed)
    // Every message sent, answered or not: resending it either returns the committed settlement or settles it now.
    for (const s of sent) {
      const r = await t.call('2102', s.input, { insuplc_admdvs: s.person.insuplc_admdvs, msgid: s.msgid })
      expect(r.infcode).toBe(0)
      const committed = ledger.find((e) => e.msgid === s.msgid)
      if (committed) expect((r.output as TransactionOutput<'2102'>).setlinfo.setl_id).toBe(committed.setl_id)
    }
    const after = (await t.admin<{ entries: { msgid: string }[] }>('GET', '/sandbox/ledger')).body.entries
    expect(new Set(after.map((e) => e.msgid)).size).toBe(after.length)
    expect(after.length).toBe(sent.length)
    second.child.kill('SIGTERM')
  })
})
