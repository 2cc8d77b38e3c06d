import { useEffect, useState } from 'react'

/**
 * `value` once it has stood for `ms`, and gone at once when it changes: a busy line for a call that
 * usually answers in a few milliseconds would only flicker, and push what is below it down and back up.
 */
export function useShownAfter<T>(value: T | undefined, ms: number): T | undefined {
  const [since, setSince] = useState(value)
  const [shown, setShown] = useState(false)
  if (since !== value) {
    setSince(value)
    setShown(false)
  }
  useEffect(() => {
    if (value === undefined) return
    const timer = window.setTimeout(() => setShown(true), ms)
    return () => window.clearTimeout(timer)
  }, [value, ms])
  return shown ? value : undefined
}
