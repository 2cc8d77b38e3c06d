import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { idNumberValid } from '../../electron/core/platform/credentials'
import { MemberRegistry } from '../../electron/core/sale/member-registry'
import { resolveProfile } from '../../shared/nhsa/profiles'
import { admin, buildRig, clock, DEMO, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { useTempDir } from '../support/temp-dir'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { signIn } from '../support/core-session'
import { ok } from '../support/live-counter'
import type { CredentialSourceCheck } from '../../shared/contract'

const tempDir = useTempDir()
const ROOT = join(__dirname, '..', '..')

let sandbox: RunningSandbox | undefined
let rig: Rig | undefined
const children: ChildProcess[] = []
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  rig?.db.close()
  await sandbox?.close()
  rig = sandbox = undefined
})

/** The vendor plug-in as a process of its own, answering over local HTTP (test/support/credential-plugin.ts). */
async function startPlugin(s: RunningSandbox): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/credential-plugin.ts', s.url.replace(/\/$/, ''), DEMO.paasid, DEMO.secret], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`plug-in exited with ${code}`)))
  })
}

const messages = (r: Rig) => (r.db.prepare('SELECT count(*) AS n FROM platform_messages').get() as { n: number }).n
const qr = async (s: RunningSandbox, psnNo: string) => (await admin<{ qrcode: string }>(s, 'POST', 'credentials', { psn_no: psnNo })).qrcode
const chen = DEMO.people.chenEmployee

/** Settles one insured line for the member behind `ref`: the platform checks the credential again on 2101/2102. */
async function settle(r: Rig, registry: MemberRegistry, ref: string) {
  const { member } = registry.resolve(ref)
  const sale = r.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '1' }] }, 'C001')
  await r.journal.presettle(sale.id, 'C001')
  await r.journal.settle(sale.id, 'C001')
  return { member, sale: r.journal.ledger.get(sale.id) }
}

const lastRequest = (r: Rig, infno: string) =>
  JSON.parse((r.db.prepare('SELECT request FROM platform_messages WHERE infno = ? ORDER BY rowid DESC LIMIT 1').get(infno) as { request: string }).request) as {
    data: Record<string, string>
  }

describe('the electronic credential behind one seam', () => {
  it('the gateway decode (01), an ID card typed or wedged (02) and a social-security card with card_sn (03) each identify and settle', async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    rig = buildRig(tempDir(), sandbox.url)
    const registry = new MemberRegistry(clock)
    const byQr = await registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: await qr(sandbox, chen.psn_no) })
    expect((await settle(rig, registry, byQr.ref)).sale.state).toBe('settled')

    // A keyboard-wedge reader types spaces and a lower-case x as it likes; the ID card is 02 with certno beside it.
    const byId = await registry.identify(rig.platform, PHARMACY.admdvs, { idCardNo: ` ${chen.certno.toLowerCase()} ` })
    expect((await settle(rig, registry, byId.ref)).sale.state).toBe('settled')

    // The social-security card: its number and card_sn, both in 1101 (the platform refuses a 03 without one) and in the settlement.
    const byCard = await registry.identify(rig.platform, PHARMACY.admdvs, { socialCard: { cardNo: chen.certno, cardSn: 'a1b2c3d4' } })
    const card = await settle(rig, registry, byCard.ref)
    expect(card.member).toMatchObject({ certType: '03', cardSn: 'A1B2C3D4' })
    expect(card.sale.state).toBe('settled')
    expect(lastRequest(rig, '2102').data).toMatchObject({ mdtrt_cert_type: '03', card_sn: 'A1B2C3D4' })
  })

  it('bad input is refused with a code and Chinese words before anything is sent', async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    rig = buildRig(tempDir(), sandbox.url)
    const registry = new MemberRegistry(clock)
    const before = messages(rig)
    const wrongCheck = chen.certno.slice(0, 17) + (chen.certno[17] === '1' ? '2' : '1')
    expect(idNumberValid(wrongCheck)).toBe(false)
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { idCardNo: wrongCheck })).rejects.toMatchObject({
      code: 'ID_CARD_INVALID',
      message: expect.stringMatching(/校验位/),
    })
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { idCardNo: '12345' })).rejects.toMatchObject({ code: 'ID_CARD_INVALID' })
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { socialCard: { cardNo: chen.certno, cardSn: '' } })).rejects.toMatchObject({
      code: 'SOCIAL_CARD_INVALID',
      message: expect.stringMatching(/card_sn/),
    })
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: 'SBX\u0000\u001b[2J' })).rejects.toMatchObject({
      code: 'QR_INVALID',
      message: expect.stringMatching(/医保码/),
    })
    expect(messages(rig)).toBe(before)
    // A well-formed code the decode service does not know is the platform's refusal, in its words.
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: 'SBXECnot-a-code' })).rejects.toMatchObject({
      code: 'PLATFORM_REFUSED',
      message: expect.stringMatching(/无法识别/),
    })
    // A code scanned twice: the decode service's reason once, and one piece of advice in the counter's words (B21).
    const code = await qr(sandbox, chen.psn_no)
    await registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: code })
    const used = await registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: code }).then(
      () => '',
      (e: Error) => e.message,
    )
    expect(used).toBe('医保电子凭证无法识别：二维码已使用，请顾客刷新医保码后重扫')
  })

  it('a vendor SDK as an out-of-process plug-in: QR codes and cards read through it, its failures worded, a dead plug-in named', async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    const url = await startPlugin(sandbox)
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'national', overrides: { credentials: { via: 'plugin', url } } }) })
    const registry = new MemberRegistry(clock)
    const byQr = await registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: await qr(sandbox, chen.psn_no) })
    expect((await settle(rig, registry, byQr.ref)).sale.state).toBe('settled')
    const byCard = await registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: `CARD:${chen.certno}` })
    const card = await settle(rig, registry, byCard.ref)
    expect(card.member).toMatchObject({ certType: '03', cardSn: expect.stringMatching(/^SN/) })
    expect(lastRequest(rig, '2102').data).toMatchObject({ mdtrt_cert_type: '03', card_sn: card.member.cardSn })

    const before = messages(rig)
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: 'REFUSE' })).rejects.toMatchObject({
      code: 'QR_INVALID',
      message: expect.stringMatching(/读卡器未连接/),
    })
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: 'HTML' })).rejects.toMatchObject({ code: 'CREDENTIAL_PLUGIN_BAD_ANSWER' })
    children[0]!.kill('SIGKILL')
    await new Promise((r) => children[0]!.once('exit', r))
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { qrCode: 'ANY' })).rejects.toMatchObject({
      code: 'CREDENTIAL_PLUGIN_UNREACHABLE',
      message: expect.stringMatching(/凭证插件/),
    })
    expect(messages(rig)).toBe(before)
  })

  it('the social-security card in the reader (03): read by the plug-in with its card_sn and settled; no card, or no reader, refused in words before anything is sent', async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    const url = await startPlugin(sandbox)
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'national', overrides: { credentials: { via: 'plugin', url } } }) })
    const registry = new MemberRegistry(clock)
    const insert = (certNo?: string) => fetch(`${url}/test/card`, { method: 'POST', body: JSON.stringify(certNo ? { certNo } : {}) })
    const before = messages(rig)
    await expect(registry.identify(rig.platform, PHARMACY.admdvs, { readCard: 'social-security' })).rejects.toMatchObject({
      code: 'SOCIAL_CARD_INVALID',
      message: expect.stringMatching(/读卡器中没有卡/),
    })
    expect(messages(rig)).toBe(before)
    await insert(chen.certno)
    const byReader = await registry.identify(rig.platform, PHARMACY.admdvs, { readCard: 'social-security' })
    const card = await settle(rig, registry, byReader.ref)
    expect(card.member).toMatchObject({ certType: '03', cardSn: 'SN' + chen.certno.slice(-6) })
    expect(lastRequest(rig, '2102').data).toMatchObject({ mdtrt_cert_type: '03', card_sn: card.member.cardSn })

    // The gateway's decode service reads no cards: without a plug-in the cashier is told to type the card or set one up.
    const gateway = buildRig(tempDir(), sandbox.url)
    const sent = messages(gateway)
    await expect(new MemberRegistry(clock).identify(gateway.platform, PHARMACY.admdvs, { readCard: 'social-security' })).rejects.toMatchObject({
      code: 'CARD_READER_NOT_CONFIGURED',
      message: expect.stringMatching(/凭证插件/),
    })
    expect(messages(gateway)).toBe(sent)
    gateway.db.close()
  })

  it('the manager’s test of a credential source says what happened: answered, no answer, or an answer it cannot read', async () => {
    sandbox = await startSandbox({ seed: 'demo' })
    const url = await startPlugin(sandbox)
    const core = await createCore({ dataDir: tempDir(), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
    try {
      await signIn(core, 'manager')
      const check = (source: unknown) => ok<CredentialSourceCheck>(core.dispatch('checkCredentialSource', { source }))
      // The training gateway's decode service, and the plug-in: each reads the test code and refuses it, as a working source does.
      expect(await check({ via: 'gateway' })).toMatchObject({ via: 'gateway', result: 'answered', detail: expect.stringMatching(/无法识别/) })
      expect(await check({ via: 'plugin', url })).toMatchObject({ via: 'plugin', result: 'answered', detail: expect.stringMatching(/无法识别/) })
      // The sandbox's own port is no plug-in: it answers, but not in the plug-in's contract.
      expect(await check({ via: 'plugin', url: sandbox.url.replace(/\/$/, '') })).toMatchObject({ result: 'unreadable' })
      children[0]!.kill('SIGKILL')
      await new Promise((r) => children[0]!.once('exit', r))
      expect(await check({ via: 'plugin', url })).toMatchObject({ result: 'unreachable', detail: expect.stringMatching(/没有响应/) })
      expect(await core.dispatch('checkCredentialSource', { source: { via: 'plugin', url: 'http://10.0.0.5:9000' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    } finally {
      await core.close()
    }
  })

  it('a plug-in address off this machine is refused in the profile', () => {
    expect(() => resolveProfile({ profileId: 'national', overrides: { credentials: { via: 'plugin', url: 'http://10.0.0.5:9000' } } })).toThrow(/本机/)
  })
})
