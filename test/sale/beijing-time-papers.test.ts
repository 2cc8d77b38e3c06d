import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/base/store/database'
import { PrintService } from '../../electron/core/devices/printer/print-service'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { coreMigrations } from '../../electron/core/store/migrations'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { readXlsx } from '../support/xlsx-read'
import { startCounter } from './counter-rig'
import { closedAfterEach } from './printer-rig'

const tempDir = useTempDir()
const rig = closedAfterEach()

/** What a person reads as "now" on paper: Beijing time, whatever zone the PC (and the ISO clock) is in. */
const BEIJING = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

describe('times a person reads on exports and the printer test page are Beijing time (B16)', () => {
  it('the xlsx summary says when it was exported and when the day was closed in Beijing time, not ISO UTC', async () => {
    const { counter } = Object.assign(rig, { counter: await startCounter(tempDir()) })
    const sale = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '15' } })
    await signIn(counter.core, 'manager')
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    await counter.call('reconcileDay', { day })
    await counter.call('closeDay', { day })
    const before = Date.now()
    const xlsx = await counter.call('exportReport', { scope: 'day', period: day, format: 'xlsx' })
    const summary = (await readXlsx(Buffer.from(xlsx.base64, 'base64'))).find((s) => s.name === '汇总')!
    const cells = [...summary.rows.values()].flatMap((r) => [...r.values()]).map(String)
    const exported = cells.find((c) => c.startsWith('导出时间 '))!
    expect(exported).not.toMatch(/T|Z/)
    const at = exported.slice('导出时间 '.length, '导出时间 '.length + 19)
    expect(at).toMatch(BEIJING)
    expect(Math.abs(new Date(`${at.replace(' ', 'T')}+08:00`).getTime() - before)).toBeLessThan(60_000)
    expect(exported).toContain('北京时间')
    const closed = cells.find((c) => c.startsWith('已日结 '))!
    expect(closed.slice('已日结 '.length, '已日结 '.length + 19)).toMatch(BEIJING)
  })

  it('the test page prints the time in Beijing time', async () => {
    const dir = tempDir()
    const db = openDatabase(`${dir}/core.db`, coreMigrations)
    const printer = await new VirtualPrinter({ columns: 32 }).start()
    rig.printer = printer
    const clock = { now: () => new Date('2026-12-05T04:58:36.831Z') }
    const service = new PrintService({
      db,
      clock,
      settings: { enabled: true, connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port }, paper: '58' },
    })
    const { lines } = await service.testPrint()
    await service.close()
    db.close()
    expect(lines).toContain('时间：2026-12-05 12:58:36')
  })
})
