// lint as: electron/core/sale/example.ts
// A file inside a concern never listed by name: every folder under electron/core/ is closed.
import { clinicBatchNo } from '../clinic/wire'

export const batch = clinicBatchNo
