import { useEffect, useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'
import { useCounterMessages } from './messages'

/** Training mode: practice insurance QR codes of the demo people, so a new cashier can run real sales. */
export function TrainingCodes({ onScan }: { onScan: (qrCode: string) => void }) {
  const m = useCounterMessages()
  const [codes, setCodes] = useState<CallOutput<'trainingMembers'>>([])
  // Each code is good once and for a few minutes, like a real one: a fresh set after every use.
  const [round, setRound] = useState(0)
  useEffect(() => {
    pos.trainingMembers({}).then(setCodes, () => setCodes([]))
  }, [round])
  if (!codes.length) return null
  return (
    <section className="panel training-codes" aria-label={m('trainingTitle')}>
      <h3>{m('trainingTitle')}</h3>
      <p className="muted small">{m('trainingHint')}</p>
      <ul>
        {codes.map((c) => (
          <li key={c.key}>
            <button type="button" tabIndex={-1} onClick={() => {
                onScan(c.qrCode)
                setRound(round + 1)
              }} data-qr={c.qrCode} data-member={c.key}>
              {c.nameMasked}
            </button>{' '}
            <small>{c.story}</small>
          </li>
        ))}
      </ul>
    </section>
  )
}
