import { useEffect } from 'react'

/** Locks the screen after the idle minutes without a key or a click (the core enforces the same limit). */
export function useIdleLock(active: boolean, minutes: number, lock: () => void) {
  useEffect(() => {
    if (!active) return
    let timer = setTimeout(lock, minutes * 60_000)
    const reset = () => {
      clearTimeout(timer)
      timer = setTimeout(lock, minutes * 60_000)
    }
    window.addEventListener('keydown', reset, true)
    window.addEventListener('pointerdown', reset, true)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('keydown', reset, true)
      window.removeEventListener('pointerdown', reset, true)
    }
  }, [active, minutes, lock])
}
