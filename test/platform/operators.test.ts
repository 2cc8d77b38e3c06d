import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../electron/base/store/database'
import { AuditTrail } from '../../electron/core/audit/audit-trail'
import { createCore } from '../../electron/core/core'
import { EventBus } from '../../electron/core/events'
import { SaleJournal } from '../../electron/core/journal/sale-journal'
import { PLATFORM_SECRET, PlatformConnection, type PlatformTarget } from '../../electron/core/platform/connection'
import { fileKeyBox, SecretStore } from '../../electron/core/secrets/secret-store'
import { installCredentialVault } from '../../electron/core/secrets/credential-vault'
import { SessionService } from '../../electron/core/session/session-service'
import { SettingsService } from '../../electron/core/settings/settings-service'
import { coreMigrations } from '../../electron/core/store/migrations'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { Caller } from '../../electron/core/transport/dispatcher'
import { GatewayOverridesSchema, resolveProfile, type GatewayOverrides } from '../../shared/nhsa/profiles'
import { BOTH_WIRES, clock, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type RunningSandbox } from '../support/journal-rig'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { signIn } from '../support/core-session'
import { ok } from '../support/live-counter'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
const closing: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

const MANAGER: Caller = { id: 'wang01', name: '王店长', role: 'manager' }
const LI = { id: 'li01', name: '李收银', pin: '246801', code: 'OP41010001', opName: '李四' }
const ZHAO = { id: 'zhao02', name: '赵收银', pin: '135802', code: 'OP41010002', opName: '赵五' }
/** The institution's default operator: background work signs in under it. */
const DEFAULT_OPERATOR = { code: 'OP41010000', name: '药房后台' }

interface Envelope {
  infno: string
  msgid: string
  opter: string
  opter_name: string
  sign_no: string
  input: { signIn?: { opter_no: string }; signOut?: { sign_no: string; opter_no: string } }
}

/**
 * A live counter's platform side as the core builds it: the real session (users with their 医保操作员), the
 * connection's two clients, against the sandbox gateway behind a proxy that records every envelope.
 */
async function liveCounter(overrides: GatewayOverrides = {}) {
  const sandbox: RunningSandbox = await startSandbox({ seed: 'demo' })
  closing.push(() => sandbox.close())
  const proxy: RewritingProxy = await startRewritingProxy(sandbox.url)
  closing.push(() => proxy.close())
  const dir = tempDir()
  const db: Db = openDatabase(join(dir, 'gongji.db'), coreMigrations)
  closing.push(() => void db.close())
  const secrets = new SecretStore(db, clock, fileKeyBox(dir))
  installCredentialVault(db, secrets)
  secrets.set(PLATFORM_SECRET, DEMO.secret)
  const events = new EventBus()
  const settings = new SettingsService(db, clock, events)
  settings.update({
    trainingMode: false,
    fixmedinsCode: PHARMACY.fixmedins_code,
    fixmedinsName: PHARMACY.fixmedins_name,
    admdvs: PHARMACY.admdvs,
    terminalNo: 1,
    platformUrl: proxy.url,
    platformPaasid: DEMO.paasid,
    platformOperatorCode: DEFAULT_OPERATOR.code,
    platformOperatorName: DEFAULT_OPERATOR.name,
    gatewayProfile: { profileId: 'national', overrides },
  })
  const audit = new AuditTrail(db, clock)
  const session = new SessionService(db, clock, settings, audit, events)
  for (const u of [LI, ZHAO]) {
    await session.save({ id: u.id, name: u.name, role: 'cashier', active: true, pin: u.pin, nhsaOperator: { code: u.code, name: u.opName } }, MANAGER)
  }
  const connection = new PlatformConnection({
    dataDir: dir,
    db,
    clock,
    secrets,
    settings: () => settings.get(),
    training: trainingPlatform(),
    operator: () => session.operator(),
  })
  closing.push(() => connection.close())
  const journalOf = (t: PlatformTarget) =>
    new SaleJournal(db, clock, { platform: t.client, msgids: t.msgids }, audit, { terminalId: 'T01', backoffMs: 20, maxBackoffMs: 200, wires: BOTH_WIRES })
  /** One insured sale at the counter under whoever is signed in: 1101, 2101, 2102. */
  const sell = async (by: string) => {
    const t = await connection.current()
    const journal = journalOf(t)
    const member = await identify(sandbox, t.client, DEMO.people.chenEmployee.psn_no)
    const sale = journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, by)
    await journal.presettle(sale.id, by)
    await journal.settle(sale.id, by)
    return journal.ledger.get(sale.id)
  }
  const sent = () => proxy.envelopes as unknown as Envelope[]
  /** The sandbox's own record of a sign-in: whose it is and whether it was signed out. */
  const signInRow = (signNo: string) =>
    sandbox.db.prepare('SELECT opter_no, signed_out_at FROM sessions WHERE sign_no = ?').get(signNo) as { opter_no: string; signed_out_at: string | null }
  return { sandbox, db, session, connection, journalOf, sell, sent, signInRow }
}

describe.each([
  ['signs the previous operator out (9002)', true],
  ['leaves the previous sign-in to lapse', false],
])('two cashiers in turn, under a profile that %s', (_, signOutOnOperatorChange) => {
  it('each signs in (9001) under their own code before their first message, and their 1101/2101/2102 go under it', async () => {
    const c = await liveCounter({ signOutOnOperatorChange })
    await c.session.login(LI.id, LI.pin)
    await c.sell(LI.id)
    await c.session.login(ZHAO.id, ZHAO.pin)
    await c.sell(ZHAO.id)

    const sent = c.sent()
    const signIns = sent.filter((e) => e.infno === '9001')
    expect(signIns.map((e) => [e.opter, e.input.signIn!.opter_no])).toEqual([
      [LI.code, LI.code],
      [ZHAO.code, ZHAO.code],
    ])
    const signOuts = sent.filter((e) => e.infno === '9002')
    expect(signOuts.map((e) => e.input.signOut!.opter_no)).toEqual(signOutOnOperatorChange ? [LI.code] : [])
    for (const [who, name] of [
      [LI, LI.opName],
      [ZHAO, ZHAO.opName],
    ] as const) {
      const theirs = sent.filter((e) => e.opter === who.code && ['1101', '2101', '2102'].includes(e.infno))
      expect(theirs.map((e) => e.infno)).toEqual(['1101', '2101', '2102'])
      // One sign_no for the cashier's whole sale, and the platform holds it as that cashier's.
      expect(new Set(theirs.map((e) => e.sign_no)).size).toBe(1)
      expect(theirs.every((e) => e.opter_name === name)).toBe(true)
      expect(c.signInRow(theirs[0]!.sign_no).opter_no).toBe(who.code)
    }
    const liSignNo = sent.find((e) => e.opter === LI.code && e.infno === '2102')!.sign_no
    expect(c.signInRow(liSignNo).signed_out_at !== null).toBe(signOutOnOperatorChange)
    // The same cashier again: no new sign-in.
    await c.sell(ZHAO.id)
    expect(c.sent().filter((e) => e.infno === '9001')).toHaveLength(2)
  })
})

it('a user without a code of their own, and nobody signed in, go under the institution’s default operator', async () => {
  const c = await liveCounter()
  await c.session.save({ id: LI.id, name: LI.name, role: 'cashier', active: true, nhsaOperator: null }, MANAGER)
  await c.session.login(LI.id, LI.pin)
  await c.sell(LI.id)
  expect(new Set(c.sent().map((e) => e.opter))).toEqual(new Set([DEFAULT_OPERATOR.code]))
})

it('a background settlement during a sale keeps the sale’s sign_no, goes under the default operator, and never shares a msgid', async () => {
  const c = await liveCounter()
  await c.session.login(LI.id, LI.pin)
  const counter = await c.connection.current()
  const background = await c.connection.background()
  const counterJournal = c.journalOf(counter)
  const member = await identify(c.sandbox, counter.client, DEMO.people.chenEmployee.psn_no)
  const sale = counterJournal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, LI.id)
  await counterJournal.presettle(sale.id, LI.id)

  // Meanwhile the forwarder settles a sale of its own (another person), as background work does.
  const backgroundJournal = c.journalOf(background)
  const other = await identify(c.sandbox, background.client, DEMO.people.chenEmployee.psn_no)
  const forwarded = backgroundJournal.ledger.open({ member: other, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '2' }] }, 'offline')
  await backgroundJournal.presettle(forwarded.id, 'offline')
  await backgroundJournal.settle(forwarded.id, 'offline')

  await counterJournal.settle(sale.id, LI.id)
  expect(counterJournal.ledger.get(sale.id).state).toBe('settled')

  const sent = c.sent()
  const cashiers = sent.filter((e) => e.opter === LI.code && e.infno !== '9001')
  expect(cashiers.map((e) => e.infno)).toEqual(['1101', '2101', '2102'])
  expect(new Set(cashiers.map((e) => e.sign_no)).size).toBe(1)
  const backgrounds = sent.filter((e) => e.opter === DEFAULT_OPERATOR.code && e.infno !== '9001')
  expect(backgrounds.map((e) => e.infno)).toEqual(['1101', '2101', '2102'])
  expect(new Set(backgrounds.map((e) => e.sign_no)).size).toBe(1)
  expect(backgrounds[0]!.sign_no).not.toBe(cashiers[0]!.sign_no)
  expect(c.signInRow(backgrounds[0]!.sign_no).opter_no).toBe(DEFAULT_OPERATOR.code)
  // Each client signed in once; nobody was signed out under the cashier.
  expect(sent.filter((e) => e.infno === '9001').map((e) => e.opter)).toEqual([LI.code, DEFAULT_OPERATOR.code])
  expect(sent.filter((e) => e.infno === '9002')).toEqual([])

  // Both clients at once, many messages: one sequence, so no msgid is ever issued twice.
  await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? counter : background).client.call('1312', { data: { page_num: 1, page_size: 1 } })))
  const msgids = c.sent().map((e) => e.msgid)
  expect(new Set(msgids).size).toBe(msgids.length)
})

it('the manager sets and clears a user’s 医保操作员 through the contract; a malformed code is refused', async () => {
  const core = await createCore({ dataDir: tempDir(), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  closing.push(() => core.close())
  await signIn(core, 'manager')
  const base = { id: LI.id, name: LI.name, role: 'cashier', active: true }
  await ok(core.dispatch('saveUser', { ...base, pin: LI.pin, nhsaOperator: { code: LI.code, name: LI.opName } }))
  const listed = async () => (await ok<{ id: string; nhsaOperator: unknown }[]>(core.dispatch('listUsers', {}))).find((u) => u.id === LI.id)
  expect((await listed())!.nhsaOperator).toEqual({ code: LI.code, name: LI.opName })
  // Absent: unchanged.
  await ok(core.dispatch('saveUser', base))
  expect((await listed())!.nhsaOperator).toEqual({ code: LI.code, name: LI.opName })
  const bad = await core.dispatch('saveUser', { ...base, nhsaOperator: { code: 'OP 1', name: LI.opName } })
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  await ok(core.dispatch('saveUser', { ...base, nhsaOperator: null }))
  expect((await listed())!.nhsaOperator).toBeNull()
})

it('a manager’s override of one setting keeps the shipped profile’s others (no default sneaks into the overrides)', () => {
  const zhejiang = resolveProfile({ profileId: 'x-ca-gb2312', overrides: { infver: 'V1.0' } })
  expect(zhejiang).toMatchObject({ infver: 'V1.0', signOutOnOperatorChange: false, bodyEncoding: 'gb2312' })
  expect(GatewayOverridesSchema.parse({})).toEqual({})
})
