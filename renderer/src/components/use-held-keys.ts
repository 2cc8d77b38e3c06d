import { useEffect, useRef, useState } from 'react'
import type { FunctionKey } from './FunctionKeys'

/** A screen's key that waits for the screen: while a call is out it is greyed, and a press is held or refused. */
export interface WaitingKey extends FunctionKey {
  waits?: boolean
}

/**
 * What the screen is waiting for. A lookup (a scan's item, a customer's identity) only adds to the screen:
 * a key pressed meanwhile runs when it ends, judged by the screen as it then is. A step that moves money
 * or the sale (pre-settlement, payment, holding) changes what the next key means: a key pressed then is
 * refused with words, never run behind the cashier's back.
 */
export type Waiting = 'lookup' | 'step' | undefined

export interface HeldKeyWords {
  /** Pressed during a step. */
  duringStep: (key: FunctionKey) => string
  /** Held through a lookup, then not offered by the screen the lookup left. */
  unavailable: (key: FunctionKey) => string
  /** Held through a lookup that failed: the cashier reads why before anything else runs. */
  afterFailure: (key: FunctionKey) => string
}

interface Refusal {
  text: string
  /** Said during a step: it goes when the step ends. */
  duringStep: boolean
}

/**
 * A function key pressed while the screen is busy is never dropped without a word (a cashier pressing F8
 * right after a scan under load lost the key, counter-cashier B16): it is held through a lookup and run
 * when the lookup ends, or refused with words. Answers the keys to offer and the refusal to show.
 */
export function useHeldKeys(
  keys: readonly WaitingKey[],
  waiting: Waiting,
  failed: boolean,
  words: HeldKeyWords,
): { keys: FunctionKey[]; refusal: string | undefined } {
  const held = useRef<string[]>([])
  const [refusal, setRefusal] = useState<Refusal>()

  // What was said about a key pressed during a step is about that step: it goes when the step ends.
  const [wasWaiting, setWasWaiting] = useState(waiting)
  if (wasWaiting !== waiting) {
    setWasWaiting(waiting)
    if (!waiting && refusal?.duringStep) setRefusal(undefined)
  }

  const [, rerender] = useState(0)
  const show = (r: Refusal | undefined) => setRefusal(r)
  // Runs after the commit where the screen is free again, with that commit's keys: the line a lookup
  // added is already in the cart that an F8 held through it pre-settles.
  useEffect(() => {
    if (!held.current.length || waiting === 'lookup') return
    const key = keys.find((k) => k.key === held.current[0])
    held.current.shift()
    if (!key) return
    if (waiting === 'step' || failed || key.disabled) {
      held.current = []
      return show({ text: (waiting === 'step' ? words.duringStep : failed ? words.afterFailure : words.unavailable)(key), duringStep: false })
    }
    show(undefined)
    key.action()
    // One key at a time: the next is judged in the render of what this one did.
    if (held.current.length) rerender((n) => n + 1)
    // Every commit: `keys` is new in each, and a held key waits for the first that is free.
  }, [waiting, failed, keys, words])

  const offered = keys.map(({ waits, ...k }): FunctionKey => {
    if (!waits || !waiting) {
      return {
        ...k,
        action: () => {
          held.current = []
          setRefusal(undefined)
          k.action()
        },
      }
    }
    // Even a key greyed now: the lookup may bring what it needs (F8 on the first line of a sale).
    return {
      ...k,
      disabled: false,
      waiting: true,
      action: waiting === 'lookup' ? () => held.current.push(k.key) : () => setRefusal({ text: words.duringStep(k), duringStep: true }),
    }
  })
  return { keys: offered, refusal: refusal?.text }
}
