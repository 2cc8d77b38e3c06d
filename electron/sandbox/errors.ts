/**
 * A refusal the platform answers with infcode -1. Thrown inside a transaction, it rolls back every
 * write made so far, which is how "a refused request writes nothing" holds.
 */
export class PlatformError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlatformError'
  }
}

/** An administration call refused: HTTP status plus message. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'AdminError'
  }
}
