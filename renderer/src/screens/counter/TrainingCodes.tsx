import { pos } from '../../api/pos'
import { PracticeCodes, type PracticeCode } from '../../components/PracticeCodes'
import { useLocale } from '../../i18n'
import { useCounterMessages } from './messages'

const loadMembers = () => pos.trainingMembers({})

const STORIES = {
  wangFather: 'Retired resident; his daughter (employee in Suzhou) set him a mutual-aid quota',
  liRetired: 'Retired employee with a small own account; his son (Beijing) set him a quota',
  zhangHusband: 'Employee; he and his wife set each other quotas',
  liuWife: 'Employee; she and her husband set each other quotas',
  sunMother: 'Resident; the mutual-aid relationship ended when her son moved his insurance',
}

/** Training mode: practice insurance QR codes of the demo people, so a new cashier can run real sales. */
export function TrainingCodes({ onScan }: { onScan: (qrCode: string) => void }) {
  const m = useCounterMessages()
  const en = useLocale() === 'en'
  // The demo people's stories are the core's Chinese; in English the screen tells them itself.
  const story = (c: PracticeCode) => (en && c.key in STORIES ? STORIES[c.key as keyof typeof STORIES] : c.story)
  return (
    <PracticeCodes
      load={loadMembers}
      onScan={onScan}
      title={m('trainingTitle')}
      hint={m('trainingHint')}
      className="panel training-codes"
      keyAttribute="data-member"
      story={story}
    />
  )
}
