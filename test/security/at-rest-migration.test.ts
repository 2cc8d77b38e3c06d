import { createHash } from 'node:crypto'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { VisitJournal } from '../../electron/core/clinic/visit-journal'
import { sealWaitingCredentials, sendableRequest, storableRequest } from '../../electron/core/journal/stored-credentials'
import { installCredentialVault } from '../../electron/core/secrets/credential-vault'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { coreMigrations } from '../../electron/core/store/migrations'
import { useTempDir } from '../support/temp-dir'
import { clearPlaces, modeOf } from './at-rest-scan'

const tempDir = useTempDir()
const ID = '410102195603152837'
const TOKEN = 'A1B2C3D4E5F60718293A4B5C6D7E8F90'
const AT = '2026-12-01T08:00:00.000Z'
const before0170 = coreMigrations.filter((m) => m.id < 170)

function sale(db: Db, id: string, certType: string, certNo: string) {
  db.prepare(
    `INSERT INTO sales (id, kind, state, terminal_id, cashier, created_at, updated_at, psn_no, cert_type, cert_no, med_type, acct_used, medfee_fen, goods_fen)
     VALUES (?, 'pharmacy', 'settled', 'T01', 'demo-cashier', ?, ?, '41010099000000000001', ?, ?, '41', 1, 1980, 0)`,
  ).run(id, AT, AT, certType, certNo)
}

const request = (certType: string, certNo: string) =>
  JSON.stringify({ data: { psn_no: '41010099000000000001', mdtrt_cert_type: certType, mdtrt_cert_no: certNo } })

function message(db: Db, msgid: string, saleId: string, infno: string, state: string, certType: string, certNo: string) {
  db.prepare('INSERT INTO platform_messages (msgid, sale_id, infno, state, request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    msgid,
    saleId,
    infno,
    state,
    request(certType, certNo),
    AT,
    AT,
  )
}

function queued(db: Db, msgid: string, saleId: string, state: string) {
  db.prepare(
    `INSERT INTO offline_queue (msgid, sale_id, infno, request, insuplc_admdvs, training, state, created_at, updated_at) VALUES (?, ?, '2102', ?, '410100', 0, ?, ?, ?)`,
  ).run(msgid, saleId, request('02', ID), state, AT, AT)
}

const certOf = (db: Db, table: string, msgid: string) =>
  (db.prepare(`SELECT json_extract(request, '$.data.mdtrt_cert_no') AS no FROM ${table} WHERE msgid = ?`).get(msgid) as { no: string }).no

describe('migration 0170: clear credentials of earlier versions scrubbed', () => {
  it('empties sales.cert_no, withholds finished requests, keeps waiting ones for sealing, drops the weakly keyed snapshots, and tightens modes', () => {
    const dataDir = join(tempDir(), 'data')
    const file = join(dataDir, 'gongji.db')
    const old = openDatabase(file, before0170)
    old.transaction(() => {
      sale(old, 's-qr', '01', TOKEN)
      sale(old, 's-id', '02', ID)
      sale(old, 's-visit', '02', ID)
      sale(old, 's-off', '02', ID)
      sale(old, 's-off-done', '02', ID)
      message(old, 'M-2102', 's-qr', '2102', 'answered', '01', TOKEN)
      message(old, 'M-2102-ID', 's-id', '2102', 'answered', '02', ID)
      message(old, 'M-2201-OPEN', 's-visit', '2201', 'unknown', '02', ID)
      queued(old, 'Q-WAITING', 's-off', 'queued')
      queued(old, 'Q-DONE', 's-off-done', 'done')
      old
        .prepare('INSERT INTO member_snapshots (cert_hash, psn_no, snapshot, seen_at) VALUES (?, ?, ?, ?)')
        .run(createHash('sha256').update(`gongji-offline:${ID}`).digest('hex'), '41010099000000000001', '{}', AT)
    })()
    old.close()
    // An install made by an earlier version: readable by other local users.
    chmodSync(dataDir, 0o755)
    chmodSync(file, 0o644)

    const db = openDatabase(file, coreMigrations)
    expect({ dir: modeOf(dataDir), db: modeOf(file) }).toEqual({ dir: '700', db: '600' })
    expect(db.prepare('SELECT count(*) AS n FROM sales WHERE cert_no IS NOT NULL').get()).toEqual({ n: 0 })
    expect(certOf(db, 'platform_messages', 'M-2102')).toBe('withheld')
    expect(certOf(db, 'platform_messages', 'M-2102-ID')).toBe('withheld')
    expect(certOf(db, 'offline_queue', 'Q-DONE')).toBe('withheld')
    expect(db.prepare('SELECT count(*) AS n FROM member_snapshots').get()).toEqual({ n: 0 })
    // Still to be resent as written: SQL has no key, so these wait for the core's first start.
    expect(certOf(db, 'platform_messages', 'M-2201-OPEN')).toBe(ID)
    expect(certOf(db, 'offline_queue', 'Q-WAITING')).toBe(ID)

    installCredentialVault(db, new SecretStore(db, { now: () => new Date(AT) }, fileKeyBox(dataDir)))
    sealWaitingCredentials(db)
    expect(certOf(db, 'platform_messages', 'M-2201-OPEN')).toMatch(/^sealed:file-key:/)
    expect(certOf(db, 'offline_queue', 'Q-WAITING')).toMatch(/^sealed:file-key:/)
    // Nowhere in clear: no column, and not in the bytes of the database file or its WAL either.
    expect(clearPlaces(db, dataDir, [ID, TOKEN])).toEqual([])
    // What the forwarder and the visit recovery send is the number again.
    const stored = (db.prepare("SELECT request FROM offline_queue WHERE msgid = 'Q-WAITING'").get() as { request: string }).request
    expect(sendableRequest(db, 's-off', stored)).toMatchObject({ data: { mdtrt_cert_type: '02', mdtrt_cert_no: ID } })
    db.close()
  })

  it('an open registration keeps its credential sealed for the resend; one whose credential is gone is left out and holds up nothing', () => {
    const dataDir = join(tempDir(), 'data')
    const db = openDatabase(join(dataDir, 'gongji.db'), coreMigrations)
    const clock = { now: () => new Date(AT) }
    installCredentialVault(db, new SecretStore(db, clock, fileKeyBox(dataDir)))
    const journal = new SaleJournal(db, clock, null, new AuditTrail(db, clock), { terminalId: 'T01' })
    db.transaction(() => {
      sale(db, 'v-qr', '01', 'x')
      sale(db, 'v-id', '02', 'x')
      db.prepare("UPDATE sales SET kind = 'clinic', cert_no = NULL").run()
      db.prepare('INSERT INTO platform_messages (msgid, sale_id, infno, state, request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        'V-QR',
        'v-qr',
        '2201',
        'unknown',
        storableRequest(db, JSON.parse(request('01', TOKEN)), 'open-visit'),
        AT,
        AT,
      )
      db.prepare('INSERT INTO platform_messages (msgid, sale_id, infno, state, request, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        'V-ID',
        'v-id',
        '2201',
        'unknown',
        storableRequest(db, JSON.parse(request('02', ID)), 'open-visit'),
        AT,
        AT,
      )
    })()
    expect(certOf(db, 'platform_messages', 'V-QR')).toMatch(/^sealed:file-key:/)
    expect(clearPlaces(db, dataDir, [ID, TOKEN])).toEqual([])
    const resent = () =>
      new VisitJournal(journal, db, new AuditTrail(db, clock))
        .openVisitMessages()
        .map((m) => [m.msgid, (m.request as { data: { mdtrt_cert_no: string } }).data.mdtrt_cert_no])
    expect(resent()).toEqual([
      ['V-QR', TOKEN],
      ['V-ID', ID],
    ])
    // Written by a journal without the vault (or sealed by a keychain since lost): nothing to resend with.
    db.prepare(`UPDATE platform_messages SET request = json_set(request, '$.data.mdtrt_cert_no', 'withheld') WHERE msgid = 'V-QR'`).run()
    expect(resent()).toEqual([['V-ID', ID]])
    db.close()
  })
})
