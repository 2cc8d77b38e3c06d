import { requireCredentialOf } from '../../domain/identify'
import { requireInsuredPerson } from '../../domain/persons'
import { commitSettlement, preSettle, revokeSettlement, type SettleRequest } from '../../domain/settlement'
import type { Handler, HandlerContext } from '../context'
import type { TransactionInput } from '../../../../shared/nhsa/transactions'

function request(ctx: HandlerContext, input: TransactionInput<'2102'>): SettleRequest {
  const d = input.data
  const person = requireInsuredPerson(ctx.db, d.psn_no, ctx.envelope.insuplc_admdvs || undefined)
  requireCredentialOf(ctx.db, d, d.psn_no, ctx.now)
  return {
    person,
    insutype: d.insutype,
    med_type: d.med_type,
    medfee_sumamt: d.medfee_sumamt,
    acct_used_flag: d.acct_used_flag,
    mulaid_id: d.mulaid_id || undefined,
    has_prescription: Boolean(d.rxno) || input.drugdetail.some((l) => Boolean(l.rxno)),
    lines: input.drugdetail,
    clr_type: '41',
  }
}

export const pharmacyPreSettle: Handler<'2101'> = (ctx, input) => preSettle(ctx.db, ctx, request(ctx, input))
export const pharmacySettle: Handler<'2102'> = (ctx, input) => commitSettlement(ctx.db, ctx, request(ctx, input))
/** A revoke works even after the person's insurance ended or moved: the sale is checked by setl_id and psn_no. */
export const pharmacyRevoke: Handler<'2103'> = (ctx, input) => revokeSettlement(ctx.db, ctx, input.data, '2102')
