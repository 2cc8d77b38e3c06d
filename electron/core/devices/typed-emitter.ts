import { EventEmitter } from 'node:events'

/** EventEmitter with the event names and payloads checked by the compiler; `on` returns its undo. */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly emitter = new EventEmitter()

  on<K extends keyof Events & string>(event: K, listener: (payload: Events[K]) => void): () => void {
    this.emitter.on(event, listener)
    return () => this.emitter.off(event, listener)
  }

  protected emit<K extends keyof Events & string>(event: K, payload: Events[K]): void {
    this.emitter.emit(event, payload)
  }
}
