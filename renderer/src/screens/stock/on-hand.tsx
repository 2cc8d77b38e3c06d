import { useEffect, useState } from 'react'
import type { OnHand } from '../../../../shared/contract/stock/schemas'
import { pos } from '../../api/pos'
import { qtyText } from './LotTable'
import { useStockMessages } from './messages'

/**
 * The stock of the items a search shows, asked once per list of hits and again whenever stock moves.
 * Items whose stock is not managed are absent: the search shows the catalog's imported number for them.
 */
export function useOnHand(storeCodes: readonly string[]): ReadonlyMap<string, OnHand> {
  const [onHand, setOnHand] = useState<ReadonlyMap<string, OnHand>>(new Map())
  const key = storeCodes.join('\u0001')
  useEffect(() => {
    let current = true
    const codes = key ? key.split('\u0001') : []
    const ask = () => {
      if (!codes.length) return setOnHand(new Map())
      pos.stockOnHand({ storeCodes: codes }).then(
        (rows) => current && setOnHand(new Map(rows.map((r) => [r.storeCode.toUpperCase(), r]))),
        // Without the stock (a role that may not read it, a closed core) the search still works.
        () => current && setOnHand(new Map()),
      )
    }
    ask()
    const off = pos.on('stockChanged', ({ storeCodes: moved }) => {
      if (moved.some((c) => codes.some((k) => k.toUpperCase() === c.toUpperCase()))) ask()
    })
    return () => {
      current = false
      off()
    }
  }, [key])
  return onHand
}

/** "库存 3 盒 4 粒" (managed stock, with expired units called out) or the catalog's imported number. */
export function OnHandText({ storeCode, imported, onHand }: { storeCode: string; imported: number; onHand: ReadonlyMap<string, OnHand> }) {
  const m = useStockMessages()
  const s = onHand.get(storeCode.toUpperCase())
  if (!s) return <span data-on-hand="imported">{m('importedStock', { n: imported })}</span>
  return (
    <span data-on-hand={s.sellableUnits} className={s.sellableUnits <= 0 ? 'tag tag-warn' : undefined}>
      {m('stockShort', { qty: qtyText(m, s.sellableUnits, s.packSize, s.minUnit) })}
      {s.expiredUnits > 0 ? ` · ${m('expiredShort', { qty: qtyText(m, s.expiredUnits, s.packSize, s.minUnit) })}` : ''}
    </span>
  )
}
