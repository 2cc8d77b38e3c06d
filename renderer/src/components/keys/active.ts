import { createContext } from 'react'

/** False inside a workspace that is mounted but not shown (or while the screen is locked): its keys must not fire. */
export const ActiveContext = createContext(true)
