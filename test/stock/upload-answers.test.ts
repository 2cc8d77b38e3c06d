import { describe, expect, it } from 'vitest'
import { judgeAnswer, type StockUploadAnswer } from '../../shared/nhsa'

/**
 * What gateways answer a stock upload (docs/stock-uploads.md): the spec's output is "无". The Hainan adapter
 * notes that nothing comes back and parsing it fails (fengzaiqishi11/hsa-his InsureStockManagerBoImpl);
 * others send `{}` or `result{retRslt, msgRslt}` with a second verdict inside infcode 0.
 */
const envelope = (infcode: unknown, output: unknown, err_msg: unknown = '') => ({
  infcode,
  inf_refmsgid: '',
  refmsg_time: '',
  respond_time: '',
  err_msg,
  output,
})

describe('stock upload answers read tolerantly', () => {
  it.each([
    ['no output at all', envelope('0', null)],
    ['an empty string', envelope(0, '')],
    ['an empty object', envelope('0', {})],
    ['result 受理成功', envelope(0, { result: { retRslt: '1', msgRslt: '受理成功' } })],
    ['result as a number', envelope('0', { result: { retRslt: 1, msgRslt: '成功' } })],
  ])('%s is accepted', (_name, raw) => {
    const o = judgeAnswer('3505', { arrived: true, raw })
    expect(o.kind).toBe('committed')
    if (o.kind === 'committed') expect((o.output as StockUploadAnswer).refusal).toBeNull()
  })

  it("a second verdict inside infcode 0 is a refusal with the platform's words, listed for the manager", () => {
    const o = judgeAnswer('3503', { arrived: true, raw: envelope('0', { result: { retRslt: '0', msgRslt: '批次流水号已存在' } }) })
    expect(o.kind).toBe('committed')
    if (o.kind === 'committed') expect((o.output as StockUploadAnswer).refusal).toBe('医保平台未受理（retRslt=0）：批次流水号已存在')
  })

  it('infcode -1 in any form is the refusal it says', () => {
    const o = judgeAnswer('3501', { arrived: true, raw: envelope('-1', null, '[invinfo.manu_date]生产日期不能为空') })
    expect(o).toMatchObject({ kind: 'refused', message: expect.stringContaining('生产日期不能为空') })
  })
})
