export const CATALOG_CALLS = [
  'searchCatalog',
  'lookupBarcode',
  'lookupStoreCode',
  'catalogStatus',
  'importCatalog',
  'cancelImport',
] as const
export const CATALOG_EVENTS = ['catalogImportProgress', 'catalogImportEnded', 'catalogChanged'] as const
