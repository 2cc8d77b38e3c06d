import { useEffect } from 'react'

export interface FunctionKey {
  key: string
  label: string
  action: () => void
  disabled?: boolean
}

/** Binds the keys and shows them: a cashier should never have to guess what a key does. */
export function FunctionKeyBar({ keys }: { keys: FunctionKey[] }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const match = keys.find((k) => k.key === e.key && !k.disabled)
      if (!match) return
      e.preventDefault()
      match.action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [keys])

  return (
    <nav className="fkeys" aria-label="function keys">
      {keys.map((k) => (
        <button key={k.key} type="button" className="fkey" disabled={k.disabled} onClick={k.action}>
          <kbd>{k.key}</kbd>
          <span>{k.label}</span>
        </button>
      ))}
    </nav>
  )
}
