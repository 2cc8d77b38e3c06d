import { useEffect, useState } from 'react'
import type { ConnectivityStatus } from '../../../../shared/contract/offline/schemas'
import type { JournalStatus } from '../../../../shared/contract/sale/schemas'
import { pos } from '../../api/pos'

/** What the counter follows from outside the sale: the platform line (online/offline) and start-up recovery. */
export function useCounterLinks() {
  const [line, setLine] = useState<ConnectivityStatus['state']>('online')
  const [journal, setJournal] = useState<JournalStatus>()
  useEffect(() => {
    pos.journalStatus({}).then(setJournal, () => undefined)
    return pos.on('journalStatus', setJournal)
  }, [])
  useEffect(() => {
    pos.connectivityStatus({}).then(
      (c) => setLine(c.state),
      () => undefined,
    )
    return pos.on('connectivity', (c) => setLine(c.state))
  }, [])
  return { line, journal }
}
