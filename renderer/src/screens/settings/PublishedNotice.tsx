import { cstTime } from '../../i18n/beijing-time'
import { useStoreModeMessages } from './messages'
import type { Published } from './useStoreMode'

/** A change published to the store node: its seq, then when this counter applied it (or why its pull stopped). */
export function PublishedNotice({ published }: { published: Published | undefined }) {
  const m = useStoreModeMessages()
  if (!published) return null
  const { seq, applied } = published
  const here = applied.cursor >= seq
  return (
    <div
      className="notice notice-ok"
      role="status"
      data-testid="master-published"
      data-seq={seq}
      data-applied={here ? 'yes' : 'no'}
      style={{ flexDirection: 'column' }}
    >
      <span>{m('published', { seq })}</span>
      <span>
        {here && applied.pulledAt
          ? m('appliedHere', { time: cstTime(applied.pulledAt) })
          : applied.lastError
            ? m('pullStopped', { why: applied.lastError })
            : m('applyingHere')}
      </span>
    </div>
  )
}
