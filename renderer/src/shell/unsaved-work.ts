import { createContext, useContext, useEffect } from 'react'

/** Tells the shell whether a workspace holds work a sign-out would throw away (a sale on the counter). */
export const UnsavedWorkContext = createContext<{ key: string; report: (key: string, unsaved: boolean) => void }>({ key: '', report: () => undefined })

export function useUnsavedWork(unsaved: boolean): void {
  const { key, report } = useContext(UnsavedWorkContext)
  useEffect(() => {
    report(key, unsaved)
    return () => report(key, false)
  }, [key, report, unsaved])
}
