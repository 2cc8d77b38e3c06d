import { describe, expect, it } from 'vitest'
import { columnName, writeXlsx } from '../../electron/core/manager/xlsx-writer'
import { readXlsx } from '../support/xlsx-read'

const at = new Date('2026-11-20T01:02:03Z')
const plain = { widths: [], twoDecimals: () => false }

describe('the xlsx writer', () => {
  it('writes sheets of text and numbers that read back cell for cell', async () => {
    const data = await writeXlsx(
      [
        {
          name: '汇总',
          rows: [{ cells: ['店名 <A&B> "引号"'] }, { cells: [] }, { cells: ['项目', '金额'], bold: true }, { cells: ['净额', -12.5, null, 3] }],
          widths: [10, 12],
          twoDecimals: (r, c) => r === 3 && c === 1,
        },
        { name: '明细', rows: [{ cells: [1, 2] }], ...plain },
      ],
      { creator: '共济收银', at },
    )
    expect(data.subarray(0, 2).toString()).toBe('PK')
    const sheets = await readXlsx(data)
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '明细'])
    expect([...sheets[0].rows.entries()].map(([r, cells]) => [r, Object.fromEntries(cells)])).toEqual([
      [1, { A: '店名 <A&B> "引号"' }],
      [3, { A: '项目', B: '金额' }],
      [4, { A: '净额', B: -12.5, D: 3 }],
    ])
  })

  it('drops characters XML cannot carry instead of writing a file Excel refuses', async () => {
    const data = await writeXlsx([{ name: 'S', rows: [{ cells: ['药\u0007房\u001b[1m\uFFFF'] }], ...plain }], { creator: 'x', at })
    expect((await readXlsx(data))[0].rows.get(1)!.get('A')).toBe('药房[1m')
  })

  it('refuses what Excel would refuse', async () => {
    await expect(writeXlsx([{ name: 'a/b', rows: [], ...plain }], { creator: 'x', at })).rejects.toThrow(/sheet name/)
    await expect(writeXlsx([{ name: 'x'.repeat(32), rows: [], ...plain }], { creator: 'x', at })).rejects.toThrow(/sheet name/)
    await expect(writeXlsx([{ name: 'S', rows: [{ cells: [Number.NaN] }], ...plain }], { creator: 'x', at })).rejects.toThrow(/finite/)
  })

  it('names columns past Z', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA'])
  })

  it('is the same file for the same input and time', async () => {
    const one = () => writeXlsx([{ name: 'S', rows: [{ cells: ['a', 1] }], ...plain }], { creator: 'x', at })
    expect((await one()).equals(await one())).toBe(true)
  })
})
