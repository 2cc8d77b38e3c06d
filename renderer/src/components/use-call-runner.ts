import { useCallback, useState } from 'react'
import { toShownError, type ShownError } from './ErrorNotice'

/**
 * One call at a time with what it is busy with and its refusal shown: the screens' runner, written once.
 * `clear` (a stable state setter) empties what a screen shows besides the error, a notice, when a new call begins.
 */
export function useCallRunner<K>(clear?: (nothing: undefined) => void) {
  const [busy, setBusy] = useState<K>()
  const [error, setError] = useState<ShownError>()
  const run = useCallback(
    async <T>(kind: K, work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(kind)
      setError(undefined)
      clear?.(undefined)
      try {
        return await work()
      } catch (e) {
        setError(toShownError(e))
        return undefined
      } finally {
        setBusy(undefined)
      }
    },
    [clear],
  )
  return { busy, error, setError, run }
}
