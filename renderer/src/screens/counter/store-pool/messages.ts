import { defineMessages } from '../../../i18n'

/** Words of the store's one offline advance pool and of the person's balances promised store-wide (store mode). */
export const useStorePoolMessages = defineMessages(
  {
    store: '离线垫付按全店 {n} 个收银台合计的上限 {limit} 元核对（门店服务器已应答）',
    share: '门店服务器无法连接：本收银台按固定份额 {limit} 元垫付（全店上限 ÷ {n} 个收银台）',
    promisesStore: '个人账户和亲情账户额度已扣除其他收银台的离线承诺（门店服务器已应答）',
    promisesShare: '门店服务器无法连接：个人账户和亲情账户额度只按本收银台的份额（余额 ÷ {n} 个收银台）估算',
  },
  {
    store: 'Offline advances are checked against the store-wide limit of {limit} yuan across its {n} counters (the store server answered)',
    share: "The store server cannot be reached: this counter advances within its fixed share of {limit} yuan (the store's limit ÷ {n} counters)",
    promisesStore: "The own account and relative's quota are less what the other counters promised offline (the store server answered)",
    promisesShare:
      "The store server cannot be reached: the own account and relative's quota are estimated at this counter's share only (balance ÷ {n} counters)",
  },
)
