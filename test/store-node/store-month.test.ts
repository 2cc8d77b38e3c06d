import { expect, it } from 'vitest'
import { cstDay } from '../../electron/core/sale/cst'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import { fenOf, platformLedger, useStoreDay } from './store-day-rig'

/**
 * The month in store mode (store-node.md §2: "every counter's month shows the others' settlements as a platform
 * surplus"): the clearing statement (3203) is the institution's, so the store's side must be every counter's.
 */
const db = usePostgres()
const tempDir = useTempDir()
const store = useStoreDay(db, tempDir)

it("puts the platform's month beside the whole store's: two counters' sales and a refund agree line for line", async () => {
  await store.a.sell('wangFather')
  await store.a.sell('liRetired', 2)
  const bSale = await store.b.sell('zhangHusband')
  await store.b.sell('liuWife', 3)
  await store.b.refund(bSale)
  const month = cstDay(new Date()).slice(0, 7)

  const st = await store.m.call('storeMonthStatement', { month })
  expect(st.store).toEqual(st.platform)
  expect(st.store.count).toBe(3)
  expect(fenOf(st.store.medical)).toBe(platformLedger(store.sandbox).medfee)
  for (const l of st.lines.filter((x) => x.store !== null)) expect(l.agrees, l.label).toBe(true)
  const today = st.days.find((d) => d.day === cstDay(new Date()))!
  expect(fenOf(today.medical)).toBe(platformLedger(store.sandbox).medfee)
  expect(today.closed).toBe(false)

  // The manager's own counter sold nothing: its own month is not the store's, which is why store mode asks the store node.
  const own = await store.m.call('monthStatement', { month })
  expect(own.store.count).toBe(0)
  expect(own.lines.find((l) => l.key === 'medical')!.agrees).toBe(false)
})

it('refuses a month that has not begun', async () => {
  const next = new Date()
  next.setUTCMonth(next.getUTCMonth() + 2)
  expect(await store.m.refused('storeMonthStatement', { month: cstDay(next).slice(0, 7) })).toMatchObject({ code: 'DAY_IN_FUTURE' })
})
