import { describe, expect, it } from 'vitest'
import { STORE_HEADER } from '../../electron/core/catalog/storeFile'
import { priceInput, splitSettings, userInput } from '../../shared/contract/sync/master-inputs'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { platformSecretOf, useCounters, type PairedCounter } from './master-rig'
import { useStoreNode } from './store-rig'

/**
 * Issue 15, the store manager's screens: in store mode the same screens publish master data to the store node.
 * Each call here is the one the screen sends (the inputs are built by the screens' own helpers in
 * shared/contract/sync/master-inputs.ts), from counter A; the change reaches counter B by its pull,
 * A follows its own pull with `masterDataStatus`, and a cashier can neither publish nor follow.
 */
const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)
const counters = useCounters()

const PULL_INTERVAL_MS = 5_000 + 3_000
const until = <T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = PULL_INTERVAL_MS) => eventually(what, get, ok, ms)
const GENERATION = [STORE_HEADER, ',SG00001,门店洗发水,200ml,某日化,瓶,15.00,10,goods,', ',SP70001,店长新品,10片,某药厂,盒,23.45,5,goods,'].join('\n') + '\n'

async function store(): Promise<[PairedCounter, PairedCounter]> {
  const a = await counters.add(db().pool, tempDir(), rig.node().url, '1号收银台')
  const b = await counters.add(db().pool, tempDir(), rig.node().url, '2号收银台')
  return [a, b]
}

const logSize = async () => Number((await db().pool.query<{ n: string }>('SELECT count(*) AS n FROM change_log')).rows[0].n)

describe("the manager's screens in store mode", () => {
  it('a user with their 医保操作员, the store settings beside the counter’s own, the secret, offline limits, a catalog and a dated price reach B', async () => {
    const [a, b] = await store()

    // 设置 → 用户: a new cashier with an operator code, published; A has applied it when the call answers.
    const user = await a.counter.call('publishMasterData', {
      kind: 'user',
      user: userInput({ id: 'c07', name: '王收银', role: 'cashier', active: true, pin: '707070', opterCode: 'OP0007', opterName: '' }),
    })
    expect(user.applied.cursor).toBeGreaterThanOrEqual(user.seq)
    const c07 = (x: PairedCounter) => x.counter.call('listUsers', {}).then((us) => us.find((u) => u.id === 'c07'))
    expect(await c07(a)).toMatchObject({ name: '王收银', nhsaOperator: { code: 'OP0007', name: '王收银' } })
    await until(
      'c07 with its operator at B',
      () => c07(b),
      (u) => u?.nhsaOperator?.code === 'OP0007',
    )
    expect(await c07(b)).toMatchObject({ role: 'cashier', active: true, nhsaOperator: { code: 'OP0007', name: '王收银' } })

    // Editing the user without touching the operator (the list's 修改 then 保存 keeps the code): still there at B.
    await a.counter.call('publishMasterData', {
      kind: 'user',
      user: { id: 'c07', name: '王收银', role: 'cashier', active: true },
    })
    await a.counter.call('publishMasterData', {
      kind: 'user',
      user: userInput({ id: 'c08', name: '赵前台', role: 'receptionist', active: true, pin: '808080', opterCode: 'OP0008', opterName: '赵某' }),
    })
    await until(
      'c08 at B',
      () => b.counter.call('listUsers', {}),
      (us) => us.some((u) => u.id === 'c08'),
    )
    expect(await c07(b)).toMatchObject({ nhsaOperator: { code: 'OP0007', name: '王收银' } })
    expect((await b.counter.call('listUsers', {})).find((u) => u.id === 'c08')?.nhsaOperator).toEqual({ code: 'OP0008', name: '赵某' })

    // 设置 → F9: the form's patch; the store's part is published, the counter's own part saved here (not refused).
    const before = a.counter.core.settings.get()
    const { store: storePart, local } = splitSettings(before, {
      fixmedinsName: '郑州共济大药房（店长改）',
      idleLockMinutes: 9,
      admdvs: before.admdvs,
      terminalId: 'POS-A',
      trainingMode: before.trainingMode,
    })
    expect(storePart).toEqual({ fixmedinsName: '郑州共济大药房（店长改）', idleLockMinutes: 9 })
    await a.counter.call('publishMasterData', { kind: 'secret', secret: 'store-secret-M4n5B6v7' })
    const settings = await a.counter.call('publishMasterData', { kind: 'settings', patch: storePart! })
    expect(settings.applied.cursor).toBeGreaterThanOrEqual(settings.seq)
    expect(await a.counter.call('updateSettings', local)).toMatchObject({ terminalId: 'POS-A', fixmedinsName: '郑州共济大药房（店长改）' })

    // 店长 → 离线收款方式.
    await a.counter.call('publishMasterData', { kind: 'offline_limits', limits: { mode: 'advance', perSale: '120.50', outstanding: '2000', maxAgeHours: 24 } })

    // 商品目录 → F5: the import publishes a generation; A follows its own pull as the screen does.
    const catalog = await a.counter.call('publishMasterData', {
      kind: 'catalog',
      list: 'store',
      source: { kind: 'upload', name: '店长目录.csv', content: GENERATION },
    })
    await until(
      'A applied the generation',
      () => a.counter.call('masterDataStatus', {}),
      (s) => s.cursor >= catalog.seq,
      60_000,
    )
    expect((await a.counter.call('lookupStoreCode', { storeCode: 'SP70001' })).price).toBe('23.45')

    // 商品目录 → 调价: from a Beijing-time moment already passed, and from one a day ahead.
    const past = new Date(Date.now() + 8 * 3600_000 - 120_000).toISOString().slice(0, 16)
    const ahead = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 16)
    await a.counter.call('publishMasterData', priceInput('SP70001', '19.90', past, new Date()))
    const last = await a.counter.call('publishMasterData', priceInput('SP70001', '25.00', ahead, new Date()))

    await until(
      'B caught up',
      () => b.counter.call('masterDataStatus', {}),
      (s) => s.cursor >= last.seq,
      60_000,
    )
    expect(b.counter.core.settings.get()).toMatchObject({ fixmedinsName: '郑州共济大药房（店长改）', idleLockMinutes: 9 })
    expect(b.counter.core.settings.get().terminalId).not.toBe('POS-A')
    expect(platformSecretOf(b)).toBe('store-secret-M4n5B6v7')
    expect(await b.counter.call('offlineSettings', {})).toMatchObject({ mode: 'advance', perSale: '120.50', outstanding: '2000.00', maxAgeHours: 24 })
    expect((await b.counter.call('lookupStoreCode', { storeCode: 'SP70001' })).price).toBe('19.90')
    expect(b.counter.core.db.prepare('SELECT valid_from, price_fen FROM store_prices WHERE price_fen = 2500').get()).toEqual({
      valid_from: new Date(`${ahead}:00+08:00`).toISOString(),
      price_fen: 2500,
    })
    // B's new cashier signs in under the published PIN.
    expect((await b.counter.core.dispatch('login', { userId: 'c07', pin: '707070' })).ok).toBe(true)
  }, 180_000)

  it('a cashier can neither publish nor follow the log, and nothing reaches the store node', async () => {
    const [a] = await store()
    await a.counter.call('publishMasterData', {
      kind: 'user',
      user: userInput({ id: 'c09', name: '孙收银', role: 'cashier', active: true, pin: '909090', opterCode: '', opterName: '' }),
    })
    const held = await logSize()
    expect((await a.counter.core.dispatch('login', { userId: 'c09', pin: '909090' })).ok).toBe(true)
    const refused = [
      await a.counter.refused('publishMasterData', {
        kind: 'user',
        user: userInput({ id: 'c09', name: '孙收银', role: 'manager', active: true, pin: '', opterCode: '', opterName: '' }),
      }),
      await a.counter.refused('publishMasterData', {
        kind: 'offline_limits',
        limits: { mode: 'advance', perSale: '999', outstanding: '9999', maxAgeHours: 72 },
      }),
      await a.counter.refused('publishMasterData', priceInput('SG00001', '0.01', '', new Date())),
      await a.counter.refused('masterDataStatus', {}),
      await a.counter.refused('syncStatus', {}),
    ]
    expect(refused).toEqual(Array(5).fill('FORBIDDEN_ROLE'))
    expect(await logSize()).toBe(held)
  }, 60_000)
})
