import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import type { JournalHooks } from '../../electron/core/journal/hooks'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { PlatformClient } from '../../electron/core/platform/client'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { createTifTransport } from '../../electron/core/platform/transport'
import { openDatabase } from '../../electron/core/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { clock, DEMO, type Rig } from '../support/journal-rig'

export const CLINIC = DEMO.institutions.clinic

/** The front desk's journal against a platform URL, signed in as the demo clinic, on a real database file. */
export function buildClinicRig(dataDir: string, platformUrl: string, opts: { hooks?: JournalHooks; timeoutMs?: number } = {}): Rig {
  const db = openDatabase(join(dataDir, 'gongji.db'), coreMigrations)
  const msgids = new MsgidSequence(db, clock, CLINIC.fixmedins_code, 2)
  const transport = createTifTransport({ baseUrl: platformUrl, paasid: DEMO.paasid, secret: DEMO.secret, timeoutMs: opts.timeoutMs ?? 3000, clock })
  const platform = new PlatformClient(
    { fixmedinsCode: CLINIC.fixmedins_code, fixmedinsName: CLINIC.fixmedins_name, admdvs: CLINIC.admdvs, opter: 'D001', opterName: '前台' },
    transport,
    msgids,
    clock,
  )
  const audit = new AuditTrail(db, clock)
  const journal = new SaleJournal(db, clock, { platform, msgids }, audit, { terminalId: 'T02', hooks: opts.hooks, backoffMs: 20, maxBackoffMs: 200 })
  return { db, platform, journal, audit }
}
