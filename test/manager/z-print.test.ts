import { afterEach, expect, it } from 'vitest'
import { VirtualPrinter } from '../../dev-tools/virtual-printer/server'
import { useTempDir } from '../support/temp-dir'
import { startDay, type DayRig } from './rig'

const tempDir = useTempDir()
const DAY = '2026-11-23'
let rig: DayRig | undefined
const printer = new VirtualPrinter({ columns: 32 })
afterEach(async () => {
  await rig?.close()
  rig = undefined
  await printer.stop()
})

it("prints a closed day's Z report on the receipt printer, exactly the frozen figures, in Chinese", async () => {
  await printer.start()
  rig = await startDay(tempDir(), DAY)
  await rig.insured('liRetired')
  await rig.cash()
  await rig.as('manager')
  expect(await rig.counter.refused('printZReport', { day: DAY })).toBe('DAY_NOT_CLOSED')
  await rig.counter.call('reconcileDay', { day: DAY })
  await rig.counter.call('closeDay', { day: DAY })
  expect(await rig.counter.refused('printZReport', { day: DAY })).toBe('PRINTER_DISABLED')

  await rig.counter.call('savePrinterSettings', {
    enabled: true,
    connection: { kind: 'tcp', host: '127.0.0.1', port: printer.address.port },
    paper: '58',
    openDrawerForCash: false,
    statusQuery: true,
    timeoutMs: 3000,
    slowAfterMs: 1000,
    feedBeforeCut: 2,
  })
  const { lines } = await rig.counter.call('printZReport', { day: DAY })
  const z = await rig.counter.call('zReport', { day: DAY })
  await expect.poll(() => printer.receipts.length).toBe(1)
  const paper = printer.receipts[0]
  expect(paper.outsideChineseMode).toBe(0)
  expect(paper.lines.map((l) => l.text.trimEnd())).toEqual(lines.map((l) => l.trimEnd()))
  expect(lines.join('\n')).toContain('日结报表')
  expect(lines.find((l) => l.startsWith('净额'))).toMatch(new RegExp(`${z.report.net.total.replace('.', '\\.')}$`))
  expect(lines.find((l) => l.startsWith('亲属共济'))).toMatch(new RegExp(`${z.report.net.mutualAid.replace('.', '\\.')}$`))
})
