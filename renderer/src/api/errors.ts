import type { PosErrorData } from '../../../shared/contract'

/** A contract call that the core answered with a typed error: its code and parameters, worded by the renderer. */
export class PosCallError extends Error {
  readonly code: string
  readonly params?: PosErrorData['params']
  readonly issues?: PosErrorData['issues']

  constructor(data: PosErrorData) {
    super(data.message)
    this.name = 'PosCallError'
    this.code = data.code
    this.params = data.params
    this.issues = data.issues
  }
}
