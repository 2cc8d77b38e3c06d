import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PrintService } from '../../electron/core/devices/printer/print-service'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { encodeReceipt } from '../../electron/core/devices/printer/encode-receipt'
import { EscPosDecoder } from '../../dev-tools/virtual-printer/decoder'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { layoutReceipt, previewText, receiptSchema, testPageDoc } from '../../shared/receipt'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'
import { mutualAidReceipt } from '../devices/fixtures'
import { startCounter, type Counter } from '../sale/counter-rig'

/** ESC p 0 25 25 (drawer kick), NUL, GS V 0 (full cut), ESC @ (reset), and the bidi/line-separator tricks. */
const HOSTILE = '\u001bp\u0000\u0019\u0019\u001dV\u0000\u001b@\u202e\u2028\u0085\u009b'

const tempDir = useTempDir('gongji-print-injection-')
const printers: VirtualPrinter[] = []
let counter: Counter | undefined
afterEach(async () => {
  await counter?.close()
  counter = undefined
  await Promise.all(printers.splice(0).map((p) => p.stop()))
})

function decode(bytes: Buffer) {
  const decoder = new EscPosDecoder(48)
  decoder.feed(bytes)
  return decoder.receipts
}

describe('control characters in receipt text never reach the printer as commands', () => {
  it('a store, cashier, item, spec and relative name carrying ESC p / GS V: one receipt, no drawer kick, no cut, no unknown command', () => {
    const receipt = receiptSchema.parse(
      mutualAidReceipt({
        store: { name: `共济${HOSTILE}大药房`, institutionCode: 'P11010500123' },
        cashier: `李${HOSTILE}收银`,
        lines: [
          { name: `阿莫西林${HOSTILE}胶囊`, spec: `0.25g${HOSTILE}×24粒`, quantity: '1', unit: '盒', price: '100.00', amount: '100.00', class: 'B' },
          { name: '去屑洗发水', spec: '400ml', quantity: '1', unit: '瓶', price: '15.00', amount: '15.00', class: 'self' },
        ],
        mutualAid: { payerName: `王${HOSTILE}国`, relation: 'child', quotaLeft: '484.00' },
      }),
    )
    const doc = layoutReceipt(receipt, { paper: '80' })
    const [paper, ...more] = decode(encodeReceipt(doc))
    expect(more).toEqual([])
    expect(paper.drawerKicks).toBe(0)
    expect(paper.unknown).toEqual([])
    const text = paper.lines.map((l) => l.text).join('\n')
    expect(text).toContain('共济pV@ 大药房')
    expect(text).toContain('阿莫西林pV@ 胶囊')
    // The preview is made from the same cleaned layout: nothing invisible on screen either.
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(previewText(doc)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/)
  })

  it('the test page cleans the printer name it prints', () => {
    const [paper, ...more] = decode(encodeReceipt(testPageDoc('80', '2026-12-05 06:00', `127.0.0.1:9100${HOSTILE}`)))
    expect(more).toEqual([])
    expect(paper.drawerKicks).toBe(0)
    expect(paper.unknown).toEqual([])
  })

  it('a document laid out outside the receipt layout (the Z report) is cleaned on its way to the printer', async () => {
    const printer = await new VirtualPrinter({ columns: 48 }).start()
    printers.push(printer)
    const dir = tempDir()
    const db = openDatabase(join(dir, 'core.db'), coreMigrations)
    const service = new PrintService({
      db,
      clock: { now: () => new Date() },
      settings: { enabled: true, connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port }, paper: '80', timeoutMs: 1500, slowAfterMs: 500 },
    })
    try {
      const printed = new Promise((resolve) => printer.on('receipt', resolve))
      const lines = await service.printDocument((columns) => ({
        columns,
        blocks: [
          { kind: 'text', text: `共济药房${HOSTILE}` },
          { kind: 'text', text: `收银员 夜${HOSTILE}班` },
        ],
      }))
      await printed
      expect(printer.receipts).toHaveLength(1)
      expect(printer.receipts[0].drawerKicks).toBe(0)
      expect(printer.receipts[0].unknown).toEqual([])
      expect(printer.receipts[0].lines.map((l) => l.text)).toEqual(lines)
    } finally {
      await service.close()
      db.close()
    }
  })

  it('through the contract: a store name with printer commands is refused at the door; a user name with them, a cash sale, the printer gets one drawer kick (its own) and one cut', async () => {
    counter = await startCounter(tempDir())
    const printer = await new VirtualPrinter({ columns: 48 }).start()
    printers.push(printer)
    await signIn(counter.core, 'manager')
    // The settings refuse control characters outright; the layout's cleaning is the second line behind them.
    expect(await counter.core.dispatch('updateSettings', { fixmedinsName: `共济药房${HOSTILE}` })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    await counter.call('saveUser', { id: 'night-cashier', name: `夜${HOSTILE}班`, role: 'cashier', active: true, pin: '246813' })
    await counter.call('savePrinterSettings', {
      enabled: true,
      connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port },
      paper: '80',
      openDrawerForCash: true,
      statusQuery: false,
      timeoutMs: 2000,
      slowAfterMs: 1000,
      feedBeforeCut: 4,
    })
    await counter.call('login', { userId: 'night-cashier', pin: '246813' })
    const printed = new Promise((resolve) => printer.on('receipt', resolve))
    const sale = await counter.call('openSale', { lines: [{ storeCode: 'SG00001', qty: '1' }], acctUsed: false })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '20' } })
    await printed
    await new Promise((r) => setTimeout(r, 300))
    expect(printer.receipts).toHaveLength(1)
    const [paper] = printer.receipts
    expect(paper.drawerKicks).toBe(1)
    expect(paper.unknown).toEqual([])
    expect(paper.lines.map((l) => l.text).join('\n')).toContain('郑州共济大药房')
  })
})
