import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { yuan } from '../../../../shared/money/money'
import { useCounterMessages } from './messages'

/** The split line by line before anything is charged, then what was settled, paid and handed back. */
export function SettlePanel({ sale }: { sale: SaleView }) {
  const m = useCounterMessages()
  const s = sale.split
  if (!s) return null
  const settled = sale.state === 'settled'
  const parts = (
    [
      [m('overLimit'), s.overLimit],
      [m('preSelfPay'), s.preSelfPay],
      [m('fullOwnPay'), s.fullOwnPay],
    ] as const
  ).filter(([, v]) => yuan(v).gt(0))
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
        {/* 应收现金 is in the pay strip beneath, which never scrolls away. */}
        {settled && s.quotaLeft !== null && sale.mulaidId && row(m('quotaLeft'), s.quotaLeft, 'quota-left')}
        {settled && s.accountBalance !== null && sale.acctUsed && row(m('balanceAfter'), s.accountBalance)}
      </dl>
      {/* Parts of the personal share, not payers: among the rows they would be added up twice (B22). */}
      {parts.length > 0 && (
        <p className="muted small" data-testid="person-parts">
          {m('personIncludes')}
          {parts.map(([label, value]) => `${label} ¥${value}`).join(' · ')}
        </p>
      )}
    </section>
  )
}
