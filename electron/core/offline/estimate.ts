import { fromFen, toFen, yuan } from '../../../shared/money/money'
import { calculateSettlement, type CalcLine, type CalcResult } from '../../../shared/settlement'
import type { CatalogItem } from '../../../shared/catalog/schemas'
import type { LineRow, SaleRow } from '../ledger'
import type { MemberSnapshot } from './snapshots'
import type { StoredPolicy } from './policies'

export interface Estimate {
  medical: string
  fund: string
  account: string
  mutualAid: string
  personCash: string
  goods: string
  /** What the customer hands over in advance mode: the estimated cash part plus goods. */
  cashDue: string
  quotaLeft: string | null
  /** The region whose policy was used, or null when none was known (no fund share estimated). */
  policyRegion: string | null
  policySource: 'training' | 'manager' | null
  snapshotSeenAt: string
  /** The calculator's full answer, kept with the queued sale for the manager's review. */
  calc: CalcResult
}

/**
 * Store mode: what the store's other counters promised this person offline (`store`: the store node answered),
 * or, when it did not, the counter's fixed share of the person's balances (`share`: ÷ the counters registered),
 * so that together the counters can never promise more than the snapshot holds.
 */
export type StorePromises = { scope: 'store'; acctFen: number; quotaFen: number; counters: number } | { scope: 'share'; counters: number }

export interface EstimateInput {
  sale: SaleRow
  lines: LineRow[]
  item: (storeCode: string) => CatalogItem | null
  snapshot: { snapshot: MemberSnapshot; seenAt: string }
  policy: StoredPolicy | null
  /** Account and quota already promised to this person's earlier sales still in the queue. */
  pending: { accountFen: number; quotaFen: number }
  /** Store mode: the other counters' promises, or this counter's share; absent on a standalone counter. */
  store?: StorePromises | null
}

/** The balance this counter may promise from: the snapshot's, less the other counters' promises or cut to its share. */
function promisable(fen: number, store: StorePromises | null | undefined, elsewhere: (s: { acctFen: number; quotaFen: number }) => number): number {
  if (!store) return fen
  return store.scope === 'store' ? fen - elsewhere(store) : Math.floor(fen / store.counters)
}

const NO_FUND_POLICY = (admdvs: string) => ({ admdvs, pharmacy_outpatient_pooling: false, account_pays_class_c: false, rules: [] })

/**
 * The offline estimate, with the very calculator the platform settles with (shared/settlement). What the
 * client cannot know it takes on the store's safe side: no year-to-date use means the whole deductible
 * still applies; balances are the snapshot's less what this person's queued sales already promised.
 */
export function estimateSale(input: EstimateInput): Estimate {
  const { sale, snapshot } = input
  const view = snapshot.snapshot.view
  const insured = input.lines.filter((l) => l.insured === 1)
  const calcLines: CalcLine[] = insured.map((l) => {
    const item = input.item(l.store_code)
    return {
      feedetl_sn: `${sale.id.slice(0, 8)}-${l.seq}`,
      det_item_fee_sumamt: fromFen(l.amount_fen),
      cnt: l.qty,
      pric: l.price,
      catalog:
        item && item.chrgitmLv
          ? {
              chrgitm_lv: item.chrgitmLv,
              selfpay_prop: item.selfpayProp ?? '0',
              pric_uplmt_amt: item.priceCap,
              list_type: item.listType ?? '101',
              rx_flag: item.rxFlag ? '1' : '0',
            }
          : null,
    }
  })
  const quota = sale.mulaid_id ? view.quotas.find((q) => q.mulaidId === sale.mulaid_id) : undefined
  const acct = promisable(toFen(yuan(view.accountBalance)), input.store, (s) => s.acctFen) - input.pending.accountFen
  const quotaLeft = quota ? promisable(toFen(yuan(quota.remaining)), input.store, (s) => s.quotaFen) - input.pending.quotaFen : null
  const calc = calculateSettlement({
    med_type: sale.med_type,
    person: { insutype: sale.insutype ?? view.insutype, psn_type: sale.psn_type ?? view.psnType },
    policy: input.policy?.policy ?? NO_FUND_POLICY(sale.insuplc_admdvs ?? view.insuplcAdmdvs),
    accumulators: {},
    lines: calcLines,
    has_prescription: Boolean(sale.rxno),
    acct_used_flag: sale.acct_used === 1,
    acct_balance: fromFen(Math.max(0, acct)),
    quota_balance: quotaLeft === null ? null : fromFen(Math.max(0, quotaLeft)),
    goods_amounts: [fromFen(sale.goods_fen)],
  })
  return {
    medical: calc.medfee_sumamt,
    fund: calc.fund_pay_sumamt,
    account: calc.acct_pay,
    mutualAid: calc.acct_mulaid_pay,
    personCash: calc.psn_cash_pay,
    goods: calc.goods_cash,
    cashDue: calc.customer_cash_total,
    quotaLeft: calc.quota_balc,
    policyRegion: input.policy?.policy.admdvs ?? null,
    policySource: input.policy?.source ?? null,
    snapshotSeenAt: snapshot.seenAt,
    calc,
  }
}
