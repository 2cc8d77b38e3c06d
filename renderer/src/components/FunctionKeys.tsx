import { useKeyScope } from './keys/KeyScope'

export { ActiveContext } from './keys/active'

export interface FunctionKey {
  key: string
  label: string
  action: () => void
  disabled?: boolean
  /** Greyed while the screen is busy, yet still bound: the screen holds or refuses the press (use-held-keys). */
  waiting?: boolean
}

/**
 * Shows the screen's keys and offers them to the app's key dispatcher (components/keys): a cashier
 * should never have to guess what a key does. `key` is 'F1'..'F12', 'Escape' or 'Enter' (no other key is
 * ever taken: typing must type); a dialog open above the bar, a hidden workspace or a locked screen keeps
 * them from firing.
 */
export function FunctionKeyBar({ keys }: { keys: FunctionKey[] }) {
  useKeyScope(keys, { layer: 'screen' })
  return (
    <nav className="fkeys" aria-label="function keys">
      {keys.map((k) => (
        <button key={k.key} type="button" className="fkey" disabled={k.disabled || k.waiting} onClick={k.action}>
          <kbd>{k.key}</kbd>
          <span>{k.label}</span>
        </button>
      ))}
    </nav>
  )
}
