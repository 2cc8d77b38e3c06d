import { afterEach } from 'vitest'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../electron/sandbox'
import { SandboxClient } from '../../electron/sandbox/client'
import { DEMO } from '../../electron/sandbox/demo/people'
import type { ResponseEnvelope } from '../../shared/nhsa/envelope'
import type { Infno } from '../../shared/nhsa/transactions'

const running: RunningSandbox[] = []

afterEach(async () => {
  while (running.length) await running.pop()!.close()
})

export async function sandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const s = await startSandbox({ seed: 'demo', ...options })
  running.push(s)
  return s
}

export type Institution = keyof typeof DEMO.institutions

export function client(s: RunningSandbox, inst: Institution = 'pharmacy'): SandboxClient {
  const i = DEMO.institutions[inst]
  return new SandboxClient({
    url: s.url,
    paasid: s.paasid,
    secret: s.secret,
    fixmedins_code: i.fixmedins_code,
    mdtrtarea_admvs: i.admdvs,
    fixmedins_name: i.fixmedins_name,
    now: () => s.clock.now(),
  })
}

export async function signedIn(s: RunningSandbox, inst: Institution = 'pharmacy'): Promise<SandboxClient> {
  const c = client(s, inst)
  await c.signIn()
  return c
}

export function ok<T = Record<string, unknown>>(r: ResponseEnvelope): T {
  if (r.infcode !== 0) throw new Error(`expected success, got: ${r.err_msg}`)
  return r.output as T
}

export function refused(r: ResponseEnvelope, pattern?: RegExp): string {
  if (r.infcode !== -1) throw new Error(`expected refusal, got success: ${JSON.stringify(r.output)}`)
  if (pattern && !pattern.test(r.err_msg ?? '')) throw new Error(`err_msg ${r.err_msg} does not match ${pattern}`)
  return r.err_msg ?? ''
}

export type Person = (typeof DEMO.people)[keyof typeof DEMO.people]

/** A pharmacy sale by ID card (cert type 02). */
export function sale(person: Person, lines: { code: string; cnt: number; pric: number }[], opts: { acct?: boolean; mulaid_id?: string; rxno?: string } = {}) {
  const drugdetail = lines.map((l, i) => ({
    feedetl_sn: String(i + 1),
    med_list_codg: l.code,
    medins_list_codg: `SP${i + 1}`,
    det_item_fee_sumamt: Number((Math.round(l.cnt * l.pric * 100) / 100).toFixed(2)),
    cnt: l.cnt,
    pric: l.pric,
  }))
  const total = drugdetail.reduce((s, l) => s + Math.round(l.det_item_fee_sumamt * 100), 0) / 100
  return {
    data: {
      psn_no: person.psn_no,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: person.certno,
      begntime: '2026-03-01 10:00:00',
      medfee_sumamt: total,
      insutype: person.insutype,
      med_type: '41',
      acct_used_flag: opts.acct === false ? '0' : '1',
      ...(opts.mulaid_id ? { mulaid_id: opts.mulaid_id } : {}),
      ...(opts.rxno ? { rxno: opts.rxno } : {}),
    },
    drugdetail,
  }
}

export async function settle(c: SandboxClient, person: Person, input: unknown, infno: Infno = '2102', msgid?: string) {
  return c.call(infno, input, { insuplc_admdvs: person.insuplc_admdvs, msgid })
}

export interface PersonView {
  acct_balance: number
  acct_frozen: number
  acct_free: number
  as_payer: { mulaid_id: string; quota_balc: number; status: string }[]
  as_beneficiary: { mulaid_id: string; quota_balc: number; status: string }[]
  accumulators: { year: number; bucket: string; deductible_used: number; fund_paid: number }[]
  status: string
  insuplc_admdvs: string
}

export async function view(c: SandboxClient, psnNo: string): Promise<PersonView> {
  const r = await c.admin<PersonView>('GET', `/sandbox/persons/${psnNo}`)
  return r.body
}

export const P = DEMO.people
/** Demo catalog codes used across tests. */
export const CODES = {
  nifedipineA: 'XC08CAA086A001010100437',
  amlodipine: 'XC08CAA083A001010104082',
  valsartanCapped: 'XC09CAX046A001010101937',
  irbesartanB: 'XC09CAE017A001010101528',
  vitaminC: 'XB05XAV012B002010100459',
} as const
