import { defineMessages } from '../../i18n'

/** Store mode's words on the settings screens: why master data cannot be changed here (MASTER_DATA_READ_ONLY). */
export const useStoreModeMessages = defineMessages(
  {
    settingsReadOnly: '门店模式：机构、医保平台、接入密钥、锁屏和开班要求由门店统一维护，在此只能查看；本机的终端号、收银台号和练习模式仍可修改。',
    usersReadOnly: '门店模式：用户和密码由门店统一维护，在此只能查看；店长发布的修改会同步到每台收银台。',
    gatewayReadOnly: '门店模式：医保网关配置由门店统一维护，在此只能查看。',
    settingsPublish:
      '门店模式：机构、医保平台、接入密钥、锁屏和开班要求由门店统一维护，保存时发布到门店服务器，各收银台同步后生效；本机的终端号、收银台号和练习模式只改本机。',
    usersPublish: '门店模式：用户、密码和医保操作员由门店统一维护，保存时发布到门店服务器，各收银台同步后生效。',
    gatewayPublish: '门店模式：医保网关配置由门店统一维护，保存时发布到门店服务器，各收银台同步后生效。',
    published: '已发布到门店服务器，各收银台将在下次同步时更新（变更号 {seq}）',
    appliedHere: '本收银台已于 {time} 应用此变更',
    applyingHere: '本收银台正在同步此变更…',
    pullStopped: '本收银台暂未同步到此变更：{why}（下次同步时会再试）',
  },
  {
    settingsReadOnly:
      "Store mode: the institution, the insurance platform, its secret, the lock time and the shift rule are kept by the store and only shown here; this counter's id, number and training mode can still be changed.",
    usersReadOnly: "Store mode: users and PINs are kept by the store and only shown here; the manager's published changes reach every counter.",
    gatewayReadOnly: 'Store mode: the gateway profile is kept by the store and only shown here.',
    settingsPublish:
      "Store mode: the institution, the insurance platform, its secret, the lock time and the shift rule are kept by the store; saving publishes them to the store server and every counter applies them at its sync. This counter's id, number and training mode change only here.",
    usersPublish:
      'Store mode: users, PINs and insurance operators are kept by the store; saving publishes to the store server and every counter applies it at its sync.',
    gatewayPublish: 'Store mode: the gateway profile is kept by the store; saving publishes it to the store server and every counter applies it at its sync.',
    published: 'Published to the store server; every counter updates at its next sync (change {seq})',
    appliedHere: 'This counter applied it at {time}',
    applyingHere: 'This counter is syncing the change…',
    pullStopped: 'This counter has not synced the change yet: {why} (the next sync tries again)',
  },
)

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

/** The credential source under 设置: the gateway's decode service, or a vendor plug-in on this PC, and its test. */
export const useCredentialSourceMessages = defineMessages(
  {
    title: '医保凭证来源',
    intro: '医保码由谁解码、社保卡由谁读取：网关的解码服务（按网关配置），或本机运行的厂商凭证插件',
    gateway: '网关解码服务（按网关配置）',
    plugin: '厂商凭证插件（本机）',
    url: '插件地址',
    urlHint: '例如 http://127.0.0.1:9300',
    save: '保存凭证来源',
    saved: '凭证来源已保存',
    test: '测试凭证来源',
    testing: '正在测试…',
    answered_gateway: '网关解码服务已应答：它读了测试码并拒绝了它（正常），医保码可以解码',
    answered_plugin: '凭证插件已应答：它读了测试码并拒绝了它（正常），医保码和读卡都会经过它',
    unreachable: '没有应答：请确认地址正确、插件（或网关）正在运行，然后再试',
    unreadable: '有应答，但不是凭证接口的格式：地址可能指向了别的程序，请核对地址或联系厂商',
    refused: '网关拒绝了请求：请核对网关配置中的签名方式、接入账号、密钥和解码路径',
    detail: '对方的原话：{detail}',
    trainingNote: '练习模式始终使用练习平台的解码服务；这里的设置在正式模式下生效',
  },
  {
    title: 'Credential source',
    intro:
      "Who decodes insurance QR codes and reads social security cards: the gateway's decode service (per the gateway profile), or a vendor's credential plug-in running on this PC",
    gateway: "Gateway's decode service (per the profile)",
    plugin: "Vendor's credential plug-in (this PC)",
    url: 'Plug-in address',
    urlHint: 'for example http://127.0.0.1:9300',
    save: 'Save credential source',
    saved: 'Credential source saved',
    test: 'Test credential source',
    testing: 'Testing…',
    answered_gateway: "The gateway's decode service answered: it read the test code and refused it (as it should), so QR codes can be decoded",
    answered_plugin: 'The plug-in answered: it read the test code and refused it (as it should); QR codes and card reads go through it',
    unreachable: 'No answer: check the address and that the plug-in (or the gateway) is running, then try again',
    unreadable: 'Something answered, but not as a credential service: the address may point at another program; check it or call the vendor',
    refused: "The gateway refused the request: check the profile's signing scheme, account, secret and decode path",
    detail: 'In its own words: {detail}',
    trainingNote: "Training mode always uses the training platform's decode service; this setting applies when live",
  },
)
