import { elapsedMs, percentile, type BenchCase, type BenchResult } from '../harness'
import { startSandbox } from '../../electron/sandbox'
import { SandboxClient } from '../../electron/sandbox/client'
import { DEMO } from '../../electron/sandbox/demo/people'

/** Settlements per second through the sandbox on loopback, and 2102 latency, as issue 3 asks. */

const person = DEMO.people.chenEmployee
const input = {
  data: {
    psn_no: person.psn_no,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: person.certno,
    begntime: '2026-03-01 10:00:00',
    medfee_sumamt: 40,
    insutype: '310',
    med_type: '41',
    // Cash only, so the account never runs dry and every settlement does the same work.
    acct_used_flag: '0',
  },
  drugdetail: [
    { feedetl_sn: '1', med_list_codg: 'XC08CAA083A001010104082', medins_list_codg: 'SP00002', det_item_fee_sumamt: 20, cnt: 1, pric: 20 },
    { feedetl_sn: '2', med_list_codg: 'XC09CAX046A001010101937', medins_list_codg: 'SP00003', det_item_fee_sumamt: 20, cnt: 1, pric: 20 },
  ],
}

async function terminal(url: string): Promise<SandboxClient> {
  const i = DEMO.institutions.pharmacy
  const c = new SandboxClient({ url, paasid: DEMO.paasid, secret: DEMO.secret, fixmedins_code: i.fixmedins_code, mdtrtarea_admvs: i.admdvs })
  await c.signIn()
  return c
}

async function settleOnce(c: SandboxClient): Promise<number> {
  const t0 = process.hrtime.bigint()
  const r = await c.call('2102', input, { insuplc_admdvs: person.insuplc_admdvs })
  if (r.infcode !== 0) throw new Error(`settlement refused: ${r.err_msg}`)
  return elapsedMs(t0)
}

const SEQUENTIAL = 1500
const CONCURRENT_EACH = 400

export const cases: BenchCase[] = [
  {
    name: 'sandbox settlement throughput and 2102 latency',
    issue: 3,
    async run(): Promise<BenchResult[]> {
      const s = await startSandbox({ seed: 'demo' })
      try {
        const one = await terminal(s.url)
        for (let i = 0; i < 100; i++) await settleOnce(one)
        const latencies: number[] = []
        const t0 = process.hrtime.bigint()
        for (let i = 0; i < SEQUENTIAL; i++) latencies.push(await settleOnce(one))
        const seqMs = elapsedMs(t0)
        const four = await Promise.all([0, 1, 2, 3].map(() => terminal(s.url)))
        const t1 = process.hrtime.bigint()
        await Promise.all(
          four.map(async (c) => {
            for (let i = 0; i < CONCURRENT_EACH; i++) await settleOnce(c)
          }),
        )
        const concMs = elapsedMs(t1)
        return [
          { metric: 'sandbox 2102 settlements/s, 1 terminal (sequential)', value: Math.round((SEQUENTIAL / seqMs) * 1000), unit: 'settlements/s' },
          { metric: 'sandbox 2102 settlements/s, 4 concurrent terminals', value: Math.round(((4 * CONCURRENT_EACH) / concMs) * 1000), unit: 'settlements/s' },
          { metric: 'sandbox 2102 latency p50', value: Number(percentile(latencies, 50).toFixed(2)), unit: 'ms' },
          { metric: 'sandbox 2102 latency p99', value: Number(percentile(latencies, 99).toFixed(2)), unit: 'ms' },
        ]
      } finally {
        await s.close()
      }
    },
  },
]
