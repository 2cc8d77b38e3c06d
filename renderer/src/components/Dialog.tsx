import type { ReactNode } from 'react'
import type { FunctionKey } from './FunctionKeys'
import { ModalLevel, useKeyScope } from './keys/KeyScope'

/**
 * A modal form: Enter submits, Esc closes; focus starts in the first field (autoFocus on it). While it is
 * open the screen's keys beneath it do not fire, except those named in `passThrough`; `keys` are the
 * dialog's own (shown by the caller, as its buttons). Esc reaches it wherever the focus is.
 */
export function Dialog({
  title,
  children,
  onSubmit,
  onClose,
  busy,
  keys = [],
  passThrough,
}: {
  title: string
  children: ReactNode
  onSubmit: () => void
  onClose: () => void
  busy?: boolean
  keys?: Pick<FunctionKey, 'key' | 'action' | 'disabled'>[]
  passThrough?: string[]
}) {
  useKeyScope([...keys, { key: 'Escape', action: onClose }], { layer: 'modal', passThrough })
  return (
    <div className="dialog-backdrop">
      <form
        className="card form dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        aria-busy={busy}
        data-key-scope="modal"
        onSubmit={(e) => {
          e.preventDefault()
          if (!busy) onSubmit()
        }}
      >
        <h2>{title}</h2>
        <ModalLevel>{children}</ModalLevel>
      </form>
    </div>
  )
}
