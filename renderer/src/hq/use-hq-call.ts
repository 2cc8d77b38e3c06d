import { useCallback, useContext, useState } from 'react'
import { HqCallError } from './api'
import { SessionLostContext } from './session-lost'

/**
 * A view's calls: `run` for what the user starts (busy while it runs), `failed`/`settled` for a load's answer
 * (an effect sets no state before its answer). A lost session goes back to sign-in.
 */
export function useHqCall() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const sessionLost = useContext(SessionLostContext)
  const failed = useCallback(
    (e: unknown) => {
      if (e instanceof HqCallError && e.code === 'UNAUTHORIZED') sessionLost()
      setError(e)
    },
    [sessionLost],
  )
  const settled = useCallback(() => setError(undefined), [])
  const run = useCallback(
    async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true)
      setError(undefined)
      try {
        return await fn()
      } catch (e) {
        failed(e)
        return undefined
      } finally {
        setBusy(false)
      }
    },
    [failed],
  )
  return { busy, error, run, failed, settled }
}
