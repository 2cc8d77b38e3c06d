import type { PosErrorData } from '../../../shared/contract'

/** A contract call that the core answered with a typed error. */
export class PosCallError extends Error {
  readonly code: string
  readonly issues?: PosErrorData['issues']

  constructor(data: PosErrorData) {
    super(data.message)
    this.name = 'PosCallError'
    this.code = data.code
    this.issues = data.issues
  }
}
