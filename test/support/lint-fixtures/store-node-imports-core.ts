// lint as: electron/store-node/example.ts
// The store node borrowing the counter's outbox reader instead of the wire in shared/contract/sync/.
import { Outbox } from '../core/sync/outbox-store'

export const reader = Outbox
