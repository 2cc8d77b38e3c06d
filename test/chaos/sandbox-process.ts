import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { admin } from '../support/journal-rig'
import type { ChaosPerson, Quota } from './config'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The sandbox platform as its own process (`electron/sandbox/main.ts`) on a data directory, so it can
 * be SIGKILLed and started again on the same port with everything it committed.
 */
export class SandboxProcess {
  private child: ChildProcess | undefined
  private port = 0
  url = ''
  private stderr = ''

  constructor(private readonly dataDir: string) {}

  get running(): boolean {
    return this.child !== undefined
  }

  async start(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.startOnce()
        return
      } catch (e) {
        // The port of a killed sandbox can take a moment to be free again.
        if (attempt >= 20) throw e
        await new Promise((r) => setTimeout(r, 250))
      }
    }
  }

  private startOnce(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/sandbox/main.ts', '--port', String(this.port), '--data', this.dataDir, '--seed', 'demo'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    this.stderr = ''
    child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)))
    return new Promise((res, rej) => {
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', (line) => {
        this.url = line.trim()
        this.port = Number(new URL(this.url).port)
        this.child = child
        child.once('exit', () => {
          if (this.child === child) this.child = undefined
        })
        res()
      })
      child.once('exit', (code) => rej(new Error(`sandbox exited with ${code} before it listened: ${this.stderr}`)))
    })
  }

  /** SIGKILL: the sandbox loses nothing it committed, and answers nothing in flight. */
  kill(): Promise<void> {
    return this.end('SIGKILL')
  }

  stop(): Promise<void> {
    return this.end('SIGTERM')
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child
    if (!child) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill(signal)
    await exited
    this.child = undefined
  }

  faults(config: Record<string, unknown>) {
    return admin({ url: this.url }, 'POST', 'faults', config)
  }
}

/** A plausible 18-digit ID number (the sandbox checks the form, not the check digit). */
function certno(serial: number): string {
  return `410105${1950 + serial}0${(serial % 9) + 1}1${serial % 10}${String(serial).padStart(3, '0')}${serial % 10}`
}

interface NewPerson {
  key: string
  name: string
  insutype: '310' | '390'
  psn_type: string
  insuplc_admdvs: string
  acct_balance: number
}

const PEOPLE: NewPerson[] = [
  { key: 'payerLocal', name: '陈共济', insutype: '310', psn_type: '1101', insuplc_admdvs: '410100', acct_balance: 200000 },
  { key: 'elderLocal', name: '陈老伯', insutype: '390', psn_type: '1601', insuplc_admdvs: '410100', acct_balance: 0 },
  { key: 'payerSuzhou', name: '林远方', insutype: '310', psn_type: '1101', insuplc_admdvs: '320500', acct_balance: 200000 },
  { key: 'childLocal', name: '林小雨', insutype: '390', psn_type: '1401', insuplc_admdvs: '410100', acct_balance: 0 },
  { key: 'retired', name: '赵退休', insutype: '310', psn_type: '1201', insuplc_admdvs: '410100', acct_balance: 100000 },
  { key: 'worker', name: '钱在职', insutype: '310', psn_type: '1101', insuplc_admdvs: '410100', acct_balance: 100000 },
]

/**
 * The run's own people on the sandbox: two beneficiaries paying with a relative's quota (one payer
 * local, one in another province), employees paying from their own account, and one paying cash.
 */
export async function createPeople(url: string): Promise<{ people: ChaosPerson[]; quotas: Quota[] }> {
  const psn: Record<string, string> = {}
  for (const [i, p] of PEOPLE.entries()) {
    const { key, ...body } = p
    psn[key] = (await admin<{ psn_no: string }>({ url }, 'POST', 'persons', { ...body, certno: certno(i + 1) })).psn_no
  }
  const quotas: Quota[] = []
  for (const [payer, beneficiary, relation] of [
    ['payerLocal', 'elderLocal', 'child'],
    ['payerSuzhou', 'childLocal', 'parent'],
  ] as const) {
    const { mulaid_id } = await admin<{ mulaid_id: string }>({ url }, 'POST', 'mutual-aid', {
      payer_psn_no: psn[payer],
      beneficiary_psn_no: psn[beneficiary],
      relation,
    })
    await admin({ url }, 'PUT', `mutual-aid/${mulaid_id}/quota`, { amount: 50000 })
    quotas.push({ mulaidId: mulaid_id, payerPsnNo: psn[payer], beneficiaryPsnNo: psn[beneficiary] })
  }
  const people: ChaosPerson[] = [
    { key: 'elderLocal', psnNo: psn.elderLocal, mulaidId: quotas[0].mulaidId, relation: 'child', acctUsed: false },
    { key: 'childLocal', psnNo: psn.childLocal, mulaidId: quotas[1].mulaidId, relation: 'parent', acctUsed: false },
    { key: 'retired', psnNo: psn.retired, mulaidId: null, relation: null, acctUsed: true },
    { key: 'worker', psnNo: psn.worker, mulaidId: null, relation: null, acctUsed: true },
    { key: 'workerCash', psnNo: psn.worker, mulaidId: null, relation: null, acctUsed: false },
  ]
  return { people, quotas }
}
