import { describe, expect, it } from 'vitest'
import type { TransactionOutput } from '../../shared/nhsa/transactions'
import { CODES, P, ok, sale, sandbox, settle, signedIn, view } from './helpers'

type Settled = TransactionOutput<'2102'>

describe('concurrent terminals', () => {
  it('many parallel sales against one quota: exactly the affordable ones are paid by it, nothing below zero', async () => {
    const s = await sandbox()
    const terminals = [await signedIn(s, 'pharmacy'), await signedIn(s, 'pharmacy'), await signedIn(s, 'clinic'), await signedIn(s, 'clinic')]
    const input = sale(P.wangFather, [{ code: CODES.nifedipineA, cnt: 2, pric: 20 }], { mulaid_id: 'MA0000000001' })
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => settle(terminals[i % terminals.length], P.wangFather, input)))
    const paid = results.map((r) => ok<Settled>(r).setlinfo)
    expect(paid.filter((p) => p.acct_mulaid_pay === 40)).toHaveLength(15)
    expect(paid.filter((p) => p.acct_mulaid_pay === 0 && p.psn_cash_pay === 40)).toHaveLength(9)
    const left = paid.map((p) => p.mulaid_quota_balc).sort((a, b) => (a ?? 0) - (b ?? 0))
    expect(left[0]).toBe(0)
    const daughter = await view(terminals[0], P.wangDaughter.psn_no)
    expect(daughter).toMatchObject({ acct_balance: 2600, acct_frozen: 0, acct_free: 2600 })
    expect(daughter.as_payer[0].quota_balc).toBe(0)
  })

  it('parallel sales against one own account never overdraw it', async () => {
    const s = await sandbox()
    const terminals = await Promise.all([0, 1, 2, 3].map(() => signedIn(s)))
    const input = sale(P.chenEmployee, [{ code: CODES.amlodipine, cnt: 2, pric: 20 }])
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => settle(terminals[i % 4], P.chenEmployee, input)))
    const acct = results.map((r) => ok<Settled>(r).setlinfo.acct_pay)
    expect(acct.filter((a) => a === 40)).toHaveLength(21)
    expect(acct.filter((a) => a === 20)).toHaveLength(1)
    expect(acct.reduce((x, y) => x + y, 0)).toBe(860)
    expect(await view(terminals[0], P.chenEmployee.psn_no)).toMatchObject({ acct_balance: 0, acct_free: 0 })
  })
})
