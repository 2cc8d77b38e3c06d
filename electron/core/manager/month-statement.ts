import { PosError } from '../../../shared/contract'
import type { MonthStatement } from '../../../shared/contract/manager/schemas'
import { toFen } from '../../../shared/money/money'
import type { TransactionOutput } from '../../../shared/nhsa'
import { todayOf, type ManagerDeps } from './context'
import type { DayEvents } from './day-events'
import { yuanText } from './totals'
import { daysBetween, monthSide, zeroSums, type MonthSide, type MonthSums } from '../../../shared/recon/month-side'

type Clr = TransactionOutput<'3203'>['clrinfo']
const CLEARING_TYPES = ['41', '11'] as const

export function monthDays(month: string, today: string): { begin: string; end: string; days: string[] } {
  const begin = `${month}-01`
  if (begin > today) throw new PosError('DAY_IN_FUTURE', { month })
  const [y, m] = month.split('-').map(Number)
  const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
  const end = last < today ? last : today
  return { begin, end, days: daysBetween(begin, end) }
}

const view = (s: MonthSums) => ({
  count: s.count,
  medical: yuanText(s.medical),
  fund: yuanText(s.fund),
  account: yuanText(s.account),
  mutualAid: yuanText(s.mutualAid),
  personCash: yuanText(s.personCash),
})

/** This counter's own month, from the same day items the daily figures and reconciliation use. */
export function counterMonth(events: DayEvents, days: string[], training: boolean, admdvs: string): MonthSide {
  return monthSide(
    days.map((day) => ({
      day,
      items: events
        .items(day, training)
        .flatMap((i) => (i.platform ? [{ refund: i.platform.refund, parts: i.parts, payerRegion: i.payerRegion, insuplc: i.platform.insuplcAdmdvs }] : [])),
    })),
    admdvs,
  )
}

/** Where a month's store side comes from: this counter's own items, or (store mode) every counter's at the store node. */
export type MonthSource = (month: { begin: string; end: string; days: string[] }, training: boolean) => Promise<{ side: MonthSide; closed: Set<string> }>

/**
 * The monthly clearing statement (3203) beside the store's own totals. Mutual aid is split by where the
 * paying relative is insured; the store can say that only for sales that recorded the payer's region,
 * so where it cannot, its side of those lines is left empty rather than guessed.
 */
export class MonthStatements {
  constructor(private readonly deps: ManagerDeps) {}

  async statement(month: string, source: MonthSource): Promise<MonthStatement> {
    const span = monthDays(month, todayOf(this.deps))
    const { begin, end } = span
    const target = await this.deps.platform.background()
    const admdvs = this.deps.settings().admdvs
    const clearings: Clr[] = []
    for (const clrType of CLEARING_TYPES) {
      const { output } = await target.client.call('3203', { data: { clr_type: clrType, clr_way: '1', begndate: begin, enddate: end, setl_optins: admdvs } })
      clearings.push(output.clrinfo)
    }
    const { side, closed } = await source(span, target.training)
    const store = side.store
    const elsewhere = new Map(side.elsewhere.map((e) => [e.admdvs, e.sums]))
    const platform = zeroSums()
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
    const aidLine = (k: keyof typeof pAid, label: string) =>
      line(`mutualAid.${k}`, label, side.aid ? { count: side.aid[k].count, fen: side.aid[k].mutualAid } : null, { count: pAid[k].cnt, fen: pAid[k].fen })
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
      days: side.perDay.map((d) => ({ day: d.day, count: d.count, medical: yuanText(d.medical), closed: closed.has(d.day) })),
    }
  }
}
