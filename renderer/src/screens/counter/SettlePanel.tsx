import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { useCounterMessages } from './messages'

/** The split line by line before anything is charged, then what was settled, paid and handed back. */
export function SettlePanel({ sale }: { sale: SaleView }) {
  const m = useCounterMessages()
  const s = sale.split
  if (!s) return null
  const settled = sale.state === 'settled'
  const row = (label: string, value: string, testid?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid}>¥{value}</dd>
    </div>
  )
  return (
    <section className="panel split" aria-label={settled ? m('splitSettled') : m('splitTitle')}>
      <h3>{settled ? m('splitSettled') : m('splitTitle')}</h3>
      <dl className="totals">
        {row(m('total'), sale.total, 'sale-total')}
        {row(m('fund'), s.fund, 'split-fund')}
        {row(m('account'), s.account, 'split-account')}
        {row(m('mutualAid'), s.mutualAid, 'split-mutual-aid')}
        {row(m('personCash'), s.personCash)}
        {row(m('goodsCash'), s.goods)}
        {yuan(s.overLimit).gt(0) && row(m('overLimit'), s.overLimit)}
        {yuan(s.preSelfPay).gt(0) && row(m('preSelfPay'), s.preSelfPay)}
        {yuan(s.fullOwnPay).gt(0) && row(m('fullOwnPay'), s.fullOwnPay)}
        {/* 应收现金 is in the pay strip beneath, which never scrolls away. */}
        {settled && s.quotaLeft !== null && sale.mulaidId && row(m('quotaLeft'), s.quotaLeft, 'quota-left')}
        {settled && s.accountBalance !== null && sale.acctUsed && row(m('balanceAfter'), s.accountBalance)}
      </dl>
    </section>
  )
}
