import { events, type EventName, type EventPayload } from '../../shared/contract'

type Listener = (event: EventName, payload: unknown) => void

/**
 * The core's outgoing events. Payloads are parsed against the contract before they leave, so a
 * renderer never receives an event the contract does not describe.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>()

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].parse(payload)
    for (const l of this.listeners) l(event, parsed)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
