import { ErrorNotice, type ShownError } from '../../components/ErrorNotice'

/** What can be done about one reconciliation difference (the counter's or the store's), and why it failed. */
export function DifferenceActionButtons<A extends string>({
  actions,
  busy,
  label,
  onAct,
  error,
}: {
  actions: readonly A[]
  busy: boolean
  label: (a: A) => string
  onAct: (a: A) => void
  error: ShownError | undefined
}) {
  return (
    <>
      <div className="actions">
        {actions.map((a) => (
          <button key={a} type="button" disabled={busy} aria-busy={busy} onClick={() => onAct(a)}>
            {label(a)}
          </button>
        ))}
      </div>
      <ErrorNotice error={error} />
    </>
  )
}
