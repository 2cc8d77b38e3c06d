import { defineMessages } from '../../i18n'

/** 医保操作员: each user's, and the institution's default (docs/platform-profiles.md, "Operators and sign-in"). */
export const useOperatorMessages = defineMessages(
  {
    userCode: '医保操作员编码',
    userName: '医保操作员姓名',
    userHint: '由医保经办机构分配；留空则用机构默认操作员。换人收银时会以新操作员重新签到',
    column: '医保操作员',
    defaultCode: '机构默认医保操作员编码',
    defaultName: '机构默认医保操作员姓名',
    defaultHint: '后台工作（冲正、离线补传、上传、对账、下载目录）和未设操作员的账号用它签到；留空则用终端号',
  },
  {
    userCode: 'Insurance operator code',
    userName: 'Insurance operator name',
    userHint: "Assigned by the insurance agency; empty uses the institution's default. A new cashier at the counter signs in again under their own",
    column: 'Insurance operator',
    defaultCode: "Institution's default operator code",
    defaultName: "Institution's default operator name",
    defaultHint:
      'Background work (reversals, offline forwarding, uploads, reconciliation, downloads) and users without a code sign in under it; empty uses the terminal id',
  },
)
