import { createContext } from 'react'

/** Called when the HQ node says the session is gone (ended, idle too long): the page goes back to sign-in. */
export const SessionLostContext = createContext<() => void>(() => {})
