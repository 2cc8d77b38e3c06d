import { createContext, useContext, useEffect } from 'react'

export interface FunctionKey {
  key: string
  label: string
  action: () => void
  disabled?: boolean
}

/** False inside a workspace that is mounted but not shown: its keys must not fire. */
export const ActiveContext = createContext(true)

/** Binds the keys and shows them: a cashier should never have to guess what a key does. */
export function FunctionKeyBar({ keys }: { keys: FunctionKey[] }) {
  const active = useContext(ActiveContext)
  useEffect(() => {
    if (!active) return
    const onKey = (e: KeyboardEvent) => {
      const match = keys.find((k) => k.key === e.key && !k.disabled)
      if (!match) return
      e.preventDefault()
      match.action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [keys, active])

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
