import type { SaleView } from '../../../../shared/contract/sale/schemas'
import { cartTotals, isInsured, lineAmount, lineDiscount, tracesNeeded, type CartLine } from './cart'
import { splitUnitPrice } from '../../../../shared/stock/split-pack'
import { LotHint } from '../stock/LotHint'
import { ItemFacts } from './ItemFacts'
import { useCodeWords } from '../../i18n/codes'
import { useCounterMessages } from './messages'

/** The cart while it is built; once a sale is open, the core's priced lines (with the platform's answer). */
export function CartTable({
  lines,
  selected,
  hasMember,
  sale,
  onLot,
}: {
  lines: CartLine[]
  selected: number
  hasMember: boolean
  sale?: SaleView
  /** While the cart is built: the cashier confirms or picks the lot of a line (stock/LotHint). */
  onLot?: (index: number, lotId: string | undefined) => void
}) {
  const m = useCounterMessages()
  const w = useCodeWords()
  if (!lines.length) return <p className="cart-empty muted">{m('cartEmpty')}</p>
  return (
    <table className="grid cart" aria-label={m('cartTitle')}>
      <thead>
        <tr>
          <th>#</th>
          <th>{m('colName')}</th>
          <th className="num">{m('colQty')}</th>
          <th className="num">{m('colPrice')}</th>
          <th className="num">{m('colAmount')}</th>
          <th>{m('colTrace')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const need = tracesNeeded(l, hasMember)
          const priced = sale?.lines[i]
          const insured = priced ? priced.insured : isInsured(l, hasMember)
          return (
            <tr key={l.item.storeCode} aria-selected={i === selected} className={i === selected ? 'selected' : undefined} data-store-code={l.item.storeCode}>
              <td>{i + 1}</td>
              <td>
                <div className="line-name">
                  <span translate="no">
                    {l.item.name} <small className="muted">{l.item.spec}</small>
                  </span>
                </div>
                <div className="line-facts">
                  <span className={`tag ${insured ? 'tag-ok' : 'tag-warn'}`}>{insured ? m('insured') : m('cashOnly')}</span>
                  <ItemFacts item={l.item} />
                  {priced?.platform && yuan0(priced.platform.overLimit) && (
                    <span className="tag tag-warn">
                      {m('overLimit')} ¥{priced.platform.overLimit}
                    </span>
                  )}
                </div>
                {!sale && (
                  <LotHint
                    line={{ storeCode: l.item.storeCode, qty: l.qty, by: l.split ? 'unit' : 'pack', traceCodes: l.traceCodes, lotId: l.lotId }}
                    onChoose={onLot && ((lotId) => onLot(i, lotId))}
                  />
                )}
              </td>
              <td className="num">
                {l.qty} {l.split ? l.split.minUnit : w.unit(l.item.unit)}
                {l.split && (
                  <small className="tag" data-testid="split-tag">
                    {m('splitTag')}
                  </small>
                )}
              </td>
              <td className="num">{l.split ? splitUnitPrice(l.item.price, l.split.packSize) : l.item.price}</td>
              <td className="num">
                {priced ? priced.amount : lineAmount(l).toFixed(2)}
                {(priced ? yuan0(priced.discount) : Boolean(l.discount)) && (
                  <small className="tag" data-testid="discount-tag">
                    {m('discountTag', { amount: priced ? priced.discount : lineDiscount(l).toFixed(2) })}
                  </small>
                )}
              </td>
              <td className={need > l.traceCodes.length ? 'trace-missing' : undefined}>
                {need > 0 || l.traceCodes.length > 0 ? m('traceNeeded', { n: l.traceCodes.length, need: Math.max(need, l.traceCodes.length) }) : '—'}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

const yuan0 = (amount: string) => amount !== '0.00'

export function CartTotals({ lines, hasMember }: { lines: CartLine[]; hasMember: boolean }) {
  const m = useCounterMessages()
  const t = cartTotals(lines, hasMember)
  return (
    <dl className="totals">
      <div className="total-big">
        <dt>{m('total')}</dt>
        <dd data-testid="cart-total">¥{t.total}</dd>
      </div>
      <div>
        <dt>{m('insuredSubtotal')}</dt>
        <dd>¥{t.insured}</dd>
      </div>
      <div>
        <dt>{m('goodsSubtotal')}</dt>
        <dd>¥{t.other}</dd>
      </div>
    </dl>
  )
}

/** A sale opened elsewhere (a partial return's replacement): its lines as the core priced them. */
export function SaleLines({ sale }: { sale: SaleView }) {
  const m = useCounterMessages()
  return (
    <table className="grid cart" aria-label={m('cartTitle')}>
      <tbody>
        {sale.lines.map((l) => (
          <tr key={l.seq}>
            <td>{l.seq}</td>
            <td>
              <span translate="no">
                {l.name} <small className="muted">{l.spec}</small>
              </span>{' '}
              <span className={`tag ${l.insured ? 'tag-ok' : 'tag-warn'}`}>{l.insured ? m('insured') : m('cashOnly')}</span>
            </td>
            <td className="num">{l.qty}</td>
            <td className="num">{l.price}</td>
            <td className="num">{l.amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
