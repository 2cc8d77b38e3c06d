import type { Member } from '../../shared/sale/schemas'
import type { TransactionInput } from '../../shared/nhsa/transactions'

/** The 2201 of a test visit: the demo clinic's internal-medicine room and doctor D001. */
export function registration(member: Member, saleId: string, begntime: string): TransactionInput<'2201'> {
  return {
    data: {
      psn_no: member.psnNo,
      insutype: member.insutype as TransactionInput<'2201'>['data']['insutype'],
      begntime,
      mdtrt_cert_type: member.certType,
      mdtrt_cert_no: member.certNo,
      ipt_otp_no: `MZ${saleId.slice(0, 8)}`,
      atddr_no: 'D001',
      dr_name: '张医生',
      dept_code: 'A03',
      dept_name: '内科',
      caty: 'A03',
    },
  }
}
