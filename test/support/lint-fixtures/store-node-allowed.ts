// lint as: electron/store-node/example.ts
// What the store node may import: its own files, electron/base/ and shared/.
import type { Clock } from '../base/clock'
import { pushRequestSchema } from '../../shared/contract/sync/wire'
import { StoreNodeError } from './errors'

export const allowed: [Clock | null, typeof pushRequestSchema, typeof StoreNodeError] = [null, pushRequestSchema, StoreNodeError]
