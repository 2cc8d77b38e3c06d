import { useT } from '../i18n'

export interface ShownError {
  code: string
  message: string
}

/** Errors say what went wrong in words, and carry the code support asks for. */
export function ErrorNotice({ error }: { error: ShownError | undefined }) {
  const t = useT()
  if (!error) return null
  return (
    <div className="notice notice-error" role="alert" data-error-code={error.code}>
      <span>{error.message}</span>
      <small>
        {t('error.code')}：{error.code}
      </small>
    </div>
  )
}

export function toShownError(e: unknown): ShownError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return { code: String((e as { code: unknown }).code), message: String((e as { message: unknown }).message) }
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
