import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core/core'
import type { TrainingPlatform } from '../../electron/core/platform/training-port'
import { DEMO } from '../../electron/sandbox/demo/people'
import { trainingPlatform } from '../../electron/sandbox/training'
import { yuan } from '../../shared/money/money'
import { eventually } from '../support/eventually'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'
import { Counter, traceCode } from './counter-rig'

/**
 * checkoutSale: open → pre-settle (2101, or the offline estimate) → void on refusal, in the core, against the
 * real training sandbox over HTTP. A gateway in front of it only counts what the counter sends.
 */
const tempDir = useTempDir()
let counter: Counter | undefined
let gateway: RewritingProxy | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
  gateway = undefined
})

const IBUPROFEN = 'SP00012' // 布洛芬缓释胶囊, OTC, 甲类, 19.80
const SHAMPOO = 'SG00001' // 去屑洗发水, ordinary goods, 15.00

/** The training platform, reached through a counting gateway (the proxy forwards every byte untouched). */
function countedTraining(): TrainingPlatform {
  const real = trainingPlatform()
  return {
    catalog: () => real.catalog(),
    policies: () => real.policies(),
    async start(dataDir) {
      const platform = await real.start(dataDir)
      const proxy = await startRewritingProxy(platform.url)
      gateway = proxy
      return {
        url: proxy.url,
        paasid: platform.paasid,
        secret: platform.secret,
        payments: platform.payments,
        practiceCode: (person, now) => platform.practiceCode(person, now),
        async close() {
          await proxy.close()
          await platform.close()
        },
      }
    },
  }
}

async function start(): Promise<Counter> {
  const core = await createCore({ dataDir: join(tempDir(), 'data'), shell: 'web', version: 'test' }, { training: countedTraining(), log: () => {} })
  counter = new Counter(core)
  await counter.ready()
  return counter
}

async function sandbox(c: Counter, method: string, path: string, body: unknown) {
  const res = await fetch(`${(await c.sandboxUrl()).replace(/\/$/, '')}/sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

const sent = (infno: string) => gateway!.seen.filter((i) => i === infno).length

/** Why each of the day's sales was voided, from the audit trail. */
function voidReasons(c: Counter) {
  const rows = c.core.db.prepare("SELECT subject, detail FROM audit_log WHERE action = 'sale.voided' ORDER BY seq").all() as {
    subject: string
    detail: string
  }[]
  return rows.map((r) => [r.subject, (JSON.parse(r.detail) as { why: string }).why])
}

describe('checkoutSale: the checkout workflow in one core call', () => {
  it('answers the pre-settled sale with the platform’s split; a cart with nothing insured opens without the platform', async () => {
    const c = await start()
    const member = await c.member('wangFather')
    const done = await c.call('checkoutSale', {
      memberRef: member.ref,
      lines: [
        { storeCode: IBUPROFEN, qty: '2', traceCodes: [traceCode(), traceCode()] },
        { storeCode: SHAMPOO, qty: '1' },
      ],
      acctUsed: true,
    })
    expect(done.kind).toBe('ready')
    expect(done.sale).toMatchObject({ state: 'presettled', split: { medical: '39.60', goods: '15.00' } })
    const split = done.sale.split!
    expect(yuan(split.fund).plus(split.account).plus(split.mutualAid).plus(split.personCash).toFixed(2)).toBe(split.medical)
    expect(sent('2101')).toBe(1)
    // Nothing charged: the platform's ledger is empty until the cashier takes the money.
    expect((await c.ledger()).entries).toHaveLength(0)

    const cash = await c.call('checkoutSale', { lines: [{ storeCode: SHAMPOO, qty: '2' }], acctUsed: false })
    expect(cash).toMatchObject({ kind: 'ready', sale: { state: 'draft', total: '30.00', split: { medical: '0.00', cashDue: '30.00' } } })
    expect(sent('2101')).toBe(1)
  }, 60_000)

  it('a refused pre-settlement leaves the sale voided with the reason, the refusal answered, and the 2101 sent once', async () => {
    const c = await start()
    const member = await c.member('zhangHusband')
    // The platform now refuses this person: insurance ended after they were identified at the counter.
    await sandbox(c, 'POST', `persons/${DEMO.people.zhangHusband.psn_no}/insurance`, { status: 'terminated' })
    const res = await c.core.dispatch('checkoutSale', {
      memberRef: member.ref,
      lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }],
      acctUsed: true,
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'PLATFORM_REFUSED' } })
    expect(!res.ok && res.error.message).toMatch(/终止参保/)
    expect(sent('2101')).toBe(1)
    expect(sent('2102')).toBe(0)
    const sales = await c.call('listSales', {})
    expect(sales.map((s) => s.state)).toEqual(['voided'])
    expect(voidReasons(c)).toEqual([[sales[0].id, '预结算未通过']])
    expect((await c.ledger()).entries).toHaveLength(0)
  }, 60_000)

  it('offline, answers the estimate; a sale that cannot be estimated is voided with the reason and nothing is sent', async () => {
    const c = await start()
    const member = await c.member('wangFather')
    await sandbox(c, 'POST', 'faults', { down: true })
    const codes = await c.call('trainingMembers', {})
    expect(await c.refused('identifyMember', { qrCode: codes[0].qrCode })).toMatch(/^PLATFORM_/)
    await eventually(
      'offline',
      () => c.call('connectivityStatus', {}),
      (s) => s.state === 'offline',
    )
    const cart = () => ({ memberRef: member.ref, lines: [{ storeCode: IBUPROFEN, qty: '1', traceCodes: [traceCode()] }], acctUsed: true })
    const before = gateway!.seen.length

    const estimated = await c.call('checkoutSale', cart())
    expect(estimated).toMatchObject({ kind: 'offline', mode: 'deposit', sale: { state: 'draft' }, quote: { offlineNow: true, deposit: { payNow: '19.80' } } })

    // The store's record of this person is gone (as on a counter restored from before their first visit): no estimate.
    c.core.db.prepare('DELETE FROM member_snapshots').run()
    expect(await c.refused('checkoutSale', cart())).toBe('MEMBER_NOT_SEEN')
    const sales = await c.call('listSales', {})
    const unestimable = sales.find((s) => s.id !== (estimated.kind === 'offline' ? estimated.sale.id : ''))!
    expect(unestimable.state).toBe('voided')
    expect(voidReasons(c)).toEqual([[unestimable.id, '离线无法估算']])
    expect(gateway!.seen.slice(before).filter((i) => i === '2101' || i === '2102')).toEqual([])
  }, 60_000)
})
