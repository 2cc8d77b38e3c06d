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
  'holdSale',
  'listHeldSales',
  'recallHeldSale',
] as const
export const SALE_EVENTS = ['journalStatus', 'saleChanged'] as const
