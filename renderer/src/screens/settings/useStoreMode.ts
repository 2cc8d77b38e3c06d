import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallInput, CallOutput } from '../../../../shared/contract'
import { pos } from '../../api/pos'

/**
 * How master data is changed on this counter:
 * - `local`: a standalone counter; the screens write here as always;
 * - `publish`: store mode (paired with a store node) and a manager: the same screens publish the change to the
 *   store node (`publishMasterData`), and every counter, this one included, applies it at its next pull;
 * - `read-only`: store mode seen by someone who may not publish (syncStatus is a manager's call).
 * Until the answer comes, or when the store node cannot be asked, the screen stays as on a standalone counter
 * and the core decides (it refuses a local edit in store mode with MASTER_DATA_READ_ONLY).
 */
export type MasterDataMode = 'local' | 'publish' | 'read-only'

export function useMasterDataMode(): MasterDataMode {
  const [mode, setMode] = useState<MasterDataMode>('local')
  useEffect(() => {
    let live = true
    pos.syncStatus({}).then(
      (s) => live && setMode(s.paired ? 'publish' : 'local'),
      (e: unknown) => live && (e as { code?: string }).code === 'FORBIDDEN_ROLE' && setMode('read-only'),
    )
    return () => {
      live = false
    }
  }, [])
  return mode
}

/** Whether this counter is paired with a store node (store mode), for the screens that only show it. */
export function useStoreMode(): boolean {
  return useMasterDataMode() !== 'local'
}

/** A change published from this counter: its seq in the store's log, and how far this counter has applied the log. */
export interface Published {
  seq: number
  applied: CallOutput<'masterDataStatus'>
}

/** How often a screen asks whether this counter's pull has passed the change it published (a catalog imports in the background). */
const APPLIED_POLL_MS = 1000

/**
 * Publishes one change and follows it until this counter has applied it (its pull after the publish): the
 * screen says it went to the store node with its seq, then when this counter took it, or why its pull stopped.
 */
export function usePublish(onApplied?: () => void): {
  published: Published | undefined
  publish: (input: CallInput<'publishMasterData'>) => Promise<Published>
} {
  const [published, setPublished] = useState<Published>()
  const applied = useRef(onApplied)
  useEffect(() => {
    applied.current = onApplied
  })
  const waiting = published !== undefined && published.applied.cursor < published.seq
  useEffect(() => {
    if (!waiting) return
    const timer = setInterval(() => {
      pos.masterDataStatus({}).then(
        (s) => setPublished((cur) => (cur ? { ...cur, applied: s } : cur)),
        () => undefined,
      )
    }, APPLIED_POLL_MS)
    return () => clearInterval(timer)
  }, [waiting])
  useEffect(() => {
    if (published && published.applied.cursor >= published.seq) applied.current?.()
  }, [published])
  const publish = useCallback(async (input: CallInput<'publishMasterData'>) => {
    const answer = await pos.publishMasterData(input)
    setPublished(answer)
    return answer
  }, [])
  return { published, publish }
}
