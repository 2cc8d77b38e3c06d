import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { SYNC_API_VERSION, type OutboxRow } from '../../shared/contract/sync/wire'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { cstDay } from '../../electron/core/sale/cst'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import type { Counter } from '../sale/counter-rig'
import { clock, outboxRow, pairingKeyOf, STORE, useStoreNode } from './store-rig'

const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)

const manager = DEMO_USERS.find((u) => u.role === 'manager')!
const approval = { userId: manager.id, pin: manager.pin }

/** A counter signed in as the manager and paired with the store node; its data directory for its sealed key. */
async function pairedCounter(code?: string): Promise<{ c: Counter; dataDir: string }> {
  const c = await rig.counter(tempDir())
  await signIn(c.core, 'manager')
  const dataDir = (await c.call('appInfo', {})).dataDir
  const given = code ?? (await new TerminalRegistry(db().pool, clock).newPairingCode(STORE, '店长收银台')).code
  await c.call('pairWithStoreNode', { url: rig.node().url, code: given })
  return { c, dataDir }
}

const synced = (c: Counter) =>
  eventually(
    'the outbox at the store node',
    () => c.call('syncStatus', {}),
    (s) => s.paired && s.waiting === 0 && s.ackedSeq > 0 && s.lastError === null,
  )

/** A push as a PC holding this key would send it: answers the HTTP status and the store node's code. */
async function pushAs(key: string, terminalUid: string, rows: OutboxRow[]) {
  const res = await fetch(new URL('/sync/v1/push', rig.node().url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ version: SYNC_API_VERSION, terminal_uid: terminalUid, rows }),
  })
  const body = (await res.json()) as { error?: { code: string } }
  return body.error?.code ?? 'ok'
}

async function heldRows(terminalUid: string): Promise<number> {
  const r = await db().pool.query<{ n: string }>('SELECT count(*) AS n FROM counter_rows WHERE terminal_uid = $1', [terminalUid])
  return Number(r.rows[0].n)
}

describe("the manager's counters screen in store mode", () => {
  it('a code issued at a manager’s counter pairs a new counter, which the registry then lists with its number', async () => {
    const { c: a } = await pairedCounter()
    const own = (await a.call('syncStatus', {})).terminalNo!
    const code = await a.call('newStoreCounterCode', { label: '新二号台' })
    expect(code).toMatchObject({ label: '新二号台', replacesNo: null })
    expect(new Date(code.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000)
    // The open code is listed by label and expiry, never by itself; nor is it in the counter's audit trail.
    const before = await a.call('storeCounters', {})
    expect(before.openCodes.map((o) => o.label)).toContain('新二号台')
    expect(JSON.stringify(before)).not.toContain(code.code)
    const audit = a.core.db.prepare('SELECT detail, subject FROM audit_log').all()
    expect(JSON.stringify(audit)).not.toContain(code.code)

    const { c: b } = await pairedCounter(code.code)
    const bNo = (await b.call('syncStatus', {})).terminalNo!
    expect(bNo).not.toBe(own)
    await synced(a)
    const after = await a.call('storeCounters', {})
    expect(after.openCodes.map((o) => o.label)).not.toContain('新二号台')
    const mine = after.counters.find((t) => t.self)!
    expect(mine).toMatchObject({ terminalNo: own, state: 'active', waiting: 0 })
    expect(after.counters.find((t) => t.terminalNo === bNo)).toMatchObject({ label: '新二号台', state: 'active', self: false, waiting: null })
  })

  it('refuses a cashier every registry call, in the core, and a standalone counter says it needs store mode', async () => {
    const { c } = await pairedCounter()
    await signIn(c.core, 'cashier')
    expect(await c.refused('storeCounters', {})).toBe('FORBIDDEN_ROLE')
    expect(await c.refused('newStoreCounterCode', { label: '收银台' })).toBe('FORBIDDEN_ROLE')
    expect(await c.refused('repairStoreCounter', { terminalNo: 1, approval })).toBe('FORBIDDEN_ROLE')
    expect(await c.refused('retireStoreCounter', { terminalNo: 1, reason: '丢失', approval })).toBe('FORBIDDEN_ROLE')
    expect(await c.refused('storeAlarms', { includeAcked: true })).toBe('FORBIDDEN_ROLE')
    expect(await c.refused('ackStoreAlarm', { alarmId: 1 })).toBe('FORBIDDEN_ROLE')

    const alone = await rig.counter(tempDir())
    await signIn(alone.core, 'manager')
    expect(await alone.refused('storeCounters', {})).toBe('SYNC_NOT_PAIRED')
  })

  it('a blocked counter, re-paired with a code a manager approved, syncs again under a new identity; the old key is refused', async () => {
    const { c: a } = await pairedCounter()
    const { c: b, dataDir } = await pairedCounter()
    await synced(b)
    const old = (await db().pool.query('SELECT terminal_uid FROM terminals ORDER BY paired_at DESC LIMIT 1')).rows[0].terminal_uid as string
    const oldNo = (await b.call('syncStatus', {})).terminalNo!
    const oldKey = pairingKeyOf(b.core.db, dataDir).open()!
    const heldBefore = await heldRows(old)
    expect(heldBefore).toBeGreaterThan(0)

    // A clone of B's data directory pushes its seq 1 with other content: the store node blocks B.
    expect(await pushAs(oldKey, old, [outboxRow(1, { id: 'clone', v: 1 })])).toBe('SYNC_BODY_CONFLICT')
    const blocked = (await a.call('storeCounters', {})).counters.find((t) => t.terminalNo === oldNo)!
    expect(blocked).toMatchObject({ state: 'blocked', blockedReason: expect.stringContaining('different content') })
    const alarms = await a.call('storeAlarms', { includeAcked: false })
    expect(alarms[0]).toMatchObject({ code: 'SYNC_BODY_CONFLICT', terminalNo: oldNo, ackedAt: null })
    // Its key may be the clone's: the blocked counter lists, pairs and retires nothing.
    expect(await b.refused('storeCounters', {})).toBe('SYNC_PAIRING_REFUSED')
    expect(await b.refused('newStoreCounterCode', { label: '三号收银台' })).toBe('SYNC_PAIRING_REFUSED')

    // A wrong PIN, or re-pairing a counter that syncs well, changes nothing.
    expect(await a.refused('repairStoreCounter', { terminalNo: oldNo, approval: { ...approval, pin: '000000' } })).toBe('LOGIN_FAILED')
    const aNo = (await a.call('syncStatus', {})).terminalNo!
    expect(await a.refused('repairStoreCounter', { terminalNo: aNo, approval })).toBe('TERMINAL_IS_CALLER')
    expect((await a.call('storeCounters', {})).counters.find((t) => t.terminalNo === oldNo)).toMatchObject({ state: 'blocked', repairPending: false })

    const code = await a.call('repairStoreCounter', { terminalNo: oldNo, approval })
    expect(code).toMatchObject({ replacesNo: oldNo })
    expect((await a.call('storeCounters', {})).counters.find((t) => t.terminalNo === oldNo)).toMatchObject({ repairPending: true })

    // At B, the manager ends the old pairing and pairs with the code, as from 设置 → 门店节点.
    await b.call('unpairStoreNode', { reason: '门店服务器已停止同步，重新配对' })
    await b.call('pairWithStoreNode', { url: rig.node().url, code: code.code })
    const fresh = await synced(b)
    expect(fresh.terminalNo).not.toBe(oldNo)
    const newUid = (b.core.db.prepare('SELECT terminal_uid FROM sync_state').get() as { terminal_uid: string }).terminal_uid
    expect(newUid).not.toBe(old)
    // B's rows are held once, under its new identity.
    expect(await heldRows(old)).toBe(0)
    expect(await heldRows(newUid)).toBeGreaterThanOrEqual(heldBefore)

    expect(await pushAs(oldKey, old, [outboxRow(99, { id: 'late' })])).toBe('UNAUTHORIZED')
    const listed = await a.call('storeCounters', {})
    expect(listed.counters.find((t) => t.terminalNo === oldNo)).toMatchObject({ state: 'retired', replacedByNo: fresh.terminalNo })
    expect(listed.counters.find((t) => t.terminalNo === fresh.terminalNo)).toMatchObject({ state: 'active' })
    // The code was spent: a second PC cannot re-pair with it.
    const third = await rig.counter(tempDir())
    await signIn(third.core, 'manager')
    expect(await third.refused('pairWithStoreNode', { url: rig.node().url, code: code.code })).toBe('SYNC_PAIRING_CODE_INVALID')
  })

  it('a retired counter’s key is refused and its number is not given to the next counter; alarms are acknowledged once', async () => {
    const { c: a } = await pairedCounter()
    const { c: lost, dataDir } = await pairedCounter()
    await synced(lost)
    const lostNo = (await lost.call('syncStatus', {})).terminalNo!
    const uid = (lost.core.db.prepare('SELECT terminal_uid FROM sync_state').get() as { terminal_uid: string }).terminal_uid
    const key = pairingKeyOf(lost.core.db, dataDir).open()!
    // Its first row as it pushed it: replayed, the store node answers it is held, until the key is revoked.
    const first = lost.core.db.prepare('SELECT seq, tbl, pk, op, body FROM sync_outbox WHERE seq = 1').get() as Omit<OutboxRow, 'body_sha256'>
    const replay = [{ ...first, body_sha256: createHash('sha256').update(first.body).digest('hex') }]
    await lost.close()

    expect(await a.refused('retireStoreCounter', { terminalNo: lostNo, reason: '电脑丢失', approval: { ...approval, pin: '000000' } })).toBe('LOGIN_FAILED')
    expect(await pushAs(key, uid, replay)).toBe('ok')
    const today = cstDay(new Date())
    expect((await a.call('storeDay', { day: today })).terminals.map((t) => t.terminalNo)).toContain(lostNo)
    const after = await a.call('retireStoreCounter', { terminalNo: lostNo, reason: '电脑丢失', approval })
    expect(after.counters.find((t) => t.terminalNo === lostNo)).toMatchObject({ state: 'retired', retiredReason: '电脑丢失' })
    expect(await pushAs(key, uid, replay)).toBe('UNAUTHORIZED')
    // It will never report again: the store's day no longer waits for it (what it synced stays in the figures).
    expect((await a.call('storeDay', { day: today })).terminals.map((t) => t.terminalNo)).not.toContain(lostNo)
    expect(await a.refused('retireStoreCounter', { terminalNo: lostNo, reason: '电脑丢失', approval })).toBe('TERMINAL_RETIRED')
    expect(await a.refused('retireStoreCounter', { terminalNo: 99, reason: '没有这台', approval })).toBe('TERMINAL_NOT_FOUND')

    const { c: next } = await pairedCounter((await a.call('newStoreCounterCode', { label: '替换机' })).code)
    expect((await next.call('syncStatus', {})).terminalNo).not.toBe(lostNo)

    const open = await a.call('storeAlarms', { includeAcked: false })
    const retired = open.find((x) => x.code === 'TERMINAL_RETIRED' && x.terminalNo === lostNo)!
    expect(retired.message).toContain('电脑丢失')
    const left = await a.call('ackStoreAlarm', { alarmId: retired.id })
    expect(left.map((x) => x.id)).not.toContain(retired.id)
    const all = await a.call('storeAlarms', { includeAcked: true })
    expect(all.find((x) => x.id === retired.id)).toMatchObject({ ackedBy: manager.id })
    expect(await a.refused('ackStoreAlarm', { alarmId: 987654 })).toBe('ALARM_NOT_FOUND')
  })
})
