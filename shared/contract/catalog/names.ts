export const CATALOG_CALLS = [
  'searchCatalog',
  'lookupBarcode',
  'lookupStoreCode',
  'catalogStatus',
  'importCatalog',
  'cancelImport',
  'downloadNationalCatalog',
] as const
export const CATALOG_EVENTS = ['catalogImportProgress', 'catalogImportEnded', 'catalogChanged'] as const
