import type { StoreOpenShift } from '../../../shared/contract/sync/store-day'
import { terminalName } from './watermarks'

/** "T01 一号收银台 收银员 C001（第 3 班，2026-12-05 08:02 UTC 开班）" for each, as the refusal names them. */
export function openShiftWords(shifts: readonly StoreOpenShift[]): string {
  return shifts.map((s) => `${terminalName(s.terminalNo, s.label)} 收银员 ${s.cashier}（第 ${s.shiftNo} 班，${cstText(s.openedAt)} 开班）`).join('；')
}

const cstText = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
