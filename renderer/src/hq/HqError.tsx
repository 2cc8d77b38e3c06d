import { HqCallError } from './api'
import { useHqMessages } from './messages'
import { useLocale } from '../i18n'

const WORDED = ['UNAUTHORIZED', 'HQ_USER_LOCKED', 'HQ_FORBIDDEN', 'BAD_REQUEST', 'NETWORK', 'BAD_ANSWER'] as const
type Worded = (typeof WORDED)[number]

/**
 * A refusal in words: in Chinese the HQ node's own sentence (it names what was wrong: the lock's end, the field),
 * in English the code's words; the code beside it for support.
 */
export function HqError({ error }: { error: unknown }) {
  const m = useHqMessages()
  const locale = useLocale()
  if (!error) return null
  const e = error instanceof HqCallError ? error : new HqCallError('OTHER', String(error))
  const known = (WORDED as readonly string[]).includes(e.code) ? (e.code as Worded) : undefined
  const fromNode = e.code !== 'NETWORK' && e.code !== 'BAD_ANSWER' && e.code !== 'OTHER'
  const words = locale === 'zh-CN' && fromNode ? e.message : m(known ? `error_${known}` : 'error_OTHER')
  return (
    <div className="notice notice-error" role="alert" data-error-code={e.code} title={e.message}>
      <span>{words}</span>
      <small>
        {m('errorCode')} {e.code}
      </small>
    </div>
  )
}
