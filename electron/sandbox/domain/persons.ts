import { z } from 'zod'
import type { Db } from '../../base/store/database'
import { basicInsutypeSchema, psnTypeSchema } from '../../../shared/nhsa/codes'
import { admdvsSchema, amountSchema, dateSchema } from '../../../shared/nhsa/wire'
import { toFen } from '../../../shared/money/money'
import { AdminError, PlatformError } from '../errors'
import { nextSequence, padded } from '../store/ids'
import { wireDate } from '../time'
import { endAllRelationshipsOf } from './mutual-aid'
import { prepared } from '../../base/store/statements'

export const certnoSchema = z.string().regex(/^\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/, 'certno 须为 18 位居民身份证号')

export const newPersonSchema = z
  .object({
    name: z.string().min(1).max(50),
    certno: certnoSchema,
    insutype: basicInsutypeSchema,
    psn_type: psnTypeSchema,
    insuplc_admdvs: admdvsSchema,
    acct_balance: amountSchema.default(0),
    emp_name: z.string().max(200).default(''),
    certifications: z.array(z.object({ dise_codg: z.string().min(1).max(30), dise_name: z.string().min(1).max(100), begndate: dateSchema })).default([]),
  })
  .refine((p) => p.insutype === '310' || p.acct_balance === 0, {
    message: '城乡居民医保（390）没有个人账户，acct_balance 须为 0',
    path: ['acct_balance'],
  })
export type NewPerson = z.input<typeof newPersonSchema>

export interface PersonRow {
  psn_no: string
  name: string
  certno: string
  gend: string
  brdy: string
  insutype: '310' | '390'
  psn_type: string
  insuplc_admdvs: string
  emp_name: string
  status: 'active' | 'terminated'
  insu_date: string
  acct_balance: number
  acct_frozen: number
}

/** 1 male, 2 female, from the 17th digit of the ID number. */
function genderOf(certno: string): string {
  return Number(certno[16]) % 2 === 1 ? '1' : '2'
}

function birthdayOf(certno: string): string {
  return `${certno.slice(6, 10)}-${certno.slice(10, 12)}-${certno.slice(12, 14)}`
}

/** `psnNo` is for the demo data set, whose people keep fixed numbers. */
export function createPerson(db: Db, input: z.output<typeof newPersonSchema>, now: Date, psnNo?: string): string {
  if (prepared(db, 'SELECT 1 FROM persons WHERE certno = ?').get(input.certno)) {
    throw new AdminError(409, '该身份证号已登记参保')
  }
  const id = psnNo ?? input.insuplc_admdvs + padded(nextSequence(db, 'psn_no'), 14)
  prepared(
    db,
    `INSERT INTO persons (psn_no, name, certno, gend, brdy, insutype, psn_type, insuplc_admdvs, emp_name, status,
       insu_date, acct_balance, acct_frozen, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, 0, ?)`,
  ).run(
    id,
    input.name,
    input.certno,
    genderOf(input.certno),
    birthdayOf(input.certno),
    input.insutype,
    input.psn_type,
    input.insuplc_admdvs,
    input.emp_name,
    wireDate(now),
    toFen(input.acct_balance),
    now.toISOString(),
  )
  const cert = prepared(db, 'INSERT INTO person_certifications (psn_no, dise_codg, dise_name, begndate) VALUES (?, ?, ?, ?)')
  for (const c of input.certifications) cert.run(id, c.dise_codg, c.dise_name, c.begndate)
  return id
}

export function findPerson(db: Db, psnNo: string): PersonRow | undefined {
  return prepared(db, 'SELECT * FROM persons WHERE psn_no = ?').get(psnNo) as PersonRow | undefined
}

export function findPersonByCertno(db: Db, certno: string): PersonRow | undefined {
  return prepared(db, 'SELECT * FROM persons WHERE certno = ?').get(certno) as PersonRow | undefined
}

/** A person the national interface may settle for: known, still insured, and the caller names the right region. */
export function requireInsuredPerson(db: Db, psnNo: string, insuplcAdmdvs: string | undefined): PersonRow {
  const p = findPerson(db, psnNo)
  if (!p) throw new PlatformError(`psn_no ${psnNo} 不存在`)
  if (p.status !== 'active') throw new PlatformError('该人员参保状态为终止参保，不能结算')
  if (insuplcAdmdvs && insuplcAdmdvs !== p.insuplc_admdvs) {
    throw new PlatformError(`insuplc_admdvs ${insuplcAdmdvs} 与该人员参保地 ${p.insuplc_admdvs} 不符`)
  }
  return p
}

export function ageOn(brdy: string, today: string): number {
  const [by, bm, bd] = brdy.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

export const insuranceChangeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('terminated') }),
  z.object({ status: z.literal('transferred'), insuplc_admdvs: admdvsSchema }),
])

/** Ending or moving insurance ends every mutual-aid relationship of the person, in both directions. */
export function changeInsurance(db: Db, psnNo: string, change: z.output<typeof insuranceChangeSchema>, now: Date): number {
  const p = findPerson(db, psnNo)
  if (!p) throw new AdminError(404, `psn_no ${psnNo} 不存在`)
  if (p.status !== 'active') throw new AdminError(409, '该人员已终止参保')
  if (change.status === 'terminated') {
    prepared(db, "UPDATE persons SET status = 'terminated' WHERE psn_no = ?").run(psnNo)
    return endAllRelationshipsOf(db, psnNo, 'insurance_terminated', now)
  }
  if (change.insuplc_admdvs === p.insuplc_admdvs) throw new AdminError(400, '转移后的参保地与原参保地相同')
  prepared(db, 'UPDATE persons SET insuplc_admdvs = ?, insu_date = ? WHERE psn_no = ?').run(change.insuplc_admdvs, wireDate(now), psnNo)
  return endAllRelationshipsOf(db, psnNo, 'insurance_transferred', now)
}
