import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PrinterSettingsInput, PrinterStatus, PrintJobView } from '../../shared/receipt'
import { layoutReceipt, previewLines, receiptSchema } from '../../shared/receipt'
import type { Clock } from '../../electron/base/clock'
import { PrintService } from '../../electron/core/devices/printer/print-service'
import { EscPosDecoder } from '../../dev-tools/virtual-printer/decoder'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { mutualAidReceipt, quotaOnlyReceipt } from './fixtures'

const clock: Clock = { now: () => new Date('2026-03-01T02:20:31.000Z') }
let dir: string
let dbFile: string
let db: Db
let printer: VirtualPrinter
const services: PrintService[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongji-print-'))
  dbFile = join(dir, 'core.db')
  db = openDatabase(dbFile, coreMigrations)
  printer = await new VirtualPrinter({ columns: 48, slowMs: 400 }).start()
})

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()))
  await printer.stop()
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function service(overrides: Partial<PrinterSettingsInput> = {}, database = db) {
  const s = new PrintService({
    db: database,
    clock,
    settings: {
      enabled: true,
      connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port },
      paper: '80',
      timeoutMs: 1500,
      slowAfterMs: 200,
      ...overrides,
    },
  })
  services.push(s)
  return s
}

function record(s: PrintService) {
  const statuses: PrinterStatus[] = []
  const jobs: PrintJobView[] = []
  s.on('printerStatus', (st) => statuses.push(st))
  s.on('printJob', (j) => jobs.push(j))
  return { statuses, jobs }
}

const committed = (receipt = mutualAidReceipt()) => ({ saleCommitted: true as const, receipt })

describe('PrintService', () => {
  it('prints a committed sale, opens the drawer for cash, and the paper equals the preview', async () => {
    const s = service()
    s.start()
    const { statuses, jobs } = record(s)
    const job = s.printCommittedSale(committed())
    await s.whenIdle()
    expect(s.job(job.id)).toMatchObject({ state: 'printed', attempts: 1, lastError: null, copy: 0 })
    expect(jobs.map((j) => j.state)).toEqual(['queued', 'printing', 'printed'])
    expect(statuses.at(-1)).toMatchObject({ state: 'online', target: `tcp://127.0.0.1:${printer.address.port}` })
    const paper = printer.receipts[0]
    expect(paper.lines.map((l) => l.text)).toEqual(s.previewJob(job.id))
    expect(paper.drawerKicks).toBe(1)
  })

  it('refuses a receipt for a sale the caller does not vouch is committed', () => {
    const s = service()
    expect(() => s.printCommittedSale({ saleCommitted: false, receipt: mutualAidReceipt() } as never)).toThrow()
    expect(s.jobs()).toEqual([])
  })

  it('printer down during a sale: the job waits as failed, status says offline, reprint works when back', async () => {
    const s = service()
    s.start()
    const { statuses } = record(s)
    await printer.stop()

    const job = s.printCommittedSale(committed())
    await s.whenIdle()
    const failed = s.job(job.id)!
    expect(failed.state).toBe('failed')
    expect(failed.lastError?.code).toBe('PRINTER_OFFLINE')
    expect(failed.lastError?.message).toContain('小票已保留')
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', code: 'PRINTER_OFFLINE' })
    expect(printer.receipts).toHaveLength(0)

    await printer.start() // same port: the printer is switched back on
    expect((await s.checkStatus()).state).toBe('online')
    s.retry(job.id)
    await s.whenIdle()
    expect(s.job(job.id)).toMatchObject({ state: 'printed', attempts: 2, copy: 0 })
    expect(printer.receipts).toHaveLength(1)

    const again = s.reprint('S20260301-000123')
    await s.whenIdle()
    expect(s.job(again.id)).toMatchObject({ state: 'printed', copy: 1 })
    const reprinted = printer.receipts[1]
    expect(reprinted.lines.map((l) => l.text)).toContain('               【重打小票 第1次】')
    expect(reprinted.drawerKicks).toBe(0)
  })

  it('keeps jobs across a restart: queued ones print, ones cut off mid-print are marked interrupted', async () => {
    const first = service({ enabled: false })
    const a = first.printCommittedSale(committed())
    const b = first.printCommittedSale(committed(quotaOnlyReceipt()))
    await first.whenIdle()
    expect(first.job(a.id)?.lastError?.code).toBe('PRINTER_DISABLED')
    // The printer form is under 设备, not 设置 (B17).
    expect(first.job(a.id)?.lastError?.message).toContain('「设备」')
    // Simulate a crash while b was being printed, and a queued retry of a.
    db.prepare("UPDATE print_jobs SET state = 'printing' WHERE id = ?").run(b.id)
    db.prepare("UPDATE print_jobs SET state = 'queued' WHERE id = ?").run(a.id)
    await first.close()
    db.close()

    db = openDatabase(dbFile, coreMigrations)
    const second = service({}, db)
    second.start()
    await second.whenIdle()
    expect(second.job(a.id)).toMatchObject({ state: 'printed' })
    expect(second.job(b.id)).toMatchObject({ state: 'failed', lastError: { code: 'PRINT_INTERRUPTED' } })
    expect(printer.receipts).toHaveLength(1)
    const stored = db.prepare('SELECT receipt FROM print_jobs WHERE id = ?').get(a.id) as { receipt: string }
    expect(stored.receipt).not.toContain('王建国')
  })

  it('is idempotent per sale: asking twice prints once', async () => {
    const s = service()
    const one = s.printCommittedSale(committed())
    const two = s.printCommittedSale(committed())
    await s.whenIdle()
    expect(two.id).toBe(one.id)
    expect(printer.receipts).toHaveLength(1)
  })

  it('reports paper out and cover open from DLE EOT, printing nothing', async () => {
    const s = service()
    printer.mode = 'paper-out'
    const job = s.printCommittedSale(committed())
    await s.whenIdle()
    expect(s.job(job.id)).toMatchObject({ state: 'failed', lastError: { code: 'PRINTER_PAPER_OUT' } })
    expect(s.status.state).toBe('paper-out')
    printer.mode = 'cover-open'
    expect((await s.checkStatus()).state).toBe('cover-open')
    expect(printer.receipts).toHaveLength(0)
  })

  it('shows a slow printer as slow while it finishes, then online', async () => {
    const s = service({ timeoutMs: 5000, slowAfterMs: 150 })
    const { statuses } = record(s)
    printer.mode = 'slow'
    s.printCommittedSale(committed())
    await s.whenIdle()
    expect(statuses.map((x) => x.state)).toEqual(['slow', 'online'])
    expect(printer.receipts).toHaveLength(1)
  })

  it('times out on a printer that never answers status, and says how to fix it', async () => {
    const s = service({ timeoutMs: 600, slowAfterMs: 200 })
    printer.mode = 'silent'
    const job = s.printCommittedSale(committed())
    await s.whenIdle()
    expect(s.job(job.id)?.lastError?.code).toBe('PRINTER_TIMEOUT')
    expect(s.job(job.id)?.lastError?.message).toContain('关闭')
    s.configure({ enabled: true, connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port }, statusQuery: false })
    s.retry(job.id)
    await s.whenIdle()
    expect(s.job(job.id)?.state).toBe('printed')
  })

  it('test print and drawer kick go to the printer; a device file receives the same bytes', async () => {
    const s = service()
    const { lines } = await s.testPrint()
    await s.openDrawer()
    await new Promise((r) => setTimeout(r, 50))
    expect(printer.receipts[0].lines.map((l) => l.text)).toEqual(lines.map((l) => l))
    expect(printer.receipts[0].lines[0].text).toContain('打印测试')
    expect(printer.pendingDrawerKicks).toBe(1)

    const file = join(dir, 'lp0')
    const onFile = service({ connection: { kind: 'device', path: file } })
    await expect(onFile.testPrint()).rejects.toMatchObject({ code: 'PRINTER_OFFLINE' })
    rmSync(file, { force: true })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, '')
    const job = onFile.printCommittedSale(committed(quotaOnlyReceipt()))
    await onFile.whenIdle()
    expect(onFile.job(job.id)?.state).toBe('printed')
    const d = new EscPosDecoder(48)
    d.feed(readFileSync(file))
    expect(d.receipts[0].lines.map((l) => l.text)).toEqual(previewLines(layoutReceipt(receiptSchema.parse(quotaOnlyReceipt()), { paper: '80' })))
  })
})
