import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ERROR_CODES, ERROR_PARAMS, PosError, wordsFor, zhMessage, type ErrorCode } from '../../shared/contract'
import { enErrorWords } from '../../renderer/src/i18n/errors/en'
import { zhErrorWords } from '../../renderer/src/i18n/errors/zh-CN'

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/

/** Every shape a schema's parameters may take: each union option, each enum value, optional fields present and absent. */
function samples(schema: z.ZodType): unknown[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  switch (def.type) {
    case 'object': {
      let out: Record<string, unknown>[] = [{}]
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const values = samples(field)
        out = out.flatMap((o) => values.map((v) => (v === undefined ? o : { ...o, [key]: v })))
      }
      return out
    }
    case 'union':
      return (def.options as z.ZodType[]).flatMap(samples)
    case 'optional':
      return [undefined, ...samples(def.innerType as z.ZodType)]
    case 'nullable':
      return [null, ...samples(def.innerType as z.ZodType)]
    case 'enum':
      return Object.values(def.entries as Record<string, string>)
    case 'literal':
      return def.values as unknown[]
    case 'string':
      return ['Sample7']
    case 'number':
      return [7]
    case 'boolean':
      return [true, false]
    case 'array':
      return [
        samples(def.element as z.ZodType)
          .slice(0, 1)
          .concat(samples(def.element as z.ZodType).slice(0, 1)),
      ]
    default:
      throw new Error(`no sample for a ${def.type}`)
  }
}

describe('error words', () => {
  it('word every code in Chinese and English for every shape of its parameters, with nothing left unfilled', () => {
    let rendered = 0
    for (const code of ERROR_CODES) {
      for (const params of samples(ERROR_PARAMS[code])) {
        const zh = wordsFor(zhErrorWords, code, params)
        const en = wordsFor(enErrorWords, code, params)
        for (const words of [zh, en]) {
          expect(words, `${code} ${JSON.stringify(params)}`).toBeTruthy()
          expect(words, code).not.toMatch(/\{\w*\}|undefined|NaN|\[object/)
        }
        // Words that are only what another party wrote (the platform's, the store node's) have no Chinese of their own here.
        if (!Object.values(params as object).includes(zh)) expect(zh, code).toMatch(CJK)
        expect(en, `${code} in English`).not.toMatch(CJK)
        rendered++
      }
    }
    expect(rendered).toBeGreaterThan(ERROR_CODES.length)
  })

  it('keep the sentences cashiers read today: the core sends code and parameters, the message is the shared Chinese', () => {
    const e = new PosError('SHIFT_ALREADY_OPEN', { no: 3, cashier: '李四' })
    expect(e.toData()).toEqual({ code: 'SHIFT_ALREADY_OPEN', message: '第 3 班（李四）还没有交班，请先交班', params: { no: 3, cashier: '李四' } })
    expect(zhMessage('STOCK_INSUFFICIENT', { why: 'noLots', name: '阿莫西林胶囊' })).toBe('「阿莫西林胶囊」没有任何入库批次，不能按批次销售')
    expect(new PosError('SHIFT_REQUIRED').message).toBe('本店要求先开班才能收银：请按 F3「交班」输入备用金开班后再收款')
    expect(wordsFor(enErrorWords, 'SHIFT_ALREADY_OPEN', { no: 3, cashier: 'Li' })).toBe(
      'Shift 3 (Li) is still open at this counter: close it (hand over) first',
    )
  })

  it('word a union code by the shape that was sent, not the first that fits (a store-wide box code names the counter)', () => {
    const sent = new PosError('TRACE_CODE_SOLD', { code: '82000010386110000008', terminal: '01', saleId: '7cb72c1d' }).toData()
    expect(wordsFor(zhErrorWords, sent.code, sent.params)).toContain('本店 01 号收银台')
    expect(wordsFor(enErrorWords, sent.code, sent.params)).toContain('01')
    expect(PosError.fromData(sent).params).toEqual(sent.params)
  })

  it('turn an error back from the wire, and keep a relayed one in its own words', () => {
    const back = PosError.fromData(new PosError('HELD_TOO_MANY', { count: 9 }).toData())
    expect(back).toMatchObject({ code: 'HELD_TOO_MANY', params: { count: 9 }, message: '已有 9 笔挂单：请先取回或作废其中一笔，再挂新单' })
    const relayed = PosError.fromData({ code: 'SALE_LEASED', message: '另一台收银台正在退这笔销售' })
    expect(relayed.toData()).toEqual({ code: 'SALE_LEASED', message: '另一台收银台正在退这笔销售' })
    expect(PosError.fromData({ code: 'HELD_TOO_MANY', message: '旧版本的话', params: { count: 'nine' } }).params).toBeUndefined()
  })

  it('are checked by the compiler: an unknown code, a missing or wrong parameter, a table missing a code', () => {
    // @ts-expect-error no such code in the registry
    void new PosError('NO_SUCH_CODE', {})
    // @ts-expect-error SHIFT_ALREADY_OPEN needs the shift's number and cashier
    void new PosError('SHIFT_ALREADY_OPEN')
    // @ts-expect-error the shift's number is a number, not text
    void new PosError('SHIFT_ALREADY_OPEN', { no: '3', cashier: '李四' })
    // @ts-expect-error 'lotShort' needs the amounts on hand and needed
    void new PosError('STOCK_INSUFFICIENT', { why: 'lotShort', name: 'x', lotNo: 'L1' })
    const code: ErrorCode = 'SHIFT_REQUIRED'
    // @ts-expect-error a call may declare only registered codes
    const bad: ErrorCode = 'SHIFT_REQUIRD'
    expect([code, bad]).toHaveLength(2)
    const { SHIFT_REQUIRED: _dropped, ...missing } = enErrorWords
    // @ts-expect-error a language table without every code does not compile
    const partial: typeof enErrorWords = missing
    expect(Object.keys(partial)).toHaveLength(ERROR_CODES.length - 1)
  })
})
