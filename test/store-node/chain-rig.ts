import { createHash, randomBytes } from 'node:crypto'
import type { Pool } from 'pg'
import { SYNC_API_VERSION, type OutboxRow, type Registration } from '../../shared/contract/sync/wire'
import { startStoreNode, type StoreNodeServer } from '../../electron/store-node/http'
import { ingestBatch } from '../../electron/store-node/ingest'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { HqRegistry } from '../../electron/store-node/hq/hq-registry'
import { SealBox } from '../../electron/store-node/hq/seal'
import type { IngestHooks } from '../../electron/store-node/ingest'
import type { UplinkOptions } from '../../electron/store-node/hq/uplink'
import type { HqPageOptions } from '../../electron/store-node/hq/page'

export const HQ_ADMIN = 'hq-admin-token'
export const clock = { now: () => new Date() }

/** A customer as a real gateway's answer names them: HQ must end up holding none of it. */
export const PEOPLE = [
  { psn_no: '41010099000000000001', psn_name: '王建国', certno: '410102195001011234', insuplc: '410100' },
  { psn_no: '41010099000000000002', psn_name: '李秀英', certno: '410102196203052345', insuplc: '410105' },
  { psn_no: '11010099000000000003', psn_name: '张伟', certno: '110101198807073456', insuplc: '110101' },
  { psn_no: '31010099000000000004', psn_name: '刘芳', certno: '310101199112124567', insuplc: '310104' },
] as const

/** One insured sale (and maybe its revoke) in integer fen; the parts add up as nhsa-interface.md says. */
export interface SaleSpec {
  day: string
  person: number
  fund: number
  account: number
  mutualAid: number
  cash: number
  goods: number
  insutype: '310' | '390'
  refunded: boolean
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const yuan = (fen: number) => fen / 100

/** The n-th msgid of a counter on `day` (CST), with its own two digits. */
function msgidOf(storeId: string, day: string, terminalNo: number, n: number): string {
  const at = new Date(Date.parse(`${day}T09:00:00+08:00`) + Math.floor(n / 100) * 1000 + 8 * 3600_000)
  return `${storeId}${at.toISOString().replace(/\D/g, '').slice(0, 14)}${String(terminalNo).padStart(2, '0')}${String(n % 100).padStart(2, '0')}`
}

/** A counter of a chain store, fed rows as its outbox would carry them, through the store node's own ingestion. */
export class ChainCounter {
  seq = 0
  private msgs = 0
  sales = 0
  constructor(
    readonly store: ChainStore,
    readonly reg: Registration,
  ) {}

  rows(items: { tbl: OutboxRow['tbl']; pk: string; op?: OutboxRow['op']; body: object }[]): OutboxRow[] {
    return items.map((i) => {
      const text = JSON.stringify(i.body)
      return { seq: ++this.seq, tbl: i.tbl, pk: i.pk, op: i.op ?? 'insert', body: text, body_sha256: sha(text) }
    })
  }

  /** A settled insured sale (2101, 2102 answered) and, when asked, its revoke (2103 answered), as outbox rows. */
  saleRows(s: SaleSpec): OutboxRow[] {
    const p = PEOPLE[s.person]
    const no = this.reg.terminal_no
    const n = ++this.sales
    const id = `00000000-0000-4000-8${String(no).padStart(3, '0')}-${this.store.storeId.slice(-4)}${String(n).padStart(8, '0')}`
    const medical = s.fund + s.account + s.mutualAid + s.cash
    const setlinfo = (setlId: string) => ({
      setl_id: setlId,
      mdtrt_id: `MD${id.slice(-12)}`,
      psn_no: p.psn_no,
      psn_name: p.psn_name,
      certno: p.certno,
      gend: '1',
      brdy: '1950-01-01',
      psn_cert_type: '01',
      insutype: s.insutype,
      clr_type: '41',
      clr_optins: this.store.admdvs,
      setl_time: `${s.day} 10:00:00`,
      medfee_sumamt: yuan(medical),
      fund_pay_sumamt: yuan(s.fund),
      psn_part_amt: yuan(s.account + s.mutualAid + s.cash),
      acct_pay: yuan(s.account),
      acct_mulaid_pay: yuan(s.mutualAid),
      psn_cash_pay: yuan(s.cash),
      hosp_part_amt: 0,
      insuplc_admdvs: p.insuplc,
    })
    const msg = (infno: string, response: object | null) => {
      const msgid = msgidOf(this.store.storeId, s.day, no, ++this.msgs)
      return {
        tbl: 'platform_messages' as const,
        pk: msgid,
        body: {
          msgid,
          sale_id: id,
          infno,
          state: 'answered',
          request: JSON.stringify({ data: { psn_no: p.psn_no, mdtrt_cert_type: '02' } }),
          response: response && JSON.stringify(response),
          error: null,
          attempts: 1,
          created_at: `${s.day}T02:00:00.000Z`,
          updated_at: `${s.day}T02:00:01.000Z`,
        },
      }
    }
    const setlId = `ST${id.slice(-16)}`
    const sale = {
      id,
      kind: 'pharmacy',
      state: s.refunded ? 'refunded' : 'settled',
      terminal_id: `T${no}`,
      cashier: `C0${no}`,
      created_at: `${s.day}T02:00:00.000Z`,
      updated_at: `${s.day}T02:00:01.000Z`,
      training: 0,
      psn_no: p.psn_no,
      insuplc_admdvs: p.insuplc,
      insutype: s.insutype,
      name_masked: `${p.psn_name[0]}*`,
      medfee_fen: medical,
      goods_fen: s.goods,
      setl_id: setlId,
      setlinfo: JSON.stringify(setlinfo(setlId)),
      pay_method: 'cash',
    }
    return this.rows([
      { tbl: 'sales', pk: id, body: sale },
      msg('2101', { setlinfo: {} }),
      msg('2102', setlinfo(setlId)),
      ...(s.refunded ? [msg('2103', setlinfo(`SR${id.slice(-16)}`))] : []),
      // The audit trail names people in free text: it never goes up.
      { tbl: 'audit_log', pk: String(this.seq + 1), body: { seq: this.seq + 1, action: 'sale.settled', detail: JSON.stringify({ person: p.psn_name }) } },
    ])
  }

  push(rows: OutboxRow[]): Promise<number> {
    return ingestBatch(this.store.pool, clock, { terminal_uid: this.reg.terminal_uid, rows })
  }

  /** The counter says it had nothing unsent (its watermark at the store). */
  async caughtUp(): Promise<void> {
    await this.store.pool.query('UPDATE terminals SET reported_through = $2 WHERE terminal_uid = $1 AND acked_seq = $3', [
      this.reg.terminal_uid,
      clock.now(),
      this.seq,
    ])
  }
}

/** A store node of the chain on its own database, with its counters, paired with HQ. */
export class ChainStore {
  readonly counters: ChainCounter[] = []
  private constructor(
    readonly pool: Pool,
    readonly node: StoreNodeServer,
    readonly storeId: string,
    readonly admdvs: string,
    readonly seal: SealBox,
  ) {}

  static async start(pool: Pool, storeId: string, name: string, admdvs: string, counters: number, uplink: UplinkOptions = {}): Promise<ChainStore> {
    const registry = new TerminalRegistry(pool, clock)
    await registry.addStore(storeId, name)
    const seal = new SealBox(randomBytes(32))
    // The uplink's background rounds are far apart: each test drives its rounds itself.
    const node = await startStoreNode({ pool, clock, adminToken: 'store-admin', seal, uplink: { intervalMs: 3_600_000, backoffMs: 3_600_000, ...uplink } })
    const s = new ChainStore(pool, node, storeId, admdvs, seal)
    for (let i = 0; i < counters; i++) {
      const label = `${i + 1} 号收银台`
      s.counters.push(new ChainCounter(s, await registry.pair((await registry.newPairingCode(storeId, label)).code, label)))
    }
    return s
  }

  /** Pairs the store with HQ through the store node's own call, as its manager does. */
  async pairWithHq(hqPool: Pool, hqUrl: string, name: string): Promise<void> {
    const { code } = await new HqRegistry(hqPool, clock).newPairingCode(this.storeId, name, this.admdvs)
    await this.node.uplink!.link(this.storeId, hqUrl, code)
  }

  uplink() {
    return this.node.uplink!
  }

  close() {
    return this.node.close()
  }
}

export function startHq(pool: Pool, hooks?: IngestHooks, page?: HqPageOptions): Promise<StoreNodeServer> {
  return startStoreNode({ pool, clock, adminToken: HQ_ADMIN, role: 'hq', hooks, page })
}

export async function hqCall<T>(hq: StoreNodeServer, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, hq.url), {
    method: 'POST',
    headers: { 'x-admin-token': HQ_ADMIN, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as T }
}

export const pushBody = (storeUid: string, source: object, rows: OutboxRow[]) => ({ version: SYNC_API_VERSION, store_uid: storeUid, source, rows })
