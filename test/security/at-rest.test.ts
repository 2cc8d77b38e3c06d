import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../electron/core/core'
import { DEMO_PEOPLE } from '../../electron/sandbox/demo/people'
import { CONSULT, HYPERTENSION, startDesk, type Desk } from '../clinic/desk-rig'
import { startCounter, traceCode, type Counter } from '../sale/counter-rig'
import { eventually } from '../support/eventually'
import { useTempDir } from '../support/temp-dir'
import { clearPlaces, issuedEcTokens, modeOf, oldAttack } from './at-rest-scan'

const tempDir = useTempDir()
let counter: Counter | undefined
let desk: Desk | undefined
afterEach(async () => {
  await counter?.close()
  await desk?.close()
  counter = desk = undefined
})

const IBUPROFEN = 'SP00012'
const AMLODIPINE = 'SP00002'
const PRESCRIPTION = { rxno: 'RX20261205001', external: false, pharmacist: '李药师' }
const MANAGER = { userId: 'demo-manager', pin: '888888' }

async function faults(c: Counter, body: Record<string, unknown>) {
  const res = await fetch(`${(await c.sandboxUrl()).replace(/\/$/, '')}/sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

function expectOwnerOnly(dataDir: string) {
  const db = join(dataDir, DATABASE_FILE)
  expect({
    dir: modeOf(dataDir),
    db: modeOf(db),
    wal: modeOf(`${db}-wal`),
    shm: modeOf(`${db}-shm`),
    key: modeOf(join(dataDir, 'secret.key')),
  }).toEqual({ dir: '700', db: '600', wal: '600', shm: '600', key: '600' })
}

describe('personal data at rest (issue 16 item 5)', () => {
  it('after insured sales by QR and by ID card, a refund and an offline sale, no ecToken or ID number is anywhere in clear', async () => {
    const root = tempDir()
    const dataDir = join(root, 'data')
    const c = (counter = await startCounter(root))
    const wang = DEMO_PEOPLE.wangFather.certno
    const li = DEMO_PEOPLE.liRetired.certno

    // Online by QR (an ecToken), settled and refunded.
    const byQr = await c.member('wangFather')
    const sale = await c.call('openSale', { memberRef: byQr.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
    await c.call('presettleSale', { saleId: sale.id })
    await c.call('settleSale', { saleId: sale.id, payment: { method: 'mobile' } })
    expect((await c.call('refundSale', { saleId: sale.id, approval: MANAGER, reason: '顾客不要了' })).state).toBe('refunded')

    // Online by ID card number, settled.
    const byId = await c.call('identifyMember', { idCardNo: li })
    const second = await c.call('openSale', { memberRef: byId.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
    await c.call('presettleSale', { saleId: second.id })
    expect((await c.call('settleSale', { saleId: second.id, payment: { method: 'mobile' } })).state).toBe('settled')

    // Offline by ID card number: queued (the 2102 waits on disk), then forwarded.
    await faults(c, { down: true })
    expect(await c.refused('identifyMember', { idCardNo: wang })).toMatch(/^PLATFORM_/)
    await eventually(
      'offline',
      () => c.call('connectivityStatus', {}),
      (s) => s.state === 'offline',
    )
    const { member } = await c.call('identifyOffline', { idCardNo: wang })
    const draft = await c.call('openSale', {
      memberRef: member.ref,
      lines: [{ storeCode: AMLODIPINE, qty: '1', traceCodes: [traceCode()] }],
      acctUsed: true,
      prescription: PRESCRIPTION,
    })
    await c.call('quoteOffline', { saleId: draft.id })
    expect((await c.call('settleOffline', { saleId: draft.id, mode: 'deposit', payment: { method: 'cash', tendered: '50' } })).state).toBe('queued')

    const tokens = issuedEcTokens(dataDir)
    expect(tokens.length).toBeGreaterThan(0)
    const needles = [wang, li, ...tokens]
    // While the sale waits: the queued request holds the ID number sealed, not in clear.
    expect(clearPlaces(c.core.db, dataDir, needles)).toEqual([])
    const queued = c.core.db.prepare("SELECT json_extract(request, '$.data.mdtrt_cert_no') AS no FROM offline_queue WHERE sale_id = ?").get(draft.id) as {
      no: string
    }
    expect(queued.no).toMatch(/^sealed:file-key:/)

    await faults(c, { down: false })
    await c.call('forwardNow', {})
    const done = await eventually(
      'forwarded',
      () => c.call('offlineSale', { saleId: draft.id }),
      (v) => v.outcome !== null,
    )
    expect(done.state).toBe('settled')
    // Answered, the queued message keeps nothing it would need to be sent again.
    expect(c.core.db.prepare("SELECT count(*) AS n FROM offline_queue WHERE request LIKE '%sealed:%'").get()).toEqual({ n: 0 })

    expect(clearPlaces(c.core.db, dataDir, needles)).toEqual([])
    expectOwnerOnly(dataDir)
    const kept = c.core.db.prepare('SELECT cert_type, cert_no FROM sales WHERE psn_no IS NOT NULL').all() as { cert_type: string; cert_no: string | null }[]
    expect(kept.map((k) => k.cert_no)).toEqual(kept.map(() => null))
    expect(new Set(kept.map((k) => k.cert_type))).toEqual(new Set(['01', '02']))
  }, 120_000)

  it('a clinic visit by QR leaves no ecToken or ID number in clear', async () => {
    const root = tempDir()
    const dataDir = join(root, 'data')
    const d = (desk = await startDesk(root))
    const { visit } = await d.visit('wangFather', '11', HYPERTENSION, [{ ...CONSULT, qty: '1' }])
    const pre = await d.call('clinicPresettle', { visitId: visit.id, acctUsed: false, mulaidId: null })
    expect((await d.call('clinicSettle', { visitId: pre.id, payment: { method: 'mobile' } })).stage).toBe('settled')
    // Every visit message is answered: none keeps its credential sealed for a resend any more.
    expect(d.core.db.prepare("SELECT count(*) AS n FROM platform_messages WHERE request LIKE '%sealed:%'").get()).toEqual({ n: 0 })
    const needles = [DEMO_PEOPLE.wangFather.certno, ...issuedEcTokens(dataDir)]
    expect(needles.length).toBeGreaterThan(1)
    expect(clearPlaces(d.core.db, dataDir, needles)).toEqual([])
    expectOwnerOnly(dataDir)
  }, 120_000)

  it('the member snapshot key no longer gives the ID number back: the review attack finds nothing without the key', async () => {
    const root = tempDir()
    const c = (counter = await startCounter(root))
    await c.member('wangFather')
    const row = c.core.db.prepare('SELECT cert_hash, snapshot FROM member_snapshots').get() as { cert_hash: string; snapshot: string }
    const { view } = JSON.parse(row.snapshot) as { view: { certNoMasked: string; age: number } }
    const attack = oldAttack(row.cert_hash, view.certNoMasked, view.age, new Date())
    // The whole candidate space was tried (the review needed about 7,000 hashes to hit), and none matched.
    expect(attack.tried).toBeGreaterThan(20_000)
    expect(attack.found).toBeNull()
    // The key is an HMAC under the per-install key, which lives sealed outside the row (here by secret.key).
    const sealed = c.core.db.prepare("SELECT value FROM settings WHERE key = 'secret:identity-key'").get() as { value: string } | undefined
    expect(sealed).toBeDefined()
    expect(row.cert_hash).not.toBe(createHmac('sha256', Buffer.alloc(32)).update(`gongji-member-id-v1\0${DEMO_PEOPLE.wangFather.certno}`).digest('hex'))
    // The snapshot still serves the offline identification it exists for.
    await faults(c, { down: true })
    expect(await c.refused('identifyMember', { idCardNo: DEMO_PEOPLE.wangFather.certno })).toMatch(/^PLATFORM_/)
    await eventually(
      'offline',
      () => c.call('connectivityStatus', {}),
      (s) => s.state === 'offline',
    )
    expect((await c.call('identifyOffline', { idCardNo: DEMO_PEOPLE.wangFather.certno })).member.nameMasked).toBe('王*国')
  }, 120_000)
})
