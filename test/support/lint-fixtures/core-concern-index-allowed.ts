// lint as: electron/core/stock/uploads/example.ts
// Another concern through its index.ts (the folder, or index by name), from a concern's subfolder.
import type { OfflineService } from '../../offline'
import type { CatalogSearch } from '../../catalog/index'
import type { Outbox } from '../../sync'

export const allowed: [OfflineService | null, CatalogSearch | null, Outbox | null] = [null, null, null]
