import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOutput } from '../../shared/nhsa/answer'
import { chooseInsurance, identityCategoriesOf } from '../../shared/nhsa/transactions/person'

/** Guangzhou's real 1101 (no psn_insu_stas, amounts as strings, idetinfo as identity categories). */
function guangzhouOutput() {
  const f = JSON.parse(readFileSync(join(__dirname, '../support/fixtures/nhsa/1101-guangzhou.json'), 'utf8')) as { answer: { output: unknown } }
  const read = readOutput('1101', f.answer.output)
  expect(read.missing).toEqual([])
  return read.value!
}

describe('1101 with several insuinfo rows', () => {
  it('chooses the employee row (310) wherever it stands, and says why', () => {
    const out = guangzhouOutput()
    for (const rows of [out.insuinfo, [...out.insuinfo].reverse()]) {
      const c = chooseInsurance(rows)
      expect(c?.row.insutype).toBe('310')
      expect(c).toMatchObject({ reason: 'employee', active: 2 })
    }
  })

  it('takes the only active row as it is, the first active one without 310, and none when nothing is active', () => {
    const out = guangzhouOutput()
    const resident = out.insuinfo.filter((r) => r.insutype === '390')
    expect(chooseInsurance(resident)).toMatchObject({ reason: 'only', active: 1, row: { insutype: '390' } })
    const noEmployee = [{ ...resident[0]!, insutype: '320' }, resident[0]!]
    expect(chooseInsurance(noEmployee)).toMatchObject({ reason: 'first-active', active: 2, row: { insutype: '320' } })
    const ended = out.insuinfo.map((r) => ({ ...r, psn_insu_stas: '2' }))
    expect(chooseInsurance(ended)).toBeNull()
    // An ended 310 is not chosen over an active 390.
    expect(chooseInsurance([{ ...out.insuinfo[0]!, psn_insu_stas: '2' }, resident[0]!])?.row.insutype).toBe('390')
  })

  it('reads identity categories from idetinfo, and never takes one for a chronic-disease certification', () => {
    const out = guangzhouOutput()
    expect(identityCategoriesOf(out.idetinfo)).toEqual([{ type: '2101', level: '1', memo: '', begntime: '2020-01-01 00:00:00', endtime: null }])
  })
})
