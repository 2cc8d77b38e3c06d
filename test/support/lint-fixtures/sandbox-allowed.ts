// lint as: electron/sandbox/national/handlers/example.ts
// What the simulator may import: its own files, electron/base/ and shared/.
import type { Db } from '../../../base/store/database'
import { yuan } from '../../../../shared/money/money'
import { wireDateTime } from '../../time'

export const allowed: [Db | null, typeof yuan, typeof wireDateTime] = [null, yuan, wireDateTime]
