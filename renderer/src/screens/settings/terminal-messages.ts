import { defineMessages } from '../../i18n'

export const useKeyProtectionMessages = defineMessages(
  {
    label: '接入密钥的保护',
    'os-keychain': '由操作系统的钥匙串加密，只有本机的这个系统账户能解开',
    'file-key': '由数据目录中的密钥文件加密：本机没有可用的系统钥匙串，能读取整个数据目录的人也能解开',
  },
  {
    label: 'Gateway secret protection',
    'os-keychain': "Encrypted by the operating system's keychain; only this account on this PC can open it",
    'file-key': 'Encrypted with a key file in the data folder: no system keychain is available here, so whoever can read the whole data folder can open it',
  },
)

export const useTerminalMessages = defineMessages(
  {
    platformUrl: '医保平台地址',
    platformPaasid: '接入账号（paasid）',
    secret: '接入密钥',
    ca: '省平台 CA 证书（PEM，可留空）',
    caHint: '省平台使用自建 CA 时，粘贴其 -----BEGIN CERTIFICATE----- 证书',
    secretHint: '只写不读：留空表示不修改；保存后加密存放',
    idle: '无操作自动锁屏（分钟）',
    training: '培训模式（连接演示平台）',
    trainingWarn: '关闭培训模式后将连接真实医保平台，产生真实结算。',
    terminalNo: '收银台号（01-99）',
    terminalNoHint: '本机构每台收银机各用一个不同的号，报文编号由它区分；正式模式必须设置',
    terminalNoUnset: '未设置（报文暂用 {no}）',
    terminalNoInvalid: '收银台号应为 01-99 的数字',
    sole: '本机是本机构唯一的医保收银机',
    requireShift: '必须先开班才能收银（交班）',
    soleHint: '只有勾选后，对账时才能撤销平台有、本机没有的结算；有其他收银机时切勿勾选（会撤销别的收银台的正常结算）。更改会记入审计。',
  },
  {
    platformUrl: 'Platform address',
    platformPaasid: 'Gateway account (paasid)',
    secret: 'Gateway secret',
    ca: 'Province CA certificate (PEM, optional)',
    caHint: 'When the province gateway uses its own CA, paste its -----BEGIN CERTIFICATE----- here',
    secretHint: 'Write-only: leave empty to keep it; stored encrypted',
    idle: 'Lock after idle minutes',
    training: 'Training mode (demo platform)',
    trainingWarn: 'Without training mode the counter settles for real on the live platform.',
    terminalNo: 'Counter number (01-99)',
    terminalNoHint: 'A different number for every counter of the institution: it keeps their message ids apart. Required to go live',
    terminalNoUnset: 'Not set (message ids use {no} for now)',
    terminalNoInvalid: 'The counter number is a number from 01 to 99',
    sole: "This PC is the institution's only medical-insurance counter",
    requireShift: 'Sell only with a shift open',
    soleHint:
      'Only then can reconciliation revoke a settlement the platform has and this PC does not. Never tick it when other counters exist: it would revoke their sales. Changes are audited.',
  },
)
