import { join } from 'node:path'
import { installCredentialVault } from '../../electron/core/secrets/credential-vault'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { DEMO, startSandbox, type RunningSandbox } from '../../electron/sandbox'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import type { Clock } from '../../electron/base/clock'
import type { JournalHooks } from '../../electron/core/journal/hooks'
import { SaleJournal, type JournalOptions } from '../../electron/core/journal/sale-journal'
import { VisitJournal } from '../../electron/core/clinic/visit-journal'
import { CLINIC_WIRE } from '../../electron/core/clinic/wire'
import { PHARMACY_WIRE } from '../../electron/core/sale/wire'
import { PlatformClient } from '../../electron/core/platform/client'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { createTifTransport } from '../../electron/core/platform/transport'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import type { Member } from '../../shared/sale/schemas'
import type { GatewayProfile } from '../../shared/nhsa/profiles'

export const PHARMACY = DEMO.institutions.pharmacy
export const clock: Clock = { now: () => new Date() }

export interface Rig {
  db: Db
  platform: PlatformClient
  journal: SaleJournal
  /** The clinic's visit messages (2201-2205) over the same journal. */
  visits: VisitJournal
  audit: AuditTrail
}

/** Who works a journal: the institution signed in, its operator, and the terminal (its msgids' number). */
export interface Desk {
  institution: { fixmedins_code: string; fixmedins_name: string; admdvs: string }
  opter: string
  opterName: string
  terminalId: string
  terminalNo: number
}

/** A test journal settles both kinds: the pharmacy's sales and the clinic's visits. */
export const BOTH_WIRES: JournalOptions['wires'] = { pharmacy: PHARMACY_WIRE, clinic: CLINIC_WIRE }

export const COUNTER_DESK: Desk = { institution: PHARMACY, opter: 'C001', opterName: '收银员', terminalId: 'T01', terminalNo: 1 }

/** The client side of a desk (the pharmacy counter unless told), against a platform URL, on a real database file in dataDir. */
export function buildRig(
  dataDir: string,
  platformUrl: string,
  opts: {
    hooks?: JournalHooks
    timeoutMs?: number
    terminalNo?: number
    desk?: Desk
    onAnswered?: JournalOptions['onAnswered']
    profile?: GatewayProfile
  } = {},
): Rig {
  const desk = opts.desk ?? COUNTER_DESK
  const { fixmedins_code, fixmedins_name, admdvs } = desk.institution
  const db = openDatabase(join(dataDir, 'gongji.db'), coreMigrations)
  // As the core does (core.ts): credentials a resend needs are sealed by the per-install vault.
  installCredentialVault(db, new SecretStore(db, clock, fileKeyBox(dataDir)))
  const msgids = new MsgidSequence(db, clock, fixmedins_code, opts.terminalNo ?? desk.terminalNo)
  const transport = createTifTransport({
    baseUrl: platformUrl,
    paasid: DEMO.paasid,
    secret: DEMO.secret,
    timeoutMs: opts.timeoutMs ?? 3000,
    clock,
    profile: opts.profile,
  })
  const identity = { fixmedinsCode: fixmedins_code, fixmedinsName: fixmedins_name, admdvs, opter: desk.opter, opterName: desk.opterName }
  const platform = new PlatformClient(identity, transport, msgids, clock, opts.profile)
  const audit = new AuditTrail(db, clock)
  const journal = new SaleJournal(db, clock, { platform, msgids }, audit, {
    terminalId: desk.terminalId,
    hooks: opts.hooks,
    backoffMs: 20,
    maxBackoffMs: 200,
    onAnswered: opts.onAnswered,
    wires: BOTH_WIRES,
  })
  return { db, platform, journal, visits: new VisitJournal(journal, db, audit), audit }
}

export async function admin<T = unknown>(sandbox: { url: string }, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url.replace(/\/$/, '')}/sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as T
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Identifies a demo person the way the counter does: fresh QR code -> decode -> 1101. */
export async function identify(sandbox: RunningSandbox | { url: string }, platform: PlatformClient, psnNo: string): Promise<Member> {
  const { qrcode } = await admin<{ qrcode: string }>(sandbox, 'POST', 'credentials', { psn_no: psnNo })
  const ec = await platform.decodeQr(qrcode)
  const { output } = await platform.call('1101', { data: { mdtrt_cert_type: '01', mdtrt_cert_no: ec.ecToken } })
  const insu = output.insuinfo[0]
  return {
    psnNo: output.baseinfo.psn_no,
    insuplcAdmdvs: insu.insuplc_admdvs,
    insutype: insu.insutype,
    psnType: insu.psn_type,
    certType: '01',
    certNo: ec.ecToken,
    nameMasked: '王*国',
  }
}

export const NIFEDIPINE = {
  storeCode: 'S-0001',
  nationalCode: 'XC08CAA083A001010104082',
  name: '苯磺酸氨氯地平片',
  price: '20.00',
  insured: true,
  class: 'A' as const,
}

export { DEMO, startSandbox }
export type { RunningSandbox }
