import { useLocale, useT } from '../i18n'
import { enErrorWords } from '../i18n/errors/en'
import { zhErrorWords } from '../i18n/errors/zh-CN'

export interface ShownError {
  code: string
  message: string
  /** A form's problems, field by field, as the core's contract check found them. */
  issues?: { path: string; message: string }[]
}

/**
 * The words shown for an error (B21): the renderer owns them per code and language. In Chinese the core's
 * own sentence stays unless the renderer words the code (the core names the item, amount or count); in
 * English every code is worded here, and one the renderer does not know says so plainly, never in Chinese.
 */
export function useErrorWords(): (error: ShownError) => string {
  const locale = useLocale()
  return (error) => {
    const en = locale === 'en'
    const words = en ? (enErrorWords[error.code] ?? enErrorWords.UNEXPECTED) : (zhErrorWords as Record<string, string>)[error.code]
    if (!words) return error.message
    // Field names read in English; the contract's own problem texts are Chinese.
    const issues = (error.issues ?? []).map((i) => (en ? i.path : i.message)).join(en ? '; ' : '；')
    return words.replace('{issues}', issues || (en ? 'see the form' : error.message))
  }
}

/** Errors say what went wrong in words, and carry the code support asks for. */
export function ErrorNotice({ error }: { error: ShownError | undefined }) {
  const t = useT()
  const words = useErrorWords()
  if (!error) return null
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code} title={error.message}>
      <span>{words(error)}</span>
      <small>
        {t('error.code')}
        {t('punct.colon')}
        {error.code}
      </small>
    </div>
  )
}

export function toShownError(e: unknown): ShownError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const issues = (e as { issues?: ShownError['issues'] }).issues
    return { code: String((e as { code: unknown }).code), message: String((e as { message: unknown }).message), ...(issues ? { issues } : {}) }
  }
  return { code: 'UNEXPECTED', message: String(e) }
}

/** The quiet counterpart: what just succeeded, announced to screen readers as a status. */
export function OkNotice({ text, testId }: { text: string | undefined; testId?: string }) {
  if (!text) return null
  return (
    <div className="notice notice-ok" role="status" data-testid={testId}>
      {text}
    </div>
  )
}
