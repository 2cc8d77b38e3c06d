import { fromFen, toWireNumber } from '../../../../shared/money/money'
import { personOfCredential } from '../../domain/identify'
import { ageOn } from '../../domain/persons'
import type { MutualAidRow } from '../../domain/mutual-aid'
import { PlatformError } from '../../errors'
import { maskName } from '../../mask'
import { wireDate } from '../../time'
import type { Handler } from '../context'
import { prepared } from '../../../base/store/statements'

/** Whether the request's provincial extension content asks for relatives' quotas (the store-chosen relative). */
function asksForQuotas(expContent: string | undefined): boolean {
  if (!expContent) return false
  try {
    const ext: unknown = JSON.parse(expContent)
    return typeof ext === 'object' && ext !== null && (ext as Record<string, unknown>).mulaid_qury === '1'
  } catch {
    throw new PlatformError('exp_content 须为 JSON 文本')
  }
}

export const personInfo: Handler<'1101'> = (ctx, input) => {
  const p = personOfCredential(ctx.db, input.data, ctx.now)
  const rels = prepared(
    ctx.db,
    `SELECT m.*, payer.name AS payer_name, payer.insuplc_admdvs AS payer_admdvs FROM mutual_aid m
       JOIN persons payer ON payer.psn_no = m.payer_psn_no
       WHERE m.beneficiary_psn_no = ? AND m.status = 'active' ORDER BY m.mulaid_id`,
  ).all(p.psn_no) as (MutualAidRow & { payer_name: string; payer_admdvs: string })[]
  return {
    baseinfo: {
      psn_no: p.psn_no,
      psn_cert_type: '01',
      certno: p.certno,
      psn_name: p.name,
      gend: p.gend,
      brdy: p.brdy,
      age: ageOn(p.brdy, wireDate(ctx.now)),
    },
    insuinfo: [
      {
        insutype: p.insutype,
        psn_type: p.psn_type,
        balc: toWireNumber(fromFen(p.acct_balance - p.acct_frozen)),
        psn_insu_stas: p.status === 'active' ? '1' : '4',
        psn_insu_date: p.insu_date,
        insuplc_admdvs: p.insuplc_admdvs,
        emp_name: p.emp_name,
      },
    ],
    // 人员身份 (低保, 特困 …): the sandbox's people have none. Chronic-disease certifications are 5301's.
    idetinfo: [],
    // The national 1101 has no relatives; only the provincial extension's request is answered with them.
    ...(asksForQuotas(input.data.exp_content)
      ? {
          mulaidinfo: rels.map((r) => ({
            mulaid_id: r.mulaid_id,
            relation: r.relation,
            payer_psn_name: maskName(r.payer_name),
            payer_insuplc_admdvs: r.payer_admdvs,
            quota_balc: toWireNumber(fromFen(r.quota_balc)),
            begndate: r.begndate,
          })),
        }
      : {}),
  }
}

/** 5301: the person's chronic and special disease certifications (门诊慢特病备案), current and past, as real gateways list them. */
export const chronicDiseases: Handler<'5301'> = (ctx, input) => {
  const known = prepared(ctx.db, 'SELECT 1 FROM persons WHERE psn_no = ?').get(input.data.psn_no)
  if (!known) throw new PlatformError(`人员编号 ${input.data.psn_no} 不存在`)
  const certs = prepared(ctx.db, 'SELECT dise_codg, dise_name, begndate, enddate FROM person_certifications WHERE psn_no = ? ORDER BY dise_codg').all(
    input.data.psn_no,
  ) as { dise_codg: string; dise_name: string; begndate: string; enddate: string | null }[]
  return {
    feedetail: certs.map((c) => ({ opsp_dise_code: c.dise_codg, opsp_dise_name: c.dise_name, begndate: c.begndate, enddate: c.enddate })),
  }
}
