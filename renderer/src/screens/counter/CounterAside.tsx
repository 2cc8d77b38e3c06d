import type { Ref } from 'react'
import type { MemberView } from '../../../../shared/contract/sale/schemas'
import { DeviceStatus } from '../../components/DeviceStatus'
import type { CartLine } from './cart'
import { CartTotals } from './CartTable'
import { MemberPanel } from './MemberPanel'
import { ageText, useOfflineMessages } from './offline-messages'
import { OfflineQuotePanel, OfflineSalePanel } from './OfflinePanel'
import { PaidStrip, PayStrip } from './PayStrip'
import type { Phase } from './phase'
import { SettlePanel } from './SettlePanel'
import { TrainingCodes } from './TrainingCodes'

/**
 * The counter's right column: devices, the customer, the totals or the split (these scroll), and at its
 * foot the pay strip, which never does.
 */
export function CounterAside({
  phase,
  member,
  acctUsed,
  mulaidId,
  snapshotSeenAt,
  lines,
  practice,
  pay,
}: {
  phase: Phase
  member?: MemberView
  acctUsed: boolean
  mulaidId?: string
  snapshotSeenAt?: string
  lines: CartLine[]
  /** Training mode, while not paying: a practice code clicked is a code scanned. */
  practice?: (qrCode: string) => void
  pay: { cashDue: string; tendered: string; onTendered: (v: string) => void; onEnter: () => void; busy: boolean; tenderRef: Ref<HTMLInputElement> }
}) {
  const om = useOfflineMessages()
  const sale = phase.kind === 'cart' ? undefined : phase.sale
  const paying = phase.kind === 'review' || phase.kind === 'offline'
  return (
    <aside className="counter-right">
      <div className="counter-right-scroll">
        <DeviceStatus />
        <MemberPanel member={member} acctUsed={acctUsed} mulaidId={mulaidId} settled={phase.kind === 'done' ? phase.sale : undefined} />
        {member && snapshotSeenAt && (
          <p className="notice notice-warn" data-testid="member-snapshot">
            {om('snapshot', { age: ageText(om, snapshotSeenAt) })}
          </p>
        )}
        {phase.kind === 'offline' && <OfflineQuotePanel quote={phase.quote} mode={phase.mode} />}
        {phase.kind === 'offlineDone' && <OfflineSalePanel view={phase.view} />}
        {phase.kind === 'offlineDone' && phase.sale.receiptJobId !== null && <p>{om('receiptQueued', { id: phase.sale.receiptJobId })}</p>}
        {phase.kind === 'cart' && <CartTotals lines={lines} hasMember={Boolean(member)} />}
        {sale && sale.split && phase.kind !== 'offline' && phase.kind !== 'offlineDone' && <SettlePanel sale={sale} />}
        {practice && <TrainingCodes onScan={practice} />}
      </div>
      {paying && <PayStrip {...pay} refundedCash={phase.kind === 'review' ? phase.refundedCash : undefined} />}
      {phase.kind === 'done' && <PaidStrip sale={phase.sale} />}
    </aside>
  )
}
