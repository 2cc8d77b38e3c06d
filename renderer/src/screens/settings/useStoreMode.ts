import { useEffect, useState } from 'react'
import { pos } from '../../api/pos'

/**
 * Whether this counter is paired with a store node (store mode): its master data is then the store's and
 * read-only here (the core refuses a local edit with MASTER_DATA_READ_ONLY; the screens say so first).
 * Until the answer comes, or when it cannot be asked, the screen stays editable and the core decides.
 */
export function useStoreMode(): boolean {
  const [paired, setPaired] = useState(false)
  useEffect(() => {
    let live = true
    pos.syncStatus({}).then(
      (s) => live && setPaired(s.paired),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  return paired
}
