import { z } from 'zod'
import type { Db } from '../../base/store/database'
import { fromFen, toFen, toWireNumber } from '../../../shared/money/money'
import { relationSchema } from '../../../shared/nhsa/codes'
import { parseWire } from '../../../shared/nhsa/issues'
import { amountSchema, dateSchema, fixmedinsCodeSchema } from '../../../shared/nhsa/wire'
import { regionPolicySchema } from '../../../shared/settlement/policy'
import { generateCatalog } from '../catalog/generator'
import type { SandboxClock } from '../clock'
import { issueQrCode } from '../domain/credentials'
import { createRelationship, endRelationship, lapseQuotas, setQuota, type MutualAidRow } from '../domain/mutual-aid'
import { changeInsurance, createPerson, findPerson, insuranceChangeSchema, newPersonSchema } from '../domain/persons'
import { listPolicies, savePolicy } from '../domain/policies'
import { AdminError } from '../errors'
import { faultConfigSchema, type Faults } from '../faults'
import { maskName } from '../mask'
import { startOfCstDay } from '../time'
import { prepared } from '../../base/store/statements'

export interface AdminDeps {
  db: Db
  clock: SandboxClock
  faults: Faults
}

export interface AdminRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

const y = (fen: number) => toWireNumber(fromFen(fen))

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = parseWire(schema, body, '')
  if (!r.ok) throw new AdminError(400, r.message)
  return r.value
}

function personView(db: Db, psnNo: string) {
  const p = findPerson(db, psnNo)
  if (!p) throw new AdminError(404, `psn_no ${psnNo} 不存在`)
  const rels = prepared(
    db,
    `SELECT m.*, payer.name AS payer_name, ben.name AS beneficiary_name FROM mutual_aid m
       JOIN persons payer ON payer.psn_no = m.payer_psn_no JOIN persons ben ON ben.psn_no = m.beneficiary_psn_no
       WHERE m.payer_psn_no = ? OR m.beneficiary_psn_no = ? ORDER BY m.mulaid_id`,
  ).all(psnNo, psnNo) as (MutualAidRow & { payer_name: string; beneficiary_name: string })[]
  const acc = prepared(db, 'SELECT year, bucket, deductible_used, fund_paid FROM accumulators WHERE psn_no = ? ORDER BY year, bucket').all(psnNo) as {
    year: number
    bucket: string
    deductible_used: number
    fund_paid: number
  }[]
  const rel = (r: (typeof rels)[number]) => ({
    mulaid_id: r.mulaid_id,
    relation: r.relation,
    payer_psn_no: r.payer_psn_no,
    payer_name: maskName(r.payer_name),
    beneficiary_psn_no: r.beneficiary_psn_no,
    beneficiary_name: maskName(r.beneficiary_name),
    quota_balc: y(r.quota_balc),
    status: r.status,
    begndate: r.begndate,
    end_reason: r.end_reason,
  })
  return {
    psn_no: p.psn_no,
    name: maskName(p.name),
    insutype: p.insutype,
    psn_type: p.psn_type,
    insuplc_admdvs: p.insuplc_admdvs,
    status: p.status,
    acct_balance: y(p.acct_balance),
    acct_frozen: y(p.acct_frozen),
    acct_free: y(p.acct_balance - p.acct_frozen),
    as_payer: rels.filter((r) => r.payer_psn_no === psnNo).map(rel),
    as_beneficiary: rels.filter((r) => r.beneficiary_psn_no === psnNo).map(rel),
    accumulators: acc.map((a) => ({ year: a.year, bucket: a.bucket, deductible_used: y(a.deductible_used), fund_paid: y(a.fund_paid) })),
  }
}

const ledgerQuerySchema = z.object({
  fixmedins_code: fixmedinsCodeSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
})

/** The stock uploads (进销存) the platform accepted, per institution, in order; withdrawn ones say so. */
function inventory(db: Db, query: URLSearchParams) {
  const q = parse(z.object({ fixmedins_code: fixmedinsCodeSchema.optional() }), Object.fromEntries([...query.entries()].filter(([, v]) => v !== '')))
  const uploads = prepared(db, 'SELECT * FROM inventory_uploads WHERE (? IS NULL OR fixmedins_code = ?) ORDER BY seq').all(
    q.fixmedins_code ?? null,
    q.fixmedins_code ?? null,
  )
  return { uploads }
}

function ledger(db: Db, query: URLSearchParams) {
  const q = parse(ledgerQuerySchema, Object.fromEntries([...query.entries()].filter(([, v]) => v !== '')))
  const from = q.from ? startOfCstDay(q.from).toISOString() : null
  const to = q.to ? new Date(startOfCstDay(q.to).getTime() + 24 * 3600 * 1000).toISOString() : null
  const rows = prepared(
    db,
    `SELECT * FROM ledger WHERE (? IS NULL OR fixmedins_code = ?) AND (? IS NULL OR occurred_at >= ?) AND (? IS NULL OR occurred_at < ?)
       ORDER BY entry_id`,
  ).all(q.fixmedins_code ?? null, q.fixmedins_code ?? null, from, from, to, to) as {
    entry_id: number
    kind: string
    infno: string
    msgid: string
    fixmedins_code: string
    setl_id: string
    ref_msgid: string | null
    psn_no: string
    medfee: number
    fund: number
    acct: number
    mulaid: number
    cash: number
    mulaid_id: string | null
    occurred_at: string
  }[]
  return {
    entries: rows.map((r) => ({
      entry_id: r.entry_id,
      kind: r.kind,
      infno: r.infno,
      msgid: r.msgid,
      fixmedins_code: r.fixmedins_code,
      setl_id: r.setl_id,
      ref_msgid: r.ref_msgid,
      psn_no: r.psn_no,
      medfee_sumamt: y(r.medfee),
      fund_pay_sumamt: y(r.fund),
      psn_part_amt: y(r.acct + r.mulaid + r.cash),
      acct_pay: y(r.acct),
      acct_mulaid_pay: y(r.mulaid),
      psn_cash_pay: y(r.cash),
      mulaid_id: r.mulaid_id,
      occurred_at: r.occurred_at,
    })),
  }
}

const catalogGenerateSchema = z.object({ count: z.number().int().min(1).max(2_000_000), seed: z.number().int() })

const PARAM_COLLECTIONS = new Set(['persons', 'mutual-aid', 'policies'])

/** The administration API; each call runs in one transaction and answers [status, body]. */
export function handleAdmin(deps: AdminDeps, req: AdminRequest): [number, unknown] {
  const { db, clock } = deps
  const now = clock.now()
  const seg = req.path
    .replace(/^\/sandbox\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent)
  // The second segment is an id under these collections (persons/{psn_no}, mutual-aid/{id}, policies/{admdvs}).
  const route = `${req.method} ${seg.map((s, i) => (i === 1 && PARAM_COLLECTIONS.has(seg[0]) ? ':' : s)).join('/')}`
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate()
  tx(() => lapseQuotas(db, now))
  switch (route) {
    case 'POST persons': {
      const body = parse(newPersonSchema, req.body)
      return [201, { psn_no: tx(() => createPerson(db, body, now)) }]
    }
    case 'GET persons/:':
      return [200, personView(db, seg[1])]
    case 'POST persons/:/insurance': {
      const body = parse(insuranceChangeSchema, req.body)
      const ended = tx(() => changeInsurance(db, seg[1], body, now))
      return [200, { psn_no: seg[1], relationships_ended: ended }]
    }
    case 'POST credentials': {
      const body = parse(z.object({ psn_no: z.string().min(1) }), req.body)
      return [201, tx(() => issueQrCode(db, body.psn_no, now))]
    }
    case 'POST mutual-aid': {
      const body = parse(z.object({ payer_psn_no: z.string().min(1), beneficiary_psn_no: z.string().min(1), relation: relationSchema }), req.body)
      return [201, { mulaid_id: tx(() => createRelationship(db, body.payer_psn_no, body.beneficiary_psn_no, body.relation, now)) }]
    }
    case 'PUT mutual-aid/:/quota': {
      const body = parse(z.object({ amount: amountSchema }), req.body)
      tx(() => setQuota(db, seg[1], toFen(body.amount)))
      return [200, { mulaid_id: seg[1], quota_balc: body.amount }]
    }
    case 'DELETE mutual-aid/:': {
      tx(() => endRelationship(db, seg[1], 'dissolved', now))
      return [200, { mulaid_id: seg[1], status: 'ended' }]
    }
    case 'GET policies':
      return [200, { policies: listPolicies(db) }]
    case 'PUT policies/:': {
      const body = parse(regionPolicySchema, { ...(req.body as object), admdvs: seg[1] })
      tx(() => savePolicy(db, body, now))
      return [200, body]
    }
    case 'POST catalog/generate': {
      const body = parse(catalogGenerateSchema, req.body)
      return [201, tx(() => generateCatalog(db, body.count, body.seed))]
    }
    case 'GET ledger':
      return [200, ledger(db, req.query)]
    case 'GET inventory':
      return [200, inventory(db, req.query)]
    case 'GET faults':
      return [200, deps.faults.get()]
    case 'POST faults': {
      const body = parse(faultConfigSchema, req.body)
      deps.faults.set(body)
      return [200, body]
    }
    case 'GET clock':
      return [200, { now: now.toISOString() }]
    case 'POST clock': {
      const body = parse(z.object({ now: z.iso.datetime({ offset: true }) }), req.body)
      clock.set(new Date(body.now))
      return [200, { now: clock.now().toISOString() }]
    }
    default:
      throw new AdminError(404, `没有这个管理接口：${req.method} ${req.path}`)
  }
}
