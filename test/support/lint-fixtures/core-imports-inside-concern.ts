// lint as: electron/core/sale/example.ts
// A concern reaching past another concern's index.ts into one of its files.
import type { OfflineService } from '../offline/service'

export const offline: OfflineService | null = null
