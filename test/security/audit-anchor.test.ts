import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { AuditTrail, rowHash } from '../../electron/core/audit/audit-trail'
import { trainingPlatform } from '../../electron/sandbox/training'
import { createCore, DATABASE_FILE } from '../../electron/core/core'
import { openDatabase } from '../../electron/base/store/database'
import { coreMigrations } from '../../electron/core/store/migrations'
import type { CallOutput } from '../../shared/contract'
import { startDay } from '../manager/rig'
import { signIn } from '../support/core-session'
import { useTempDir } from '../support/temp-dir'

/**
 * The review's audit-trail tamperings (security-review D2), done the way it did them: the app closed, the
 * database opened with another tool, the triggers dropped. The four that passed `audit:verify` before
 * (tail delete, re-chain, truncate after the last close, truncate and drop the closes) must now fail it.
 */
const tempDir = useTempDir()

const ROOT = resolve(import.meta.dirname, '../..')
const DAY = '2026-11-23'

function cli(dataDir: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', dataDir, ...extra], { cwd: ROOT, encoding: 'utf8' })
  return { code: r.status, out: r.stdout + r.stderr }
}

/** A closed day, one more sale after the close, the app shut down; returns the data dir and the Z slip's head. */
async function closedStore(): Promise<{ dataDir: string; zHead: string; closeSeq: number }> {
  const dir = tempDir()
  const rig = await startDay(dir, DAY)
  let z: CallOutput<'closeDay'>
  try {
    await rig.insured('liRetired')
    await rig.cash()
    await rig.as('manager')
    await rig.counter.call('reconcileDay', { day: DAY })
    z = await rig.counter.call('closeDay', { day: DAY })
    await rig.cash()
  } finally {
    await rig.close()
  }
  const dataDir = join(dir, 'data')
  const closeSeq = Number(z.close.auditHead.split(':')[0])
  return { dataDir, zHead: z.close.auditHead, closeSeq }
}

function tamper(dataDir: string, edit: (db: Database.Database) => void) {
  const db = new Database(join(dataDir, DATABASE_FILE))
  try {
    db.exec(
      'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS day_closes_no_update; DROP TRIGGER IF EXISTS day_closes_no_delete',
    )
    edit(db)
  } finally {
    db.close()
  }
}

const deleteLastRow = (db: Database.Database) => db.exec('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)')

/** What an attacker without the key does: rewrite a row, then recompute every later hash and the closes' heads. */
function rechainFrom(db: Database.Database, seq: number) {
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as {
    seq: number
    at: string
    actor: string
    action: string
    subject: string
    detail: string
    prev_hash: string
  }[]
  let prev = rows[0].prev_hash
  const put = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?')
  for (const r of rows) {
    const hash = rowHash(prev, r)
    put.run(prev, hash, r.seq)
    db.prepare('UPDATE day_closes SET audit_head = ? WHERE audit_seq = ?').run(hash, r.seq)
    prev = hash
  }
}

/** Changes who settled the first sale and re-chains everything after it; optionally labels the rows with another box's key id. */
function rewriteFirstSale(dataDir: string, relabel: boolean) {
  let edited = 0
  tamper(dataDir, (db) => {
    edited = (db.prepare("SELECT seq FROM audit_log WHERE action = 'sale.settled' LIMIT 1").get() as { seq: number }).seq
    db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = ?").run(edited)
    if (relabel) db.prepare("UPDATE audit_log SET mac_key = 'os-keychain' WHERE seq >= ?").run(edited)
    rechainFrom(db, edited)
  })
  return { edited, out: cli(dataDir) }
}

describe('tamperings the unkeyed chain let through', () => {
  it('an untouched store verifies, and so does its Z slip head', async () => {
    const { dataDir, zHead } = await closedStore()
    expect(zHead).toMatch(/^\d+:[0-9a-f]{64}$/)
    expect(cli(dataDir)).toMatchObject({ code: 0 })
    expect(cli(dataDir, '--head', zHead.slice(0, zHead.indexOf(':') + 17))).toMatchObject({ code: 0 })
  }, 120_000)

  it('deleting the last row', async () => {
    const { dataDir } = await closedStore()
    tamper(dataDir, deleteLastRow)
    const out = cli(dataDir)
    expect(out.code).toBe(1)
    expect(out.out).toContain('末尾的记录被删去了')
  }, 120_000)

  it('editing a middle row and recomputing every later hash and the day close heads', async () => {
    const { dataDir } = await closedStore()
    const { edited, out } = rewriteFirstSale(dataDir, false)
    expect(out.code).toBe(1)
    expect(out.out).toContain(`第 ${edited} 条审计记录的校验码不符`)
  }, 120_000)

  it('re-chained rows labelled as MACed under a key this install cannot open', async () => {
    const { dataDir } = await closedStore()
    const { edited, out } = rewriteFirstSale(dataDir, true)
    expect(out.code).toBe(1)
    expect(out.out).toContain(`从第 ${edited} 条起`)
  }, 120_000)

  it('deleting every row after the last day close', async () => {
    const { dataDir, closeSeq } = await closedStore()
    tamper(dataDir, (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(closeSeq))
    expect(cli(dataDir).code).toBe(1)
  }, 120_000)

  it('cutting into the closed range and deleting the day closes too', async () => {
    const { dataDir, closeSeq } = await closedStore()
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(closeSeq - 2)
      db.exec('DELETE FROM day_closes')
    })
    expect(cli(dataDir).code).toBe(1)
  }, 120_000)

  it('all of that and the anchor file deleted: the Z slip head still tells', async () => {
    const { dataDir, zHead, closeSeq } = await closedStore()
    tamper(dataDir, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(closeSeq)
      db.exec('DELETE FROM day_closes')
    })
    rmSync(join(dataDir, 'audit-anchor.json'))
    const out = cli(dataDir, '--head', zHead)
    expect(out.code).toBe(1)
    expect(out.out).toContain(`日结单上审计记录到第 ${closeSeq} 条`)
  }, 120_000)

  it('an anchor file moved back to an earlier row, without the key', async () => {
    const { dataDir } = await closedStore()
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true })
    const early = db.prepare('SELECT seq, mac FROM audit_log WHERE seq = 2').get() as { seq: number; mac: string }
    db.close()
    const path = join(dataDir, 'audit-anchor.json')
    const anchor = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    writeFileSync(path, JSON.stringify({ ...anchor, seq: early.seq, mac: early.mac }))
    const out = cli(dataDir)
    expect(out.code).toBe(1)
    expect(out.out).toContain('审计锚点文件被改动：校验码不符')
    // Nor by naming a key this install cannot open, so that the tag goes unchecked.
    writeFileSync(path, JSON.stringify({ ...anchor, seq: early.seq, mac: early.mac, keyId: 'os-keychain' }))
    expect(cli(dataDir).out).toContain('审计锚点文件被改动：校验码无法核对')
  }, 120_000)

  it('the screen says the same as the command line', async () => {
    const { dataDir } = await closedStore()
    tamper(dataDir, deleteLastRow)
    const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    try {
      await signIn(core, 'manager')
      const r = await core.dispatch('verifyAudit', {})
      expect(r).toMatchObject({ ok: true, value: { ok: false } })
    } finally {
      await core.close()
    }
    // Starting the app again did not move the anchor back to the cut trail.
    expect(cli(dataDir).code).toBe(1)
  }, 120_000)
})

describe('a key the secret box can no longer open', () => {
  it('starts anyway under a new key, and the rows of the lost one are reported as uncheckable, not edited', async () => {
    const { dataDir } = await closedStore()
    const before = (() => {
      const db = new Database(join(dataDir, DATABASE_FILE))
      try {
        // What a reset keychain looks like from here: the sealed value no longer decrypts.
        const row = db.prepare("SELECT value FROM settings WHERE key = 'secret:audit-key:file-key'").get() as { value: string }
        const sealed = JSON.parse(row.value) as { box: string; data: string }
        const data = Buffer.from(sealed.data, 'base64')
        data[data.length - 1] ^= 1
        db.prepare("UPDATE settings SET value = ? WHERE key = 'secret:audit-key:file-key'").run(JSON.stringify({ ...sealed, data: data.toString('base64') }))
        return (db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n
      } finally {
        db.close()
      }
    })()
    const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    try {
      await signIn(core, 'manager')
      const r = await core.dispatch('verifyAudit', {})
      expect(r).toMatchObject({ ok: true, value: { ok: false, brokenAt: 1 } })
      expect(JSON.stringify(r)).toContain('无法核对')
      const newest = core.db.prepare('SELECT mac_key FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { mac_key: string }
      expect(newest.mac_key).toBe('file-key#2')
      expect(before).toBeGreaterThan(1)
    } finally {
      await core.close()
    }
  }, 120_000)
})

describe('a trail written before the MAC existed', () => {
  it('is anchored from the upgrade on: re-chaining the old rows fails the first keyed row', async () => {
    const dataDir = join(tempDir(), 'data')
    const clock = { now: () => new Date('2026-11-01T02:00:00Z') }
    const db = openDatabase(join(dataDir, DATABASE_FILE), coreMigrations, { now: clock.now })
    const old = new AuditTrail(db, clock)
    for (let i = 0; i < 5; i++) old.append({ actor: 'demo-cashier', action: 'sale.settled', subject: `sale:${i}`, detail: { i } })
    db.close()
    expect(existsSync(join(dataDir, 'audit-anchor.json'))).toBe(false)

    const core = await createCore({ dataDir, shell: 'web', version: 'test' }, { training: trainingPlatform(), clock, log: () => {} })
    const keyed = core.db.prepare("SELECT seq, action, mac FROM audit_log WHERE action = 'audit.keyed'").get() as { seq: number; action: string; mac: string }
    await core.close()
    expect(keyed).toMatchObject({ seq: 6, action: 'audit.keyed' })
    expect(keyed.mac).toMatch(/^[0-9a-f]{64}$/)
    expect(cli(dataDir).code).toBe(0)

    tamper(dataDir, (t) => {
      t.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").run()
      rechainFrom(t, 2)
    })
    const out = cli(dataDir)
    expect(out.code).toBe(1)
    expect(out.out).toContain('第 6 条审计记录的校验码不符')
  }, 60_000)
})
