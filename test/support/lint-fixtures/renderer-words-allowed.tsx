// lint as: renderer/src/screens/stock/Example.tsx
// The words come from the folder's messages.ts; Chinese may stand in comments (批次库存), and other literals stay.
import { useStockMessages } from './messages'

export function Example({ n }: { n: number }) {
  const m = useStockMessages()
  /* 近效期：按周 */
  return (
    <section className="stock-example" title={m('tabLots')}>
      {/* 标题 */}
      <h2>{m('tabLots')}</h2>
      <p>{`${m('chartLots', { n })} · ${n > 1 ? 'many' : 'one'}`}</p>
    </section>
  )
}
