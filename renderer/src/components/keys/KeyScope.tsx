import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { KeyDispatcher, type Binding, type KeyInput, type Layer, type ScopeView } from '../../../../shared/keys/dispatcher'
import { ActiveContext } from './active'

const DispatcherContext = createContext<KeyDispatcher | undefined>(undefined)
/** How many dialogs enclose this point of the tree, so a dialog opened from a dialog ranks above it. */
const ModalDepth = createContext(0)

const OWNS_ENTER =
  'button, a[href], textarea, select, summary, [contenteditable=""], [contenteditable="true"], input[type="button"], input[type="submit"], input[type="reset"]'

function inputOf(e: KeyboardEvent): KeyInput {
  const target = e.target instanceof Element ? e.target : undefined
  return {
    key: e.key,
    code: e.code,
    altKey: e.altKey,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
    repeat: e.repeat,
    isComposing: e.isComposing,
    keyCode: e.keyCode,
    defaultPrevented: e.defaultPrevented,
    targetOwnsEnter: Boolean(target?.closest(OWNS_ENTER)),
  }
}

/** A screen's own modal panel (role="dialog" aria-modal) that is not a registered scope, shown now. */
function foreignModalOpen(): boolean {
  return [...document.querySelectorAll('[aria-modal="true"]:not([data-key-scope])')].some((el) => el.checkVisibility())
}

/**
 * The one keydown listener of the page, on window in the bubble phase: the focused field's own handlers
 * (a search box's Esc, a list's arrows) and the scanner's capture-phase listener all come first, and a
 * key they stop or prevent is theirs.
 */
export function KeyScope({ children }: { children: ReactNode }) {
  const [dispatcher] = useState(() => new KeyDispatcher())
  useLayoutEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const outcome = dispatcher.decide(inputOf(e), { foreignModal: foreignModalOpen })
      if (outcome.kind === 'ignore') return
      e.preventDefault()
      if (outcome.kind === 'run') outcome.action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [dispatcher])
  return <DispatcherContext.Provider value={dispatcher}>{children}</DispatcherContext.Provider>
}

/** Marks the children of a dialog, so a dialog they open ranks above it. */
export function ModalLevel({ children }: { children: ReactNode }) {
  const depth = useContext(ModalDepth)
  return <ModalDepth.Provider value={depth + 1}>{children}</ModalDepth.Provider>
}

/**
 * Registers a scope once, for the component's lifetime, and keeps what it offers current. The keys are
 * stored in a layout effect, which runs in the same task as React's commit: whenever the screen shows a
 * key enabled, the dispatcher already has it (a passive effect runs after paint and left a gap).
 */
export function useKeyScope(keys: readonly Binding[], opts: { layer: Layer; passThrough?: readonly string[] }): void {
  const dispatcher = useContext(DispatcherContext)
  if (!dispatcher) throw new Error('useKeyScope needs <KeyScope> above it (App provides one)')
  const active = useContext(ActiveContext)
  const depth = useContext(ModalDepth)
  const view = useRef<ScopeView>({ active: false, keys: [] })
  const { layer, passThrough } = opts
  useLayoutEffect(() => {
    view.current = { active, keys, passThrough }
  })
  useLayoutEffect(() => dispatcher.register({ layer, depth, read: () => view.current }), [dispatcher, layer, depth])
}
