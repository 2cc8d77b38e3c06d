export const SALE_CALLS = [
  'identifyMember',
  'trainingMembers',
  'openSale',
  'presettleSale',
  'settleSale',
  'collectCash',
  'voidSale',
  'refundSale',
  'returnItems',
  'getSale',
  'listSales',
  'journalStatus',
] as const
export const SALE_EVENTS = ['journalStatus', 'saleChanged'] as const
