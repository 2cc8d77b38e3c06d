import { PosError, type ErrorCode } from '../../../shared/contract'

/**
 * How a platform call failed decides what the journal may do next:
 * - refused / unreachable: the platform certainly did not commit; the same sale may be tried again.
 * - lost / malformed: the platform may have committed; only a reversal (2601) may resolve it.
 * - rejected: the platform said it committed (infcode 0), but its answer lacks what must be recorded or
 *   does not describe the sale sent (shared/nhsa/answer/outcome.ts); never recorded as paid, and a
 *   money-moving one is reversed like a lost answer, with the raw answer kept for the manager.
 */
export type PlatformFailure = 'refused' | 'unreachable' | 'lost' | 'malformed' | 'rejected'

const PREFIX = {
  refused: 'PLATFORM_REFUSED',
  unreachable: 'PLATFORM_UNREACHABLE',
  lost: 'PLATFORM_NO_ANSWER',
  malformed: 'PLATFORM_BAD_ANSWER',
  rejected: 'PLATFORM_ANSWER_REJECTED',
} as const satisfies Record<PlatformFailure, ErrorCode>

/** What the platform answered, kept with the error so the journal can store it as it came. */
export interface AnswerEvidence {
  raw: unknown
  reasons: string[]
  oddities: string[]
}

export class PlatformError extends PosError {
  constructor(
    readonly failure: PlatformFailure,
    message: string,
    readonly infno?: string,
    readonly answer?: AnswerEvidence,
  ) {
    super(PREFIX[failure], { detail: message })
    this.name = 'PlatformError'
  }

  /** Whether the platform may have acted on the message. */
  get outcomeUnknown(): boolean {
    return this.failure === 'lost' || this.failure === 'malformed' || this.failure === 'rejected'
  }
}
