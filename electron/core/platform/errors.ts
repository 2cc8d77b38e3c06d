import { PosError } from '../../../shared/contract'

/**
 * How a platform call failed decides what the journal may do next:
 * - refused / unreachable: the platform certainly did not commit; the same sale may be tried again.
 * - lost / malformed: the platform may have committed; only a reversal (2601) may resolve it.
 */
export type PlatformFailure = 'refused' | 'unreachable' | 'lost' | 'malformed'

const PREFIX: Record<PlatformFailure, string> = {
  refused: 'PLATFORM_REFUSED',
  unreachable: 'PLATFORM_UNREACHABLE',
  lost: 'PLATFORM_NO_ANSWER',
  malformed: 'PLATFORM_BAD_ANSWER',
}

export class PlatformError extends PosError {
  constructor(
    readonly failure: PlatformFailure,
    message: string,
    readonly infno?: string,
  ) {
    super(PREFIX[failure], message)
    this.name = 'PlatformError'
  }

  /** Whether the platform may have acted on the message. */
  get outcomeUnknown(): boolean {
    return this.failure === 'lost' || this.failure === 'malformed'
  }
}
