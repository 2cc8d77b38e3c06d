import type { ReactNode } from 'react'

/** A modal form: Enter submits, Esc closes; focus starts in the first field (autoFocus on it). */
export function Dialog({ title, children, onSubmit, onClose, busy }: { title: string; children: ReactNode; onSubmit: () => void; onClose: () => void; busy?: boolean }) {
  return (
    <div className="dialog-backdrop">
      <form
        className="card form dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        aria-busy={busy}
        onSubmit={(e) => {
          e.preventDefault()
          if (!busy) onSubmit()
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            onClose()
          }
        }}
      >
        <h2>{title}</h2>
        {children}
      </form>
    </div>
  )
}
