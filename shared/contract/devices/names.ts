export const DEVICES_CALLS = [
  'getPrinterSettings',
  'savePrinterSettings',
  'testPrint',
  'getPrinterStatus',
  'listPrintJobs',
  'reprintSale',
  'retryPrintJob',
  'previewPrintJob',
  'openCashDrawer',
  'getScannerSettings',
  'saveScannerSettings',
  'getScannerStatus',
  'listSerialPorts',
  'submitScan',
] as const
export const DEVICES_EVENTS = ['printerStatus', 'printJob', 'scan', 'scannerStatus'] as const
