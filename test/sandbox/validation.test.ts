import { describe, expect, it } from 'vitest'
import { TRANSACTIONS, type Infno } from '../../shared/nhsa/transactions'
import { client, refused, sandbox, signedIn } from './helpers'

const INFNOS = Object.keys(TRANSACTIONS) as Infno[]

const counts = (db: import('../../electron/base/store/database').Db) =>
  ['messages', 'settlements', 'ledger', 'visits', 'fee_lines', 'files', 'trace_codes', 'sessions'].map(
    (t) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
  )

describe('every transaction refuses what it must, and writes nothing', () => {
  it('an empty or mistyped input: infcode -1 naming a field under input', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    const before = counts(s.db)
    for (const infno of INFNOS) {
      const empty = await c.call(infno, {}, { insuplc_admdvs: '410100' })
      expect(refused(empty), infno).toMatch(/^input\./)
      const wrong = await c.call(
        infno,
        { data: 'x', signIn: 1, signOut: 1, drugdetail: 1, feedetail: 1, mdtrtinfo: 1, fsUploadIn: 1, fsDownloadIn: 1, selinfo: 1 },
        { insuplc_admdvs: '410100' },
      )
      expect(refused(wrong), infno).toMatch(/input\.\w+/)
    }
    expect(counts(s.db)).toEqual(before)
  })

  it('without sign-in every transaction but 9001 is refused', async () => {
    const s = await sandbox()
    const c = client(s)
    for (const infno of INFNOS.filter((i) => i !== '9001')) refused(await c.call(infno, {}, { insuplc_admdvs: '410100' }), /未签到/)
    expect(counts(s.db).every((n) => n === 0)).toBe(true)
  })

  it('an unsigned request for every transaction gets HTTP 401', async () => {
    const s = await sandbox()
    const c = await signedIn(s)
    for (const infno of INFNOS) {
      const r = await c.post(c.envelope(infno, {}), { 'content-type': 'application/json' })
      expect(r.status, infno).toBe(401)
    }
  })
})
