export const UPLOADS_CALLS = [
  'stockUploadIssues',
  'stockUploadsRecent',
  'resendStockUpload',
  'dismissStockUpload',
  'withdrawStockUpload',
  'stockUploadFacts',
  'setStockUploadFact',
] as const
export const UPLOADS_EVENTS = ['stockUploadsChanged'] as const
