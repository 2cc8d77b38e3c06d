import { afterEach, describe, expect, it } from 'vitest'
import { resolveProfile } from '../../shared/nhsa/profiles'
import { admin, buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let sandbox: RunningSandbox | undefined
let rig: Rig | undefined
let proxy: RewritingProxy | undefined
afterEach(async () => {
  rig?.db.close()
  await proxy?.close()
  await sandbox?.close()
  rig = sandbox = proxy = undefined
})

const profile = (profileId: string) => resolveProfile({ profileId, overrides: {} })
const ledger = async (s: RunningSandbox) =>
  (await admin<{ entries: { kind: string; msgid: string; ref_msgid: string | null }[] }>(s, 'GET', `ledger?fixmedins_code=${PHARMACY.fixmedins_code}`)).entries

describe('a profile that does not match the gateway: refused with the setting to check, nothing sent on', () => {
  it('x-tif signing against an x-ca gateway: the signature is refused, naming the signing scheme', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'zhejiang' })
    rig = buildRig(tempDir(), sandbox.url, { profile: profile('national') })
    const err = await rig.platform.signIn().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'PLATFORM_REFUSED', failure: 'refused' })
    expect((err as Error).message).toMatch(/签名方式（x-tif）/)
    expect((err as Error).message).toMatch(/「设置」/)
  })

  it('x-ca with a wrong secret is refused by the x-ca gateway (the HMAC-SM3 is checked, not just present)', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'zhejiang', secret: 'another-secret' })
    rig = buildRig(tempDir(), sandbox.url, { profile: profile('x-ca-gb2312') })
    const err = await rig.platform.signIn().catch((e: unknown) => e)
    expect(err).toMatchObject({ failure: 'refused' })
    expect((err as Error).message).toMatch(/签名方式（x-ca）/)
  })

  it('the generic path against a base + infno gateway: no such service, refused, naming the path mode', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'guangzhou' })
    rig = buildRig(tempDir(), sandbox.url, { profile: profile('national') })
    const err = await rig.platform.signIn().catch((e: unknown) => e)
    expect(err).toMatchObject({ failure: 'refused' })
    expect((err as Error).message).toMatch(/路径方式/)
  })

  it('a message posted on another transaction’s per-service path is not routed to the platform', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'per-service' })
    const crossed = profile('per-service')
    if (crossed.paths.mode !== 'per-service') throw new Error('per-service profile expected')
    // 9001 sent on 1101's path: the gateway must not take it as a sign-in.
    const wrong = { ...crossed, paths: { ...crossed.paths, services: { ...crossed.paths.services, '9001': crossed.paths.services['1101']! } } }
    rig = buildRig(tempDir(), sandbox.url, { profile: wrong })
    await expect(rig.platform.signIn()).rejects.toMatchObject({ failure: 'refused' })
  })

  it('a Guangzhou gateway refuses an envelope whose cainfo is not the SM3 of its input', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'guangzhou' })
    rig = buildRig(tempDir(), sandbox.url, { profile: { ...profile('base-infno'), envelopeSign: 'none' } })
    const err = await rig.platform.signIn().catch((e: unknown) => e)
    expect(err).toMatchObject({ failure: 'refused' })
    expect((err as Error).message).toMatch(/cainfo/)
  })
})

const BROKEN: [string, { status: number; body: string }, RegExp][] = [
  ['garbage', { status: 200, body: '\u0001\u0002 not json at all' }, /不是有效的 JSON.*报文编码（utf-8）/],
  ['an HTML page', { status: 200, body: '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>' }, /网页而不是接口应答.*路径方式/],
  ['an empty body', { status: 200, body: '' }, /空的应答.*路径方式/],
  ['HTTP 500', { status: 500, body: 'Internal Server Error' }, /HTTP 500，结果未知.*「设置」/],
]

describe.each(BROKEN)('a gateway answering %s', (_name, answer, words) => {
  const start = async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    proxy = await startRewritingProxy(sandbox.url)
    rig = buildRig(tempDir(), proxy.url, { timeoutMs: 1500 })
    return { s: sandbox, p: proxy, r: rig }
  }

  it('a clear message naming the setting to check', async () => {
    const { p, r } = await start()
    p.replace('9001', answer)
    const err = await r.platform.signIn().catch((e: unknown) => e)
    expect((err as Error).message).toMatch(words)
  })

  it('to a 2102 the platform committed: reversed by 2601, never recorded as paid, nothing settled twice', async () => {
    const { s, p, r } = await start()
    const member = await identify(s, r.platform, DEMO.people.chenEmployee.psn_no)
    const sale = r.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
    await r.journal.presettle(sale.id, 'C001')
    p.replace('2102', answer)
    await expect(r.journal.settle(sale.id, 'C001')).rejects.toMatchObject({ code: 'SETTLEMENT_REVERSED' })
    expect(r.journal.ledger.get(sale.id).state).toBe('draft')
    p.clear()
    await r.journal.presettle(sale.id, 'C001')
    await r.journal.settle(sale.id, 'C001')
    const entries = await ledger(s)
    const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.ref_msgid))
    expect(entries.filter((e) => e.kind === 'settlement' && !reversed.has(e.msgid)).map((e) => e.msgid)).toEqual([r.journal.ledger.get(sale.id).settled_msgid])
  })
})
