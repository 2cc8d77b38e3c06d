import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let sandbox: RunningSandbox
const SALES = Number(process.env.GONGJI_LOST_SALES ?? 40)

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  await admin(sandbox, 'PUT', 'mutual-aid/MA0000000001/quota', { amount: 2000 })
})
afterAll(() => sandbox.close())

describe('a long run with answers lost after commit', () => {
  it(`${SALES} sales with a third of 2102 and 2601 answers dropped: ledger and journal equal, nothing charged twice`, async () => {
    const rig = buildRig(tempDir(), sandbox.url, { timeoutMs: 2000 })
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 0.33, infnos: ['2102', '2601'] })
    const member = await identify(sandbox, rig.platform, DEMO.people.wangFather.psn_no)
    for (let i = 0; i < SALES; i++) {
      const sale = rig.journal.ledger.open({ member, acctUsed: false, mulaidId: 'MA0000000001', lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
      // The cashier tries until the sale goes through, as at a real counter.
      for (let tries = 0; rig.journal.ledger.get(sale.id).state !== 'settled' && tries < 20; tries++) {
        if (rig.journal.ledger.get(sale.id).state === 'reversing') await rig.journal.recover(5)
        if (rig.journal.ledger.get(sale.id).state === 'draft') await rig.journal.presettle(sale.id, 'C001')
        await rig.journal.settle(sale.id, 'C001').catch(() => undefined)
      }
    }
    await admin(sandbox, 'POST', 'faults', { drop_after_commit_rate: 0 })
    await rig.journal.recover()

    const { entries } = await admin<{ entries: { kind: string; msgid: string; ref_msgid: string | null }[] }>(
      sandbox,
      'GET',
      `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`,
    )
    const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
    const live = entries.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid))
    const settled = rig.db.prepare("SELECT settled_msgid FROM sales WHERE state = 'settled'").all() as { settled_msgid: string }[]
    expect(reversed.size).toBeGreaterThan(0)
    expect(settled).toHaveLength(SALES)
    expect(new Set(live.map((e) => e.msgid))).toEqual(new Set(settled.map((s) => s.settled_msgid)))
    const quota = (
      await admin<{ as_payer: { mulaid_id: string; quota_balc: number }[] }>(sandbox, 'GET', `persons/${DEMO.people.wangDaughter.psn_no}`)
    ).as_payer.find((r) => r.mulaid_id === 'MA0000000001')!.quota_balc
    expect(quota).toBe(2000 - 20 * SALES)
    rig.db.close()
  }, 300_000)
})
