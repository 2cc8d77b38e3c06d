export const STOCK_CALLS = [
  'receiveStock',
  'returnToSupplier',
  'correctStock',
  'postStocktake',
  'setStockItem',
  'lookupTraceCode',
  'suggestLots',
  'counterLots',
  'stockLots',
  'stockOnHand',
  'stockAlerts',
  'stockLedger',
  'stockCharts',
  'exportStock',
  'stockSettings',
  'updateStockSettings',
] as const
export const STOCK_EVENTS = ['stockChanged'] as const
