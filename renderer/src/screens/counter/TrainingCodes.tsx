import { pos } from '../../api/pos'
import { PracticeCodes } from '../../components/PracticeCodes'
import { useCounterMessages } from './messages'

const loadMembers = () => pos.trainingMembers({})

/** Training mode: practice insurance QR codes of the demo people, so a new cashier can run real sales. */
export function TrainingCodes({ onScan }: { onScan: (qrCode: string) => void }) {
  const m = useCounterMessages()
  return <PracticeCodes load={loadMembers} onScan={onScan} title={m('trainingTitle')} hint={m('trainingHint')} className="panel training-codes" keyAttribute="data-member" />
}
