import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { PHARMACY_WIRE } from '../../electron/core/sale/wire'
import { PlatformClient } from '../../electron/core/platform/client'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { createTifTransport } from '../../electron/core/platform/transport'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { DEMO, identify, NIFEDIPINE, PHARMACY } from '../support/journal-rig'

/**
 * Another system speaking for the same pharmacy (an old terminal, a second till): what it settles the
 * platform has and our journal never saw. It runs on the test day's clock, as the sandbox does. From
 * this counter's side a second till and a foreign system look alike: only the manager's declaration
 * that this PC is the only medical-insurance terminal lets reconciliation treat its settlements as orphans.
 */
export function otherSystem(dataDir: string, platformUrl: string, clock: { now: () => Date }): { db: Db; platform: PlatformClient; journal: SaleJournal } {
  const db = openDatabase(join(dataDir, 'other.db'), coreMigrations)
  const msgids = new MsgidSequence(db, clock, PHARMACY.fixmedins_code, 9)
  const transport = createTifTransport({ baseUrl: platformUrl, paasid: DEMO.paasid, secret: DEMO.secret, timeoutMs: 5000, clock })
  const platform = new PlatformClient(
    { fixmedinsCode: PHARMACY.fixmedins_code, fixmedinsName: PHARMACY.fixmedins_name, admdvs: PHARMACY.admdvs, opter: 'X001', opterName: '旧终端' },
    transport,
    msgids,
    clock,
  )
  const journal = new SaleJournal(db, clock, { platform, msgids }, new AuditTrail(db, clock), { terminalId: 'T09', wires: { pharmacy: PHARMACY_WIRE } })
  return { db, platform, journal }
}

/** The other system settles `boxes` of nifedipine for a demo person: a settlement our journal never sees. */
export async function otherSettles(other: ReturnType<typeof otherSystem>, platformUrl: string, psnNo: string, boxes = 1) {
  const member = await identify({ url: platformUrl }, other.platform, psnNo)
  const sale = other.journal.ledger.open({ kind: 'pharmacy', member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: String(boxes) }] } as never, 'X001')
  await other.journal.presettle(sale.id, 'X001')
  return other.journal.settle(sale.id, 'X001')
}
