import type { Db } from '../../base/store/database'
import type { RequestEnvelope } from '../../../shared/nhsa/envelope'
import type { Infno, TransactionInput, TransactionOutput } from '../../../shared/nhsa/transactions'
import type { SettleContext } from '../domain/settlement'

export interface HandlerContext extends SettleContext {
  db: Db
  envelope: RequestEnvelope
  /** Base URL of this sandbox, for file download links. */
  baseUrl: string
}

export type Handler<I extends Infno> = (ctx: HandlerContext, input: TransactionInput<I>) => TransactionOutput<I>
export type HandlerTable = { [I in Infno]: Handler<I> }
