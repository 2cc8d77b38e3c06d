import { defineMessages } from '../../../i18n'

/** Words of the store's one offline advance pool (store mode). */
export const useStorePoolMessages = defineMessages(
  {
    store: '离线垫付按全店 {n} 个收银台合计的上限 {limit} 元核对（门店服务器已应答）',
    share: '门店服务器无法连接：本收银台按固定份额 {limit} 元垫付（全店上限 ÷ {n} 个收银台）',
  },
  {
    store: 'Offline advances are checked against the store-wide limit of {limit} yuan across its {n} counters (the store server answered)',
    share: "The store server cannot be reached: this counter advances within its fixed share of {limit} yuan (the store's limit ÷ {n} counters)",
  },
)
