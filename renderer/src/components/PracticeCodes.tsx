import { useEffect, useState } from 'react'

export interface PracticeCode {
  key: string
  nameMasked: string
  story: string
  qrCode: string
}

/**
 * Training mode: the demo people's practice insurance QR codes, so a trainee can run real sales and
 * visits. Clicking a name is the same as scanning its code. The list renders nothing until codes come.
 */
export function PracticeCodes({
  load,
  onScan,
  title,
  hint,
  className,
  keyAttribute,
  story = (c) => c.story,
}: {
  /** Must be stable (defined outside the component): a new one reloads the list. */
  load: () => Promise<PracticeCode[]>
  onScan: (qrCode: string) => void
  title: string
  hint: string
  className: string
  /** The attribute that names the demo person on each button, for tests and trainers' scripts. */
  keyAttribute: 'data-member' | 'data-patient'
  /** The words of a person's story; the core's Chinese unless the screen words it in its language. */
  story?: (code: PracticeCode) => string
}) {
  const [codes, setCodes] = useState<PracticeCode[]>([])
  // Each code is good once and for a few minutes, like a real one: a fresh set after every use.
  const [round, setRound] = useState(0)
  useEffect(() => {
    load().then(setCodes, () => setCodes([]))
  }, [load, round])
  if (!codes.length) return null
  return (
    <section className={className} aria-label={title}>
      <h3>{title}</h3>
      <p className="muted small">{hint}</p>
      <ul>
        {codes.map((c) => (
          <li key={c.key}>
            <button
              type="button"
              tabIndex={-1}
              data-qr={c.qrCode}
              {...{ [keyAttribute]: c.key }}
              onClick={() => {
                onScan(c.qrCode)
                setRound(round + 1)
              }}
            >
              <span translate="no">{c.nameMasked}</span>
            </button>{' '}
            <small>{story(c)}</small>
          </li>
        ))}
      </ul>
    </section>
  )
}
