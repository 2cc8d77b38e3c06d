import { wordsFor, type ErrorWords } from '../../../shared/contract/error-registry'
import { useLocale, useT } from '../i18n'
import { punctuation } from '../i18n/punctuation'
import { enErrorWords } from '../i18n/errors/en'
import { zhErrorWords } from '../i18n/errors/zh-CN'

export interface ShownError {
  code: string
  message: string
  /** What the code's words need, as the core sent them (absent for the renderer's own errors and relayed ones). */
  params?: Record<string, unknown>
  /** A form's problems, field by field, as the core's contract check found them. */
  issues?: { path: string; message: string }[]
}

/** A code's words that need no parameters, for an error that came without them. */
function plainWords(table: ErrorWords, code: string): string | undefined {
  const w = (table as Record<string, unknown>)[code]
  return typeof w === 'string' ? w : undefined
}

/**
 * The words shown for an error: the renderer owns them per code and language (errors/zh-CN.ts, errors/en.ts)
 * and makes them from the parameters the core sent. An error that came without parameters (the store node's
 * own refusal, or one a newer core worded differently) keeps its sentence in Chinese; in English it gets the
 * code's plain words or says plainly that something went wrong, never in Chinese.
 */
export function useErrorWords(): (error: ShownError) => string {
  const locale = useLocale()
  return (error) => {
    const en = locale === 'en'
    const table = en ? enErrorWords : zhErrorWords
    // Field names read in English; the contract's own problem texts are Chinese.
    const fields = (error.issues ?? []).map((i) => (en ? i.path : i.message)).join(punctuation(locale).semicolon)
    const params = fields ? { ...error.params, fields } : error.params
    const worded = params === undefined ? plainWords(table, error.code) : wordsFor(table, error.code, params)
    if (worded !== undefined && (en || params !== undefined)) return worded
    return en ? (plainWords(enErrorWords, 'UNEXPECTED') as string) : error.message
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
    const { issues, params } = e as Pick<ShownError, 'issues' | 'params'>
    return {
      code: String((e as { code: unknown }).code),
      message: String((e as { message: unknown }).message),
      ...(params ? { params } : {}),
      ...(issues ? { issues } : {}),
    }
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
