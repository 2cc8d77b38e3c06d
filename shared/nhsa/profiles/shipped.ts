import { GatewayProfileSchema, type GatewayProfile } from './schema'

const GENERIC = '/fsi/api/rsfComIfsService/callService'

/**
 * The gateway profiles the app ships, after the public implementations `interface-audit.md` read. A
 * province whose gateway matches none is one more entry here (or a manager's overrides), never code.
 */
const SHIPPED: readonly GatewayProfile[] = [
  {
    id: 'national',
    name: '国家标准（x-tif，通用路径）',
    nameEn: 'National default (x-tif, generic path)',
    paths: { mode: 'generic', path: GENERIC },
    ecQueryPath: '/ec/query',
    credentials: { via: 'gateway' },
    signing: { scheme: 'x-tif', serviceId: '' },
    bodyEncoding: 'utf-8',
    envelopeSign: 'none',
    recerSysCode: { default: 'GJPOS', byInfno: {} },
    infver: 'V1.0',
    responseWrapper: 'plain',
    fileDownload: 'raw-zip',
    fileUpload: 'base64',
    signInRenewMinutes: 0,
    acctPay: 'either',
  },
  {
    id: 'base-infno',
    name: '地址 + 交易编号（如广州）',
    nameEn: 'Base URL + infno (Guangzhou-like)',
    paths: { mode: 'base-infno', base: '/fsi/api/' },
    ecQueryPath: '/ec/query',
    credentials: { via: 'gateway' },
    signing: { scheme: 'x-tif', serviceId: '' },
    bodyEncoding: 'utf-8',
    envelopeSign: 'sm3',
    recerSysCode: { default: 'HIS', byInfno: {} },
    infver: '1.0.0',
    responseWrapper: 'legacy',
    fileDownload: 'raw-zip',
    fileUpload: 'base64',
    signInRenewMinutes: 12 * 60,
    acctPay: 'either',
  },
  {
    id: 'per-service',
    name: '按服务分路径',
    nameEn: 'One path per service',
    paths: {
      mode: 'per-service',
      services: {
        '9001': '/fsi/api/signInSignOutService/signIn',
        '9002': '/fsi/api/signInSignOutService/signOut',
        '1101': '/fsi/api/fsiPsnInfoService/queryPsnInfo',
        '9101': '/fsi/api/fileupload/upload',
        '9102': '/fsi/api/fileupload/download',
        '1312': '/fsi/api/catalogqueryservice/queryHilist',
      },
      fallback: GENERIC,
    },
    ecQueryPath: '/fsi/api/hsecfc/localQrCodeQuery',
    credentials: { via: 'gateway' },
    signing: { scheme: 'x-tif', serviceId: 'fsi' },
    bodyEncoding: 'utf-8',
    envelopeSign: 'none',
    recerSysCode: { default: 'MK', byInfno: {} },
    infver: 'V1.0',
    responseWrapper: 'plain',
    fileDownload: 'raw-zip',
    fileUpload: 'byte-array',
    signInRenewMinutes: 0,
    acctPay: 'either',
  },
  {
    id: 'x-ca-gb2312',
    name: 'x-ca 签名、HMAC-SM3、GB2312（如浙江）',
    nameEn: 'x-ca HMAC-SM3 over GB2312 (Zhejiang-like)',
    paths: { mode: 'generic', path: GENERIC },
    ecQueryPath: '/ec/query',
    credentials: { via: 'gateway' },
    signing: { scheme: 'x-ca' },
    bodyEncoding: 'gb2312',
    envelopeSign: 'none',
    recerSysCode: { default: 'FSI_LOCAL', byInfno: { '1201': 'MBS_LOCAL' } },
    infver: '1.0',
    responseWrapper: 'plain',
    fileDownload: 'raw-zip',
    fileUpload: 'base64',
    signInRenewMinutes: 0,
    acctPay: 'either',
  },
].map((p) => GatewayProfileSchema.parse(p))

export const SHIPPED_PROFILES: readonly GatewayProfile[] = SHIPPED
export const DEFAULT_PROFILE_ID = 'national'
