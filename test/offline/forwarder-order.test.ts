import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { orderKeys, pickSendable, type Ordered } from '../../electron/core/offline/forwarder'

interface Msg extends Ordered {
  keys: string[]
}

const PEOPLE = ['P1', 'P2', 'P3', 'P4']
const QUOTAS = [null, null, 'MA1', 'MA2']

/**
 * A forwarding round played out with the platform answering in any order: the sales' 2102s are queued
 * up front, and a sale's 3505 joins the end of the queue only once its 2102 is answered (as the queue
 * records it). Returns what was sent, in order, with what had been answered at that moment.
 */
function play(sales: { person: number; quota: number }[], window: number, depth: number, answerPick: number[]) {
  let seq = 0
  const lane: Msg[] = []
  const add = (m: Omit<Msg, 'keys' | 'seq'>) => {
    const r = { ...m, seq: ++seq } as Msg
    r.keys = orderKeys(r)
    lane.push(r)
    return r
  }
  sales.forEach((s, i) => add({ infno: '2102', sale_id: `S${i}`, psn_no: PEOPLE[s.person], mulaid_id: QUOTAS[s.quota] }))
  const all = [...lane]
  const wire: Msg[] = []
  const answered = new Set<number>()
  const sent: { m: Msg; answeredBefore: Set<number> }[] = []
  let step = 0
  while (lane.length > 0 || wire.length > 0) {
    const busy = new Set(wire.flatMap((m) => m.keys))
    for (const m of pickSendable(lane, busy, window - wire.length, depth)) {
      lane.splice(lane.indexOf(m), 1)
      wire.push(m)
      sent.push({ m, answeredBefore: new Set(answered) })
    }
    if (wire.length === 0) throw new Error('stuck: nothing on the wire and nothing may leave')
    const [done] = wire.splice(answerPick[step++ % answerPick.length] % wire.length, 1)
    answered.add(done.seq)
    if (done.infno === '2102') all.push(add({ infno: '3505', sale_id: done.sale_id, psn_no: done.psn_no, mulaid_id: null }))
  }
  return { all, sent }
}

describe('the pipelined forwarder keeps the orders that matter', () => {
  it('sends a message only when every earlier one of its person, quota and sale is answered, and sends each once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ person: fc.nat(PEOPLE.length - 1), quota: fc.nat(QUOTAS.length - 1) }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.nat(100), { minLength: 1, maxLength: 50 }),
        (sales, window, depth, answerPick) => {
          const { all, sent } = play(sales, window, depth, answerPick)
          expect(sent.map((s) => s.m.seq).sort((a, b) => a - b)).toEqual(all.map((m) => m.seq))
          for (const { m, answeredBefore } of sent) {
            const earlier = all.filter((o) => o.seq < m.seq && o.keys.some((k) => m.keys.includes(k)))
            for (const o of earlier) expect(answeredBefore.has(o.seq), `${m.infno} ${m.sale_id} left before ${o.infno} ${o.sale_id} was answered`).toBe(true)
            if (m.infno === '3505') expect(answeredBefore.has(all.find((o) => o.infno === '2102' && o.sale_id === m.sale_id)!.seq)).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('overlaps messages of different people, and holds back a second sale of one person or one quota', () => {
    const lane = [
      { seq: 1, infno: '2102', sale_id: 'A', psn_no: 'P1', mulaid_id: null },
      { seq: 2, infno: '2102', sale_id: 'B', psn_no: 'P1', mulaid_id: null },
      { seq: 3, infno: '2102', sale_id: 'C', psn_no: 'P2', mulaid_id: 'MA1' },
      { seq: 4, infno: '2102', sale_id: 'D', psn_no: 'P3', mulaid_id: 'MA1' },
      { seq: 5, infno: '3505', sale_id: 'Z', psn_no: 'P1', mulaid_id: null },
    ].map((m) => ({ ...m, keys: orderKeys(m) }))
    expect(pickSendable(lane, new Set(), 8).map((m) => m.sale_id)).toEqual(['A', 'C', 'Z'])
    expect(pickSendable(lane, new Set(['person:P1']), 8).map((m) => m.sale_id)).toEqual(['C', 'Z'])
    expect(pickSendable(lane, new Set(), 2).map((m) => m.sale_id)).toEqual(['A', 'C'])
  })
})
