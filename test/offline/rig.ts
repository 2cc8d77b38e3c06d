import { join } from 'node:path'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import type { GatewayProfile } from '../../shared/nhsa/profiles'
import { EventBus } from '../../electron/core/events'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { StockUploads } from '../../electron/core/stock/uploads/service'
import { estimateSale } from '../../electron/core/offline/estimate'
import type { PipelineOptions } from '../../electron/core/offline/forwarder'
import type { OfflineMode } from '../../electron/core/offline/offline-settings'
import { OfflineService } from '../../electron/core/offline/service'
import { PlatformClient } from '../../electron/core/platform/client'
import { msgidSequenceFor } from '../../electron/core/platform/msgid'
import { createTifTransport } from '../../electron/core/platform/transport'
import { MemberRegistry } from '../../electron/core/sale/member-registry'
import { installCredentialVault } from '../../electron/core/secrets/credential-vault'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-service'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import { DEMO } from '../../electron/sandbox'
import type { CatalogItem } from '../../shared/catalog/schemas'
import type { Settings } from '../../shared/contract'
import type { SaleLineInput } from '../../shared/sale/schemas'

export const PHARMACY = DEMO.institutions.pharmacy

/** A clock a test moves by hand: an outage of a day takes no day. */
export class TestClock {
  private offsetMs = 0
  now = () => new Date(Date.now() + this.offsetMs)
  advance(ms: number) {
    this.offsetMs += ms
  }
}

/**
 * The catalog facts of the items these tests sell, as the store's catalog holds them after the
 * national import (the same rows the sandbox's demo catalog lists).
 */
export const ITEMS = {
  amlodipine: {
    storeCode: 'SP00002',
    nationalCode: 'XC08CAA083A001010104082',
    name: '苯磺酸氨氯地平片',
    price: '20.00',
    chrgitmLv: '01',
    selfpayProp: '0.00',
    priceCap: null,
    rxFlag: true,
  },
  valsartan: {
    storeCode: 'SP00003',
    nationalCode: 'XC09CAX046A001010101937',
    name: '缬沙坦胶囊',
    price: '28.60',
    chrgitmLv: '02',
    selfpayProp: '0.10',
    priceCap: '25.00',
    rxFlag: true,
  },
  shampoo: { storeCode: 'SG00001', nationalCode: null, name: '去屑洗发水', price: '15.00', chrgitmLv: null, selfpayProp: null, priceCap: null, rxFlag: false },
} as const
type ItemKey = keyof typeof ITEMS

function catalogItem(code: string): CatalogItem | null {
  const i = Object.values(ITEMS).find((x) => x.storeCode === code)
  if (!i) return null
  return {
    storeCode: i.storeCode,
    barcode: null,
    name: i.name,
    spec: '',
    maker: '',
    unit: '盒',
    price: i.price,
    stock: 100,
    kind: i.nationalCode ? 'drug' : 'goods',
    nationalCode: i.nationalCode,
    nationalMatched: Boolean(i.nationalCode),
    listType: i.nationalCode ? '101' : null,
    chrgitmLv: i.chrgitmLv,
    classLabel: null,
    selfpayProp: i.selfpayProp,
    priceCap: i.priceCap,
    rxFlag: i.rxFlag,
    insuredEligible: Boolean(i.nationalCode),
  }
}

let codeSerial = 0
/** A 20-digit traceability code never used before in this process (terminal number first). */
export function traceCode(terminalNo: number): string {
  codeSerial += 1
  return `9${String(terminalNo).padStart(2, '0')}${String(process.pid % 100000).padStart(5, '0')}${String(codeSerial).padStart(12, '0')}`
}

export interface Terminal {
  no: number
  db: Db
  clock: TestClock
  offline: OfflineService
  platform: PlatformClient
  registry: MemberRegistry
  journal: SaleJournal
  settings: Settings
  /** The stock uploads as the core wires them: a sale's 3505 built in its answer's commit. */
  uploads: StockUploads
  close(): Promise<void>
}

/** One counter's core parts on its own data directory, against a sandbox platform over HTTP. */
export function openTerminal(
  dataDir: string,
  platformUrl: string,
  opts: {
    no: number
    terminalId?: string
    clock?: TestClock
    timeoutMs?: number
    fixmedinsCode?: string
    probeOnlineMs?: number
    pipeline?: PipelineOptions
    profile?: GatewayProfile
  } = { no: 1 },
): Terminal {
  const clock = opts.clock ?? new TestClock()
  const db = openDatabase(join(dataDir, 'gongji.db'), coreMigrations)
  // As the core does (core.ts): the snapshot key and the sealed credentials need the per-install vault.
  installCredentialVault(db, new SecretStore(db, clock, fileKeyBox(dataDir)))
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    fixmedinsCode: opts.fixmedinsCode ?? PHARMACY.fixmedins_code,
    fixmedinsName: PHARMACY.fixmedins_name,
    admdvs: PHARMACY.admdvs,
    terminalId: opts.terminalId ?? `T${String(opts.no).padStart(2, '0')}`,
    terminalNo: opts.no,
    trainingMode: false,
  }
  const msgids = msgidSequenceFor(db, clock, settings)
  const transport = createTifTransport({
    baseUrl: platformUrl,
    paasid: DEMO.paasid,
    secret: DEMO.secret,
    timeoutMs: opts.timeoutMs ?? 3000,
    clock,
    profile: opts.profile,
  })
  const platform = new PlatformClient(
    { fixmedinsCode: settings.fixmedinsCode, fixmedinsName: settings.fixmedinsName, admdvs: settings.admdvs, opter: settings.terminalId, opterName: '收银员' },
    transport,
    msgids,
    clock,
    opts.profile,
  )
  const audit = new AuditTrail(db, clock)
  const offline = new OfflineService({
    db,
    clock,
    audit,
    events: new EventBus(),
    settings: () => settings,
    connection: { current: async () => ({ client: platform }) },
    probeOnlineMs: opts.probeOnlineMs ?? 500,
    probeOfflineMs: 100,
    backoffMs: 5,
    maxBackoffMs: 200,
    pipeline: opts.pipeline,
  })
  // As the core does (stock/uploads/module.ts): a sale's stock uploads are built in its settlement's transaction.
  const uploads = new StockUploads({ db, clock, audit, queue: offline.queue, catalog: () => undefined })
  offline.queue.useSaleUploads(
    (saleId, infno) => uploads.forSale(saleId, infno),
    (fn) => uploads.group(fn),
  )
  const registry = new MemberRegistry(clock, (id, snap) => offline.snapshots.remember(id, snap))
  const journal = new SaleJournal(db, clock, null, audit, { terminalId: settings.terminalId, training: () => false })
  return {
    no: opts.no,
    db,
    clock,
    offline,
    platform,
    registry,
    journal,
    settings,
    uploads,
    async close() {
      await offline.close()
      db.close()
    },
  }
}

/**
 * Identifies a demo person online by a fresh QR code, as the counter does (the snapshot is kept). These outage
 * tests estimate and lend against a named relative's quota, which a store knows only under the provincial
 * extension "store-chosen relative"; the national default (no quota seen offline) is counter-offline.test.ts.
 */
export async function seeOnline(t: Terminal, sandboxUrl: string, psnNo: string) {
  const res = await fetch(`${sandboxUrl.replace(/\/$/, '')}/sandbox/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ psn_no: psnNo }),
  })
  const { qrcode } = (await res.json()) as { qrcode: string }
  return t.registry.identify(t.platform, t.settings.admdvs, { qrCode: qrcode }, { storeChosenRelative: true })
}

export interface OfflineSaleSpec {
  idCardNo: string
  lines: { item: ItemKey; qty: number }[]
  mode: OfflineMode
  mulaidId?: string
  acctUsed?: boolean
  cashier?: string
}

/**
 * Rings up an insured sale offline the way the counter does: identity from the snapshot by ID card
 * number, the draft, the estimate with the platform's calculator, then the queue.
 */
export function sellOffline(t: Terminal, spec: OfflineSaleSpec) {
  const found = t.offline.snapshots.find(spec.idCardNo)
  if (!found) throw new Error('not seen online')
  const view = t.registry.adopt(found.snapshot, spec.idCardNo)
  const { member } = t.registry.resolve(view.ref, spec.mulaidId)
  const quota = spec.mulaidId ? view.quotas.find((q) => q.mulaidId === spec.mulaidId) : undefined
  const lines: SaleLineInput[] = spec.lines.map(({ item, qty }) => {
    const i = ITEMS[item]
    const insured = Boolean(i.nationalCode)
    return {
      storeCode: i.storeCode,
      nationalCode: i.nationalCode ?? undefined,
      name: i.name,
      qty: String(qty),
      price: i.price,
      insured,
      rxFlag: i.rxFlag,
      traceCodes: insured ? Array.from({ length: qty }, () => traceCode(t.no)) : [],
      class: insured ? (i.chrgitmLv === '02' ? 'B' : 'A') : 'self',
    }
  })
  const sale = t.journal.ledger.open(
    {
      member,
      lines,
      acctUsed: spec.acctUsed ?? true,
      mulaidId: spec.mulaidId,
      mulaidPayer: quota ? { payerNameMasked: quota.payerNameMasked, relation: quota.relation } : undefined,
      rxno: 'RX-OFFLINE',
      pharmacist: '李药师',
    },
    spec.cashier ?? 'C001',
  )
  const estimate = estimateSale({
    sale,
    lines: t.journal.ledger.lines(sale.id),
    item: catalogItem,
    snapshot: t.offline.snapshots.byPsnNo(member.psnNo)!,
    policy: sale.insuplc_admdvs ? t.offline.policies.get(sale.insuplc_admdvs) : null,
    pending: t.offline.queue.promised(member.psnNo, sale.mulaid_id),
  })
  const total = sale.medfee_fen + sale.goods_fen
  const tendered = spec.mode === 'deposit' ? (total / 100).toFixed(2) : estimate.cashDue
  return t.offline.queue.enqueueSale({ saleId: sale.id, mode: spec.mode, payment: { method: 'cash', tendered }, estimate, actor: spec.cashier ?? 'C001' })
}

export async function admin<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const send = () =>
    fetch(`${url.replace(/\/$/, '')}/sandbox/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  // After the tests block the event loop for minutes (thousands of sales queued synchronously), the
  // pooled keep-alive socket may be closed by the server just as it is reused. Reads and calls that set
  // a state outright (faults, clock, a quota) can safely be tried once more on a fresh socket.
  const idempotent = method === 'GET' || method === 'PUT' || method === 'DELETE' || path === 'faults' || path === 'clock'
  const res = await send().catch((e: Error & { cause?: { code?: string } }) => {
    if (!idempotent || e.cause?.code !== 'ECONNRESET') throw e
    return send()
  })
  const json = (await res.json()) as T
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

export interface LedgerEntry {
  kind: string
  msgid: string
  setl_id: string
  medfee_sumamt: number
  fund_pay_sumamt: number
  acct_pay: number
  acct_mulaid_pay: number
  psn_cash_pay: number
}

export async function ledger(url: string, fixmedinsCode = PHARMACY.fixmedins_code): Promise<LedgerEntry[]> {
  return (await admin<{ entries: LedgerEntry[] }>(url, 'GET', `ledger?fixmedins_code=${fixmedinsCode}`)).entries
}

/** Waits until every terminal's queue is empty (or fails after the timeout). */
export async function drained(terminals: Terminal[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (terminals.every((t) => t.offline.queue.status().queued === 0)) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`queues not empty after ${timeoutMs} ms: ${terminals.map((t) => t.offline.queue.status().queued).join(', ')}`)
}
