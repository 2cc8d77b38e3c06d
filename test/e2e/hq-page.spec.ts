import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import { HqUsers } from '../../electron/store-node/hq/users'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import { StoreDayClose } from '../../electron/store-node/store-day/day-close'
import { storeItems } from '../../electron/store-node/store-day/items'
import { StoreReconciliation } from '../../electron/store-node/store-day/reconciliation'
import { storeReport } from '../../electron/store-node/store-day/side'
import { SYNC_API_VERSION } from '../../shared/contract/sync/wire'
import { fromFen, toFen } from '../../shared/money/money'
import { ChainStore, clock } from '../store-node/chain-rig'
import { startCluster, stopCluster, TEMPLATE, type PgCluster } from '../support/pg-cluster'

/**
 * Issue 15, the head office's page: two store nodes (each on its own database, one counter each) push their day
 * up to an HQ node (a third), which serves the built page (out/renderer/hq.html). The HQ admin signs in in
 * Chromium; the board shows the store that reconciled and closed and the one that did not; the report's total is
 * the sum of the two stores' own days, and its CSV says the same. The counters' rows are fed to each store node's
 * own ingestion (test/store-node/chain-rig.ts); store A's reconciliation is recorded as its manager's counter
 * records an agreed 3201 (hq-chain.test.ts does this against the sandbox platform), then its day is closed.
 */
/** Yesterday (Beijing time): both stores have reported past its end, so it may be closed without a note. */
const DAY = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10)
const PASSWORD = 'hq page password'
const ZZ = { id: 'P41010500218', name: '郑州金水店', admdvs: '410105' }
const BJ = { id: 'P11010100301', name: '北京东城店', admdvs: '110101' }

const s = {} as { cluster: PgCluster; pools: pg.Pool[]; hq: StoreNodeServer; zz: ChainStore; bj: ChainStore }

async function database(name: string): Promise<pg.Pool> {
  const admin = new pg.Client({ host: s.cluster.socketDir, user: s.cluster.user, database: 'postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`)
  await admin.end()
  const pool = new pg.Pool({ host: s.cluster.socketDir, user: s.cluster.user, database: name, max: 4 })
  s.pools.push(pool)
  return pool
}

/** The store's manager reconciles (the store side agreeing with the platform's 3201) and closes the day. */
async function reconcileAndClose(store: ChainStore): Promise<void> {
  const recon = new StoreReconciliation(store.pool, clock)
  const prepared = await recon.prepare(store.storeId, DAY, store.admdvs)
  const yuan = (fen: number) => fromFen(fen).toFixed(2)
  const counter = store.counters[0].reg.terminal_uid
  await recon.record(
    store.storeId,
    counter,
    {
      version: SYNC_API_VERSION,
      terminal_uid: counter,
      day: DAY,
      actor: 'manager',
      fingerprint: prepared.fingerprint,
      totals: prepared.totals.map((t) => ({
        ...t,
        medical: yuan(t.medical),
        fund: yuan(t.fund),
        account: yuan(t.account),
        mutualAid: yuan(t.mutualAid),
        agreed: true,
        platformSays: '0',
      })),
      detail: null,
      differences: [],
    },
    clock.now(),
  )
  await new StoreDayClose(store.pool, clock, recon).close(store.storeId, DAY, 'manager', null, clock.now())
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  s.pools = []
  s.cluster = await startCluster(mkdtempSync(join(tmpdir(), 'gongji-e2e-pg-')), process.pid, { durable: false })
  const hqPool = await database('hq')
  s.hq = await startStoreNode({ pool: hqPool, clock, adminToken: 'hq', role: 'hq', page: { pageDir: resolve('out/renderer') } })
  s.zz = await ChainStore.start(await database('zz'), ZZ.id, ZZ.name, ZZ.admdvs, 1)
  s.bj = await ChainStore.start(await database('bj'), BJ.id, BJ.name, BJ.admdvs, 1)
  await s.zz.pairWithHq(hqPool, s.hq.url, ZZ.name)
  await s.bj.pairWithHq(hqPool, s.hq.url, BJ.name)
  const sale = { day: DAY, person: 0, fund: 1234, account: 300, mutualAid: 250, cash: 416, goods: 0, insutype: '310' as const, refunded: false }
  for (const [store, sales] of [
    [s.zz, [sale, { ...sale, person: 3, fund: 5000, mutualAid: 0, insutype: '390' as const }]],
    [
      s.bj,
      [
        { ...sale, person: 2, account: 0 },
        { ...sale, refunded: true },
      ],
    ],
  ] as const) {
    const c = store.counters[0]
    await c.push(sales.flatMap((x) => c.saleRows(x)))
    await c.caughtUp()
  }
  await reconcileAndClose(s.zz)
  await s.zz.uplink().drain()
  await s.bj.uplink().drain()
  await new HqUsers(hqPool, clock).add({ userId: 'hq-admin', name: '总部王', regions: [], password: PASSWORD })
})

test.afterAll(async () => {
  await s.zz?.close()
  await s.bj?.close()
  await s.hq?.close()
  for (const p of s.pools ?? []) await p.end()
  if (s.cluster) stopCluster(s.cluster)
})

test('HQ admin signs in; the board shows the store not closed; the report total is the stores sum, and so is its CSV', async ({ page }) => {
  const consoleErrors: string[] = []
  // The browser logs each refusal's status (the first `me`, the wrong password) as a failed resource: expected.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && consoleErrors.push(m.text()))
  await page.goto(`${s.hq.url}/hq/`)
  await page.getByLabel('用户名').fill('hq-admin')
  await page.getByLabel('密码').fill('wrong password')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'UNAUTHORIZED')
  await page.getByLabel('密码').fill(PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('hq-user')).toContainText('总部王')

  // 门店日结看板 opens on today; F6 goes to the day before: 金水店 reconciled and closed, 东城店 neither.
  const board = page.getByRole('table', { name: '门店日结看板' })
  await expect(page.getByTestId('board-summary')).toBeVisible()
  await page.keyboard.press('F6')
  await expect(page.getByLabel('日期')).toHaveValue(DAY)
  await expect(board.locator(`tr[data-store-id="${ZZ.id}"]`)).toHaveAttribute('data-closed', 'true')
  await expect(board.locator(`tr[data-store-id="${ZZ.id}"]`)).toContainText('已对平')
  await expect(board.locator(`tr[data-store-id="${BJ.id}"]`)).toHaveAttribute('data-closed', 'false')
  await expect(board.locator(`tr[data-store-id="${BJ.id}"]`)).toContainText('未日结')
  await expect(board.locator(`tr[data-store-id="${BJ.id}"]`)).toContainText('未对账')
  await expect(page.getByTestId('board-summary')).toHaveText('共 2 家门店：未对账 1 家，未日结 1 家，失联 0 家')
  await expect(page.getByRole('navigation', { name: 'function keys' })).toContainText('F5刷新')
  await page.screenshot({ path: test.info().outputPath('hq-board-1366x768.png') })
  // The region filter: the province 41 leaves 金水店 only.
  await page.getByLabel('区域').selectOption('41')
  await expect(board.locator('tbody tr')).toHaveCount(1)
  await expect(board.locator(`tr[data-store-id="${ZZ.id}"]`)).toBeVisible()

  // 汇总报表 (F2), from the month's first day (yesterday may be last month's) to today: the total is the sum of each
  // store's own day, read at each store node.
  await page.keyboard.press('F2')
  await page.getByLabel('起始日').fill(DAY)
  const report = page.getByRole('table', { name: '汇总报表' })
  let expected = 0
  for (const store of [s.zz, s.bj])
    expected += toFen(storeReport(store.storeId, DAY, await storeItems(store.pool, store.storeId, DAY), new Map()).figures.medical)
  expect(expected).toBeGreaterThan(0)
  const total = page.getByTestId('report-total')
  await expect(total.locator('[data-column="medical"]')).toHaveText(fromFen(expected).toFixed(2))
  await expect(report.locator('tbody tr')).toHaveCount(2)
  const rows = await report.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[4]?.textContent ?? ''))
  expect(rows.reduce((n, v) => n + toFen(v), 0)).toBe(expected)
  await page.screenshot({ path: test.info().outputPath('hq-report-1366x768.png') })

  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('F8')])
  const csv = readFileSync((await download.path())!, 'utf8')
  const totalLine = csv.split('\r\n').find((l) => l.startsWith('合计,'))!
  expect(totalLine.split(',')[5]).toBe(fromFen(expected).toFixed(2))
  expect(csv.split('\r\n')[0]).toContain('医疗费总额')

  // F10: the page in English, the figures unchanged.
  await page.keyboard.press('F10')
  await expect(page.getByRole('table', { name: 'Consolidated reports' })).toBeVisible()
  await expect(page.getByTestId('report-total').locator('[data-column="medical"]')).toHaveText(fromFen(expected).toFixed(2))
  await page.keyboard.press('F10')

  // 门店配对 (F3): the admin issues a code for a new store.
  await page.keyboard.press('F3')
  await page.getByLabel('机构编码').fill('P41010500999')
  await page.getByLabel('门店名称').fill('郑州新店')
  await page.getByLabel('行政区划').fill('410105')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('pairing-code')).toContainText('配对码')
  expect(consoleErrors).toEqual([])
})
