import { PosError } from '../../../shared/contract'
import type { MonthStatement } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { TransactionOutput } from '../../../shared/nhsa'
import { todayOf, type ManagerDeps } from './context'
import { DayEvents, type DayItem } from './day-events'
import { yuanText } from './totals'

type Clr = TransactionOutput<'3203'>['clrinfo']
const CLEARING_TYPES = ['41', '11'] as const

export function monthDays(month: string, today: string): { begin: string; end: string; days: string[] } {
  const begin = `${month}-01`
  if (begin > today) throw new PosError('DAY_IN_FUTURE', { month })
  const [y, m] = month.split('-').map(Number)
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
  const end = last < today ? last : today
  const days: string[] = []
  for (let d = new Date(`${begin}T00:00:00Z`); d.toISOString().slice(0, 10) <= end; d = new Date(d.getTime() + 86_400_000))
    days.push(d.toISOString().slice(0, 10))
  return { begin, end, days }
}

interface Sums {
  count: number
  medical: number
  fund: number
  account: number
  mutualAid: number
  personCash: number
}
const zero = (): Sums => ({ count: 0, medical: 0, fund: 0, account: 0, mutualAid: 0, personCash: 0 })
const view = (s: Sums) => ({
  count: s.count,
  medical: yuanText(s.medical),
  fund: yuanText(s.fund),
  account: yuanText(s.account),
  mutualAid: yuanText(s.mutualAid),
  personCash: yuanText(s.personCash),
})

/** The store's own month, from the same day items the daily figures and reconciliation use. */
export function storeMonth(events: DayEvents, days: string[], training: boolean) {
  const all: DayItem[] = []
  const perDay = days.map((day) => {
    const items = events.items(day, training)
    all.push(...items)
    let count = 0
    let medical = 0
    for (const i of items) {
      if (!i.platform) continue
      const sign = i.platform.refund ? -1 : 1
      count += sign
      medical += sign * i.parts.medical
    }
    return { day, count, medical }
  })
  return { items: all, perDay }
}

/**
 * The monthly clearing statement (3203) beside the store's own totals. Mutual aid is split by where the
 * paying relative is insured; the store can say that only for sales that recorded the payer's region,
 * so where it cannot, its side of those lines is left empty rather than guessed.
 */
export class MonthStatements {
  constructor(
    private readonly deps: ManagerDeps,
    private readonly closedDays: (from: string, to: string, training: boolean) => Set<string>,
    private readonly events = new DayEvents(deps.db),
  ) {}

  async statement(month: string): Promise<MonthStatement> {
    const { begin, end, days } = monthDays(month, todayOf(this.deps))
    const target = await this.deps.platform.background()
    const admdvs = this.deps.settings().admdvs
    const clearings: Clr[] = []
    for (const clrType of CLEARING_TYPES) {
      const { output } = await target.client.call('3203', { data: { clr_type: clrType, clr_way: '1', begndate: begin, enddate: end, setl_optins: admdvs } })
      clearings.push(output.clrinfo)
    }
    const { items, perDay } = storeMonth(this.events, days, target.training)
    const closed = this.closedDays(begin, end, target.training)

    const store = zero()
    const aid = { same_region: zero(), cross_region_in_province: zero(), cross_province: zero() }
    let aidKnown = true
    const elsewhere = new Map<string, Sums>()
    for (const i of items) {
      const p = i.platform
      if (!p) continue
      const sign = p.refund ? -1 : 1
      const add = (s: Sums) => {
        s.count += sign
        s.medical += sign * i.parts.medical
        s.fund += sign * i.parts.fund
        s.account += sign * i.parts.account
        s.mutualAid += sign * i.parts.mutualAid
        s.personCash += sign * i.parts.personCash
      }
      add(store)
      if (i.parts.mutualAid !== 0) {
        if (!i.payerRegion) aidKnown = false
        else
          add(aid[i.payerRegion === admdvs ? 'same_region' : i.payerRegion.slice(0, 2) === admdvs.slice(0, 2) ? 'cross_region_in_province' : 'cross_province'])
      }
      if (p.insuplcAdmdvs !== admdvs) {
        const s = elsewhere.get(p.insuplcAdmdvs) ?? zero()
        add(s)
        elsewhere.set(p.insuplcAdmdvs, s)
      }
    }

    const platform = zero()
    const pAid = { same_region: { cnt: 0, fen: 0 }, cross_region_in_province: { cnt: 0, fen: 0 }, cross_province: { cnt: 0, fen: 0 } }
    const pElsewhere = new Map<string, { cnt: number; fen: number }>()
    for (const c of clearings) {
      platform.count += c.totals.setl_cnt
      platform.medical += toFen(c.totals.medfee_sumamt)
      platform.fund += toFen(c.totals.fund_pay_sumamt)
      platform.account += toFen(c.totals.acct_pay)
      platform.mutualAid += toFen(c.totals.acct_mulaid_pay)
      platform.personCash += toFen(c.totals.psn_cash_pay)
      for (const k of ['same_region', 'cross_region_in_province', 'cross_province'] as const) {
        pAid[k].cnt += c.mulaid[k].cnt
        pAid[k].fen += toFen(c.mulaid[k].amount)
      }
      for (const r of c.by_insuplc) {
        const e = pElsewhere.get(r.insuplc_admdvs) ?? { cnt: 0, fen: 0 }
        e.cnt += r.setl_cnt
        e.fen += toFen(r.medfee_sumamt)
        pElsewhere.set(r.insuplc_admdvs, e)
      }
    }

    const line = (key: string, label: string, s: { count: number | null; fen: number } | null, p: { count: number | null; fen: number }) => ({
      key,
      label,
      store: s ? { count: s.count, amount: yuanText(s.fen) } : null,
      platform: { count: p.count, amount: yuanText(p.fen) },
      agrees: s ? s.fen === p.fen && (s.count === null || p.count === null || s.count === p.count) : null,
    })
    const aidLine = (k: keyof typeof aid, label: string) =>
      line(`mutualAid.${k}`, label, aidKnown ? { count: aid[k].count, fen: aid[k].mutualAid } : null, { count: pAid[k].cnt, fen: pAid[k].fen })
    const provinces = new Set([...elsewhere.keys(), ...pElsewhere.keys()].filter((r) => r.slice(0, 2) !== admdvs.slice(0, 2)))
    const crossStore = { count: 0, fen: 0 }
    const crossPlatform = { count: 0, fen: 0 }
    for (const r of provinces) {
      crossStore.count += elsewhere.get(r)?.count ?? 0
      crossStore.fen += elsewhere.get(r)?.medical ?? 0
      crossPlatform.count += pElsewhere.get(r)?.cnt ?? 0
      crossPlatform.fen += pElsewhere.get(r)?.fen ?? 0
    }
    const lines = [
      line('medical', '医疗费总额', { count: store.count, fen: store.medical }, { count: platform.count, fen: platform.medical }),
      line('fund', '统筹基金支付', { count: null, fen: store.fund }, { count: null, fen: platform.fund }),
      line('account', '个人账户支付', { count: null, fen: store.account }, { count: null, fen: platform.account }),
      line('mutualAid', '共济账户支付（合计）', { count: null, fen: store.mutualAid }, { count: null, fen: platform.mutualAid }),
      aidLine('same_region', '其中：本统筹区共济'),
      aidLine('cross_region_in_province', '其中：省内跨统筹区共济'),
      aidLine('cross_province', '其中：跨省共济'),
      line('personCash', '个人现金支付', { count: null, fen: store.personCash }, { count: null, fen: platform.personCash }),
      line('crossProvince', '跨省异地就医结算', crossStore, crossPlatform),
      ...[...new Set([...elsewhere.keys(), ...pElsewhere.keys()])]
        .sort()
        .map((r) =>
          line(
            `insuplc.${r}`,
            `其中：参保地 ${r}`,
            { count: elsewhere.get(r)?.count ?? 0, fen: elsewhere.get(r)?.medical ?? 0 },
            { count: pElsewhere.get(r)?.cnt ?? 0, fen: pElsewhere.get(r)?.fen ?? 0 },
          ),
        ),
    ]
    return {
      month,
      training: target.training,
      begin,
      end,
      clearingId: clearings.map((c) => c.clr_appy_evt_id).join(','),
      store: view(store),
      platform: view(platform),
      lines,
      days: perDay.map((d) => ({ day: d.day, count: d.count, medical: yuanText(d.medical), closed: closed.has(d.day) })),
    }
  }
}
