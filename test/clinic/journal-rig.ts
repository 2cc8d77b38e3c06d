import type { JournalHooks } from '../../electron/core/journal/hooks'
import { buildRig, DEMO, type Desk, type Rig } from '../support/journal-rig'

export const CLINIC = DEMO.institutions.clinic
const FRONT_DESK: Desk = { institution: CLINIC, opter: 'D001', opterName: '前台', terminalId: 'T02', terminalNo: 2 }

/** The front desk's journal against a platform URL, signed in as the demo clinic, on a real database file. */
export function buildClinicRig(dataDir: string, platformUrl: string, opts: { hooks?: JournalHooks; timeoutMs?: number } = {}): Rig {
  return buildRig(dataDir, platformUrl, { ...opts, desk: FRONT_DESK })
}
