import type { CatalogItem } from '../../../../shared/catalog/schemas'
import { yuan } from '../../../../shared/money/money'
import { useCodeWords } from '../../i18n/codes'
import { useCounterMessages } from './messages'

/** Class (甲/乙/丙 with self-pay share), price cap, prescription flag and kind: shown on every line. */
export function ItemFacts({ item }: { item: CatalogItem }) {
  const m = useCounterMessages()
  const w = useCodeWords()
  return (
    <span className="facts-inline">
      {item.kind === 'goods' ? (
        <span className="tag">{m('goods')}</span>
      ) : item.classLabel ? (
        <span className={`tag tag-class-${item.classLabel}`} title={item.nationalCode ?? ''}>
          {w.classLabel(item.classLabel)}
          {item.selfpayProp && yuan(item.selfpayProp).gt(0) && yuan(item.selfpayProp).lt(1)
            ? ` ${m('selfpay', { p: yuan(item.selfpayProp).times(100).toFixed(0) })}`
            : ''}
        </span>
      ) : (
        <span className="tag tag-warn">{m('cashOnly')}</span>
      )}
      {item.rxFlag && <span className="tag tag-rx">{m('rx')}</span>}
      {item.priceCap && <span className="tag">{m('cap', { cap: item.priceCap })}</span>}
    </span>
  )
}
