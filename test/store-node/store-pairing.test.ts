import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { msgidParts } from '../../shared/contract/sync/msgid'
import { SYNC_API_VERSION } from '../../shared/contract/sync/wire'
import { ingestBatch } from '../../electron/store-node/ingest'
import { TerminalRegistry } from '../../electron/store-node/registry'
import { compactCst } from '../../electron/core/platform/msgid'
import { StoreLinkError } from '../../electron/core/sync'
import { signIn } from '../support/core-session'
import { eventually } from '../support/eventually'
import { usePostgres } from '../support/postgres'
import { useTempDir } from '../support/temp-dir'
import type { Counter } from '../sale/counter-rig'
import { clock, heldState, outboxRow, pairingKeyOf, pushRequest, registerTerminal, settleInsuredSale, STORE, useStoreNode } from './store-rig'

const db = usePostgres()
const tempDir = useTempDir()
const rig = useStoreNode(db)

const newCode = async (label = '收银台') => (await new TerminalRegistry(db().pool, clock).newPairingCode(STORE, label)).code

async function managerCounter(): Promise<{ counter: Counter; dataDir: string }> {
  const c = await rig.counter(tempDir())
  await signIn(c.core, 'manager')
  return { counter: c, dataDir: (await c.call('appInfo', {})).dataDir }
}

/** Everything pairing may change on the counter, to show a refusal changed none of it. */
function counterState(c: Counter) {
  const d = c.core.db
  return {
    settings: c.core.settings.get(),
    syncState: d.prepare('SELECT * FROM sync_state').all(),
    outbox: d.prepare('SELECT count(*) AS n FROM sync_outbox').get(),
    secrets: d.prepare("SELECT key FROM settings WHERE key LIKE 'secret:sync%'").all(),
    audit: d.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'sync.%' OR action = 'settings.changed'").get(),
  }
}

describe('pairing a counter with the store node, as a manager does it', () => {
  it('sets the terminal number to the allocated one; the msgids carry it; the outbox drains to the store node', async () => {
    // Another counter holds 1, so this one's number differs from the 01 its id "T01" gave its msgids.
    await registerTerminal(db().pool, '一号收银台')
    const { counter: c } = await managerCounter()
    expect(c.core.settings.get().terminalNo).toBeNull()
    expect(await c.call('syncStatus', {})).toMatchObject({ paired: false, terminalNo: null, waiting: 0 })

    const status = await c.call('pairWithStoreNode', { url: rig.node().url, code: (await newCode('二号收银台')).toLowerCase() })
    expect(status).toMatchObject({ paired: true, storeUrl: rig.node().url, storeId: STORE, terminalNo: 2, lastError: null })
    expect(c.core.settings.get().terminalNo).toBe(2)
    const audited = c.core.db.prepare("SELECT action, detail FROM audit_log WHERE action IN ('sync.paired', 'settings.changed') ORDER BY seq").all() as {
      action: string
      detail: string
    }[]
    expect(audited.map((a) => [a.action, JSON.parse(a.detail)])).toEqual([
      ['settings.changed', { terminalNo: 2 }],
      ['sync.paired', expect.objectContaining({ storeId: STORE, terminalNo: 2, terminalNoBefore: null })],
    ])
    const registered = await db().pool.query(
      'SELECT terminal_no FROM terminals WHERE terminal_uid = (SELECT terminal_uid FROM terminals ORDER BY paired_at DESC LIMIT 1)',
    )
    expect(registered.rows[0].terminal_no).toBe(2)

    const settled = await settleInsuredSale(c)
    const msgids = (c.core.db.prepare('SELECT msgid FROM platform_messages WHERE sale_id = ?').all(settled.id) as { msgid: string }[]).map((m) => m.msgid)
    expect(msgids.length).toBeGreaterThan(0)
    for (const m of msgids) expect(msgidParts(m)!.terminalNo).toBe(2)

    // The pusher the pairing started takes it there on its own.
    await eventually(
      'the outbox at the store node',
      () => c.call('syncStatus', {}),
      (s) => s.waiting === 0 && s.ackedSeq > 0,
    )
    const held = await db().pool.query("SELECT pk FROM counter_rows WHERE tbl = 'platform_messages' AND pk = ANY($1)", [msgids])
    expect(held.rows.map((r: { pk: string }) => r.pk).sort()).toEqual([...msgids].sort())

    expect(await c.refused('pairWithStoreNode', { url: rig.node().url, code: await newCode() })).toBe('SYNC_ALREADY_PAIRED')
    // The number is the store node's now: the settings form cannot change it behind its back.
    expect(await c.refused('updateSettings', { terminalNo: 5 })).toBe('TERMINAL_NO_FROM_STORE_NODE')
    expect(c.core.settings.get().terminalNo).toBe(2)
  })

  it('refuses a wrong or spent code, an unreachable store node, and a cashier, changing nothing', async () => {
    const { counter: c } = await managerCounter()
    const before = counterState(c)
    expect(await c.refused('pairWithStoreNode', { url: rig.node().url, code: 'ZZZZZZZZZZ' })).toBe('SYNC_PAIRING_CODE_INVALID')
    const spent = await newCode()
    await new TerminalRegistry(db().pool, clock).pair(spent, '别的收银台')
    expect(await c.refused('pairWithStoreNode', { url: rig.node().url, code: spent })).toBe('SYNC_PAIRING_CODE_INVALID')
    expect(await c.refused('pairWithStoreNode', { url: 'http://127.0.0.1:9', code: await newCode() })).toBe('SYNC_STORE_UNREACHABLE')
    expect(await c.refused('pairWithStoreNode', { url: 'ftp://store', code: await newCode() })).toBe('INVALID_INPUT')
    expect(counterState(c)).toEqual(before)

    await signIn(c.core, 'cashier')
    expect(await c.refused('pairWithStoreNode', { url: rig.node().url, code: await newCode() })).toBe('FORBIDDEN_ROLE')
    expect(counterState(c)).toEqual(before)
  })

  it('keeps the pairing key sealed: not in sync_state, not anywhere in the SQLite files in the clear', async () => {
    const { counter: c, dataDir } = await managerCounter()
    await c.call('pairWithStoreNode', { url: rig.node().url, code: await newCode() })
    const d = c.core.db
    expect(d.prepare('SELECT pairing_key FROM sync_state').get()).toEqual({ pairing_key: '' })
    const key = pairingKeyOf(d, dataDir).open()!
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // It is the key the store node knows: the pusher's pushes are accepted with it.
    await eventually(
      'pushed',
      () => c.call('syncStatus', {}),
      (s) => s.waiting === 0 && s.ackedSeq > 0 && s.lastError === null,
    )
    await c.close()
    for (const f of ['gongji.db', 'gongji.db-wal']) {
      const path = join(dataDir, f)
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(key, 'utf8'))).toBe(false)
    }
  })

  it('seals a key an earlier build left in sync_state in the clear, at the next start, and pushes with it', async () => {
    const dir = tempDir()
    const first = await rig.counter(dir)
    await signIn(first.core, 'manager')
    const dataDir = (await first.call('appInfo', {})).dataDir
    await first.call('pairWithStoreNode', { url: rig.node().url, code: await newCode() })
    const key = pairingKeyOf(first.core.db, dataDir).open()!
    // As the earlier build kept it: in sync_state, nothing sealed.
    first.core.db.prepare('UPDATE sync_state SET pairing_key = ?').run(key)
    pairingKeyOf(first.core.db, dataDir).forget()
    await first.close()

    const again = await rig.counter(dir)
    expect(again.core.db.prepare('SELECT pairing_key FROM sync_state').get()).toEqual({ pairing_key: '' })
    expect(pairingKeyOf(again.core.db, dataDir).open()).toBe(key)
    await signIn(again.core, 'manager')
    await settleInsuredSale(again)
    await eventually(
      'pushed with the sealed key',
      () => again.call('syncStatus', {}),
      (s) => s.waiting === 0 && s.ackedSeq > 0 && s.lastError === null,
    )
  })

  it('unpairs only with a manager and a reason, audited; the key and the unsent outbox go, the number stays', async () => {
    const { counter: c } = await managerCounter()
    expect(await c.refused('unpairStoreNode', { reason: '门店服务器更换' })).toBe('SYNC_NOT_PAIRED')
    const paired = await c.call('pairWithStoreNode', { url: rig.node().url, code: await newCode() })
    expect(await c.refused('unpairStoreNode', { reason: '' })).toBe('INVALID_INPUT')
    await signIn(c.core, 'cashier')
    expect(await c.refused('unpairStoreNode', { reason: '门店服务器更换' })).toBe('FORBIDDEN_ROLE')
    await signIn(c.core, 'manager')
    expect(await c.call('unpairStoreNode', { reason: '门店服务器更换' })).toMatchObject({ paired: false, waiting: 0 })
    const d = c.core.db
    expect(d.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'secret:sync%'").get()).toEqual({ n: 0 })
    expect(d.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 })
    const row = d.prepare("SELECT detail FROM audit_log WHERE action = 'sync.unpaired'").get() as { detail: string }
    expect(JSON.parse(row.detail)).toMatchObject({ terminalNo: paired.terminalNo, reason: '门店服务器更换' })
    expect(c.core.settings.get().terminalNo).toBe(paired.terminalNo)
  })
})

describe('the store node checks the msgid digits against the registered number', () => {
  const message = (seq: number, msgid: string) => outboxRow(seq, { msgid, state: 'answered' }, 'platform_messages', msgid)
  const msgid = (no: number, at = new Date(), counterNo = 0) => `${STORE}${compactCst(at)}${String(no).padStart(2, '0')}${String(counterNo).padStart(2, '0')}`

  it('refuses a platform message with other digits, keeping nothing of the batch; its own digits and history from before pairing pass', async () => {
    const { pool } = db()
    const reg = await registerTerminal(pool, '三号收银台')
    // Paired an hour ago: messages of the last few minutes were issued well after it.
    await pool.query("UPDATE terminals SET paired_at = now() - interval '1 hour' WHERE terminal_uid = $1", [reg.terminal_uid])
    const own = String(reg.terminal_no)
    const other = reg.terminal_no === 1 ? 2 : 1
    const refused = await ingestBatch(pool, clock, pushRequest(reg, [outboxRow(1, { id: 'A' }), message(2, msgid(other))])).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'MSGID_TERMINAL_MISMATCH' })
    expect((refused as Error).message).toContain(`登记的是 ${own.padStart(2, '0')}`)
    expect((await heldState(pool, reg.terminal_uid)).events).toEqual([])

    // Over HTTP the counter hears the code (its pusher stops on it, the words in last_error).
    const overHttp = await fetch(new URL('/sync/v1/push', rig.node().url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reg.pairing_key}` },
      body: JSON.stringify({ version: SYNC_API_VERSION, terminal_uid: reg.terminal_uid, rows: [message(1, msgid(other, new Date(), 1))] }),
    })
    expect(overHttp.status).toBe(409)
    expect(((await overHttp.json()) as { error: { code: string } }).error.code).toBe('MSGID_TERMINAL_MISMATCH')
    expect(new StoreLinkError('MSGID_TERMINAL_MISMATCH', '').transient).toBe(false)

    // A message the counter issued before it was paired carries its old number and is taken as it is.
    const beforePairing = new Date(Date.now() - 2 * 3600_000)
    expect(
      await ingestBatch(
        pool,
        clock,
        pushRequest(reg, [outboxRow(1, { id: 'A' }), message(2, msgid(other, beforePairing)), message(3, msgid(reg.terminal_no, new Date(), 2))]),
      ),
    ).toBe(3)

    // A message body without a msgid of the platform's shape is no platform message.
    expect(await ingestBatch(pool, clock, pushRequest(reg, [message(4, 'T01-1')])).catch((e: unknown) => e)).toMatchObject({ code: 'BAD_REQUEST' })
  })
})
