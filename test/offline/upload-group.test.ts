import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { useTempDir } from '../support/temp-dir'
import { admin, drained, openTerminal, seeOnline, sellOffline, type Terminal } from './rig'

const tempDir = useTempDir()
const P = DEMO.people
const PEOPLE = [P.chenEmployee, P.zhangHusband, P.liuWife, P.liRetired]

let sandbox: RunningSandbox
let t: Terminal | undefined
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(async () => {
  await sandbox.close()
})
afterEach(async () => {
  await t?.close()
  t = undefined
  await admin(sandbox.url, 'POST', 'faults', { down: false })
})

/** Sells `n` sales offline while the platform is down, then brings it back and waits for the queue to empty. */
async function backlog(term: Terminal, n: number, from: number) {
  await admin(sandbox.url, 'POST', 'faults', { down: true })
  for (let i = 0; i < 200 && term.offline.connectivity.current !== 'offline'; i++) await new Promise((r) => setTimeout(r, 25))
  expect(term.offline.connectivity.current).toBe('offline')
  for (let i = from; i < from + n; i++) {
    sellOffline(term, { idCardNo: PEOPLE[i % PEOPLE.length].certno, lines: [{ item: i % 3 ? 'amlodipine' : 'valsartan', qty: 1 }], mode: 'deposit' })
  }
  await admin(sandbox.url, 'POST', 'faults', { down: false })
  await drained([term], 60_000)
}

/** The 3505 holds of the sales (the rig's items were never received, so each line waits for its lot). */
function heldDrafts(term: Terminal) {
  const rows = term.db.prepare("SELECT sale_id, draft FROM stock_upload_holds WHERE infno = '3505' ORDER BY rowid").all() as {
    sale_id: string
    draft: string
  }[]
  return rows.map((r) => ({ saleId: r.sale_id, selinfo: (JSON.parse(r.draft) as { selinfo: Record<string, unknown> }).selinfo }))
}

describe("a sale's uploads in the forwarder's group commit", () => {
  it('are built only inside a transaction, so they never commit apart from the outcomes they belong to', () => {
    t = openTerminal(tempDir(), sandbox.url, { no: 1 })
    expect(() => t!.uploads.group(() => undefined)).toThrow(/outside a transaction/)
  })

  it("hold each sale's line once with the store's facts read for the group, and a fact recorded between groups reaches the next", async () => {
    t = openTerminal(tempDir(), sandbox.url, { no: 1, probeOnlineMs: 100 })
    for (const p of PEOPLE) await seeOnline(t, sandbox.url, p.psn_no)
    t.uploads.facts.set(0, 'pharmacist', '李药师', 'phar_prac_cert_no', 'ZG41020250001', 'M001')
    t.offline.start()

    await backlog(t, 24, 0)
    const first = heldDrafts(t)
    // Answers were recorded in groups: the group's shared reads served more than one sale.
    expect(t.offline.queue.forwarded.answers).toBeGreaterThan(t.offline.queue.forwarded.commits)
    expect(first).toHaveLength(24)
    expect(new Set(first.map((h) => h.saleId)).size).toBe(24)
    for (const h of first) {
      expect(h.selinfo).toMatchObject({ phar_name: '李药师', phar_prac_cert_no: 'ZG41020250001', sel_retn_opter_name: 'C001', rtal_docno: h.saleId })
      expect(h.selinfo.setl_id).toEqual(expect.any(String))
    }

    // A fact corrected between two outages: the second backlog's holds carry the new value, none the old.
    t.uploads.facts.set(0, 'pharmacist', '李药师', 'phar_prac_cert_no', 'ZG41020259999', 'M001')
    await backlog(t, 8, 24)
    const second = heldDrafts(t).slice(24)
    expect(second).toHaveLength(8)
    for (const h of second) expect(h.selinfo.phar_prac_cert_no).toBe('ZG41020259999')
    // The first backlog's holds are as they were built.
    expect(heldDrafts(t).slice(0, 24)).toEqual(first)
  }, 120_000)
})
