import { defineMessages } from '../../i18n'

/** Store mode's words on the settings screens: why master data cannot be changed here (MASTER_DATA_READ_ONLY). */
export const useStoreModeMessages = defineMessages(
  {
    settingsReadOnly: '门店模式：机构、医保平台、接入密钥、锁屏和开班要求由门店统一维护，在此只能查看；本机的终端号、收银台号和练习模式仍可修改。',
    usersReadOnly: '门店模式：用户和密码由门店统一维护，在此只能查看；店长发布的修改会同步到每台收银台。',
    gatewayReadOnly: '门店模式：医保网关配置由门店统一维护，在此只能查看。',
  },
  {
    settingsReadOnly:
      "Store mode: the institution, the insurance platform, its secret, the lock time and the shift rule are kept by the store and only shown here; this counter's id, number and training mode can still be changed.",
    usersReadOnly: "Store mode: users and PINs are kept by the store and only shown here; the manager's published changes reach every counter.",
    gatewayReadOnly: 'Store mode: the gateway profile is kept by the store and only shown here.',
  },
)
