/**
 * npm run audit:verify -- <dataDir> [--head <seq:mac from a Z slip>]
 *
 * Checks a store's audit trail without starting the app, read-only: the hash chain from the first row to
 * the last, each row's MAC (with the key file's key; a key sealed by the OS keychain can only be opened by
 * the app, so those rows are hash-checked only and said so), that no day close's recorded head nor the
 * anchor file's head has been cut off or altered, and, with --head, the head printed on a Z slip.
 * Exit code 0: intact; 1: broken (the first broken row is named); 2: no database or a bad argument;
 * 3: nothing broken that could be checked, but rows MACed under a key this check cannot open.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { AnchorFile, parseHead } from '../electron/core/audit/audit-anchor'
import { checkAudit } from '../electron/core/audit/audit-check'
import { existingAuditKeys } from '../electron/core/audit/audit-keys'
import { AuditTrail } from '../electron/core/audit/audit-trail'
import { systemClock } from '../electron/base/clock'
import { existingFileKeyBox, SecretStore } from '../electron/core/secrets/secret-store'

// The core's file names (electron/core/core.ts), kept literal so the check loads no app code.
const DATABASE_FILE = 'gongji.db'
const AUDIT_ANCHOR_FILE = 'audit-anchor.json'

const args = process.argv.slice(2)
const headAt = args.indexOf('--head')
const headText = headAt >= 0 ? args.splice(headAt, 2)[1] : undefined
const dir = args[0]
const usage = '用法：npm run audit:verify -- <数据目录> [--head <日结单上的 序号:校验码>]'
if (!dir) {
  console.error(usage)
  process.exit(2)
}
const expectedHead = headText === undefined ? undefined : parseHead(headText)
if (headText !== undefined && !expectedHead) {
  console.error(`--head 应为日结单上「审计链」一行，如 1234:9f86d081884c7d65（序号、冒号、至少 16 位校验码）\n${usage}`)
  process.exit(2)
}
const dataDir = resolve(dir)
const path = join(dataDir, DATABASE_FILE)
if (!existsSync(path)) {
  console.error(`找不到数据库 ${path}`)
  process.exit(2)
}
const db = new Database(path, { readonly: true, fileMustExist: true })
try {
  const box = existingFileKeyBox(dataDir)
  const keys = box ? existingAuditKeys(new SecretStore(db, systemClock, box)) : undefined
  const audit = new AuditTrail(db, systemClock, { keys, anchorFile: new AnchorFile(join(dataDir, AUDIT_ANCHOR_FILE)) })
  const r = checkAudit(db, audit, new Date(), expectedHead)
  if (!r.ok) {
    console.log(`审计记录被破坏：${r.reason}（第 ${r.brokenAt} 条）`)
    process.exitCode = 1
  } else if (r.unchecked > 0) {
    console.log(
      `哈希链与锚点完整：共 ${r.entries} 条，末条 ${r.head ?? '（无）'}；其中 ${r.unchecked} 条的校验码由系统钥匙串保管的密钥生成，本工具无法核对，请在程序的「审计」页核对`,
    )
    process.exitCode = 3
  } else {
    console.log(`审计记录完整：共 ${r.entries} 条，末条 ${r.head ?? '（无）'}`)
    process.exitCode = 0
  }
} finally {
  db.close()
}
