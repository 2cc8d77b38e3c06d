import { useEffect, useState } from 'react'
import type { z } from 'zod'
import type { CounterDayStatusSchema } from '../../../../shared/contract/shift/schemas'
import { pos } from '../../api/pos'
import { cstTime } from '../../i18n/beijing-time'
import { useShiftMessages } from './shift-messages'

type Status = z.infer<typeof CounterDayStatusSchema>

/**
 * The counter's shift and day at a glance: which shift is open, and a warning once the day is closed
 * (a sale now goes to a supplementary Z, counter review B2). Asked again when a shift or the day changes.
 */
export function ShiftBanner({ tick }: { tick: string }) {
  const s = useShiftMessages()
  const [status, setStatus] = useState<Status>()
  useEffect(() => {
    const load = () => void pos.counterDayStatus({}).then(setStatus, () => setStatus(undefined))
    load()
    const offs = [pos.on('shiftChanged', load), pos.on('managerDayChanged', load)]
    return () => offs.forEach((off) => off())
  }, [tick])
  if (!status) return null
  return (
    <>
      {status.closed && (
        <div className="notice notice-warn" role="status" data-testid="day-closed">
          {s('dayClosed', { day: status.day, late: status.late })}
        </div>
      )}
      {!status.shift && status.requireOpenShift && (
        <div className="notice notice-warn" role="status" data-testid="shift-required">
          {s('mustOpen')}
        </div>
      )}
      <p className="muted small" data-testid="shift-status">
        {status.shift
          ? s('shiftLine', { no: status.shift.no, cashier: status.shift.cashier, at: cstTime(status.shift.openedAt), opening: status.shift.opening })
          : s('noShift')}
      </p>
    </>
  )
}
