import type { ReactNode } from 'react'
import { useT } from '../i18n'
import { Dialog } from './Dialog'

/**
 * Asks before something that cannot be taken back. Enter confirms (the focus starts on that button), Esc
 * keeps things as they were, so a habitual double Esc never does the irreversible part.
 */
export function ConfirmDialog({ title, children, onConfirm, onCancel }: { title: string; children: ReactNode; onConfirm: () => void; onCancel: () => void }) {
  const t = useT()
  return (
    <Dialog title={title} onClose={onCancel} onSubmit={onConfirm}>
      {children}
      <div className="actions">
        <button type="submit" autoFocus>
          {t('confirm.yes')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          {t('confirm.no')} <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  )
}
