import { PosError } from '../../../shared/contract'
import type { StoreSaleFound } from '../../../shared/contract/sale/across'
import type { StoreSale, StoreSaleQuery } from '../../../shared/contract/sync/across'
import { fromFen } from '../../../shared/money/money'
import type { Logger } from '../transport'
import type { AcrossCounters } from '../sync'

/** The screen's query in the store node's words. */
export function storeSaleQuery(q: { saleId: string } | { setlId: string } | { day: string; psnNo: string }): StoreSaleQuery {
  if ('saleId' in q) return { sale_id: q.saleId }
  if ('setlId' in q) return { setl_id: q.setlId }
  return { day: q.day, psn_no: q.psnNo }
}

/** Another counter's synced sale as the refund search lists it. */
export function storeSaleFound(s: StoreSale): StoreSaleFound {
  const r = s.sale
  return {
    saleId: s.sale_id,
    terminalNo: s.terminal_no,
    terminalLabel: s.terminal_label,
    createdAt: String(r.created_at),
    state: String(r.state),
    cashier: String(r.cashier),
    memberNameMasked: typeof r.name_masked === 'string' ? r.name_masked : null,
    total: fromFen(Number(r.medfee_fen) + Number(r.goods_fen)).toFixed(2),
    insured: typeof r.setl_id === 'string',
    lines: s.lines.length,
    refunded: s.refunded,
  }
}

/**
 * Box codes sold at another counter of the store are refused like one sold here, before anything is written.
 * This counter's own sales are its own record's to judge (it is newer than what it has pushed). Answers how
 * far the check reached, or nothing on a standalone counter.
 */
export async function checkTraceCodesInStore(
  across: AcrossCounters,
  ownTerminalNo: () => number | null,
  codes: string[],
  log: Logger,
): Promise<'store' | 'counter' | undefined> {
  const mine = ownTerminalNo()
  if (!codes.length || mine === null) return undefined
  const { store, sold } = await across.soldInStore(codes)
  if (!store) {
    log({ level: 'warn', msg: 'store node unreachable: box codes checked against this counter only', code: 'SYNC_STORE_UNREACHABLE' })
    return 'counter'
  }
  const other = sold.find((s) => s.terminal_no !== mine)
  if (other) {
    throw new PosError('TRACE_CODE_SOLD', { code: other.code, terminal: String(other.terminal_no).padStart(2, '0'), saleId: other.sale_id.slice(0, 8) })
  }
  return 'store'
}
