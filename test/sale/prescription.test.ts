import { describe, expect, it } from 'vitest'
import { useTempDir } from '../support/temp-dir'
import { startCounter } from './counter-rig'
import { closedAfterEach, counterWithPrinter, until } from './printer-rig'

const tempDir = useTempDir()
const rig = closedAfterEach()

const AMLODIPINE = 'SP00002' // 苯磺酸氨氯地平片, prescription only, 20.00

describe('处方登记 kept with the sale and printed (B12)', () => {
  it('records doctor, hospital, diagnosis, the external flag and the pharmacist named by staff id; the paper says them as the preview does', async () => {
    const { counter, printer } = Object.assign(rig, await counterWithPrinter(tempDir()))
    const sale = await counter.call('openSale', {
      lines: [{ storeCode: AMLODIPINE, qty: '1' }],
      acctUsed: false,
      prescription: {
        rxno: 'RX20261205007',
        external: true,
        hospital: '郑州市第一人民医院',
        doctor: '王医生',
        diagnosis: '原发性高血压',
        pharmacist: 'demo-manager',
      },
    })
    expect(sale.prescription).toEqual({
      rxno: 'RX20261205007',
      external: true,
      hospital: '郑州市第一人民医院',
      doctor: '王医生',
      diagnosis: '原发性高血压',
      pharmacist: '演示店长',
      pharmacistUserId: 'demo-manager',
    })
    const paid = await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '20' } })
    await until(() => printer.receipts.length === 1)
    const { lines } = await counter.call('previewPrintJob', { jobId: paid.receiptJobId! })
    const paper = printer.receipts[0].lines.map((l) => l.text)
    expect(paper).toEqual(lines)
    // 58 mm wraps the longer lines: read the paper as one string.
    const text = paper.join('')
    expect(text).toContain('处方号：RX20261205007（外配处方）')
    expect(text).toContain('开方医院：郑州市第一人民医院')
    expect(text).toContain('开方医师：王医生')
    expect(text).toContain('诊断：原发性高血压')
    expect(text).toContain('审方药师：演示店长')
  })

  it('a name that is no staff id is kept as written; a partial return dispenses the rest under the same prescription', async () => {
    const { counter } = Object.assign(rig, { counter: await startCounter(tempDir()) })
    const rx = { rxno: 'RX1', external: false, hospital: '社区卫生服务中心', doctor: '李医生', pharmacist: '张药师' }
    const sale = await counter.call('openSale', { lines: [{ storeCode: AMLODIPINE, qty: '2' }], acctUsed: false, prescription: rx })
    expect(sale.prescription).toMatchObject({ pharmacist: '张药师', pharmacistUserId: null, diagnosis: '' })
    await counter.call('settleSale', { saleId: sale.id, payment: { method: 'cash', tendered: '40' } })
    const { replacement } = await counter.call('returnItems', {
      saleId: sale.id,
      approval: { userId: 'demo-manager', pin: '888888' },
      reason: '顾客退一盒',
      keep: [{ seq: 1, qty: '1', traceCodes: [] }],
    })
    expect(replacement.prescription).toMatchObject({ rxno: 'RX1', hospital: '社区卫生服务中心', doctor: '李医生', pharmacist: '张药师' })
  })
})
