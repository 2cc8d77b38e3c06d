/**
 * npm run audit:verify -- <dataDir>
 *
 * Checks a store's audit trail without starting the app: the hash chain from the first row to the last,
 * and that no day close's recorded head has been cut off or altered. Opens the database read-only.
 * Exit code 0: intact; 1: broken (the first broken row is named); 2: no database there.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { AuditTrail } from '../electron/core/audit/audit-trail'
import { systemClock } from '../electron/base/clock'
import { checkAudit } from '../electron/core/manager/audit-check'

// The core's database file name (electron/core/core.ts DATABASE_FILE), kept literal so the check loads no app code.
const DATABASE_FILE = 'gongji.db'

const dir = process.argv[2]
if (!dir) {
  console.error('用法：npm run audit:verify -- <数据目录>')
  process.exit(2)
}
const path = join(resolve(dir), DATABASE_FILE)
if (!existsSync(path)) {
  console.error(`找不到数据库 ${path}`)
  process.exit(2)
}
const db = new Database(path, { readonly: true, fileMustExist: true })
try {
  const r = checkAudit(db, new AuditTrail(db, systemClock), new Date())
  if (r.ok) {
    console.log(`审计记录完整：共 ${r.entries} 条，末条校验值 ${r.head ?? '（无）'}`)
  } else {
    console.log(`审计记录被破坏：${r.reason}（第 ${r.brokenAt} 条）`)
  }
  process.exitCode = r.ok ? 0 : 1
} finally {
  db.close()
}
