import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openDatabase } from '../../electron/base/store/database'
import { PlatformClient } from '../../electron/core/platform/client'
import { MsgidSequence } from '../../electron/core/platform/msgid'
import { createTifTransport } from '../../electron/core/platform/transport'
import { coreMigrations } from '../../electron/core/store/migrations'
import { resolveProfile, type GatewaySettings } from '../../shared/nhsa/profiles'
import { buildRig, DEMO, identify, NIFEDIPINE, PHARMACY, startSandbox, type Rig, type RunningSandbox } from '../support/journal-rig'
import { startRewritingProxy, type RewritingProxy } from '../support/rewriting-proxy'
import { useTempDir } from '../support/temp-dir'

const tempDir = useTempDir()
let sandbox: RunningSandbox | undefined
let proxy: RewritingProxy | undefined
let rig: Rig | undefined
afterEach(async () => {
  rig?.db.close()
  await proxy?.close()
  await sandbox?.close()
  rig = sandbox = proxy = undefined
})

const national = (overrides: Partial<GatewaySettings>) => resolveProfile({ profileId: 'national', overrides })

it('signs in again once the profile’s sign-in period has passed, and not before', async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  let offsetMs = 0
  const clock = { now: () => new Date(Date.now() + offsetMs) }
  const db = openDatabase(join(tempDir(), 'gongji.db'), coreMigrations)
  const profile = national({ signInRenewMinutes: 1 })
  const transport = createTifTransport({ baseUrl: sandbox.url, paasid: DEMO.paasid, secret: DEMO.secret, timeoutMs: 3000, clock, profile })
  const identity = {
    fixmedinsCode: PHARMACY.fixmedins_code,
    fixmedinsName: PHARMACY.fixmedins_name,
    admdvs: PHARMACY.admdvs,
    opter: 'C001',
    opterName: '收银员',
  }
  const client = new PlatformClient(identity, transport, new MsgidSequence(db, clock, PHARMACY.fixmedins_code, 1), clock, profile)
  const signIns = () => (sandbox!.db.prepare("SELECT count(*) AS n FROM messages WHERE infno = '9001'").get() as { n: number }).n
  const query = () => client.call('1312', { data: { page_num: 1, page_size: 1 } })
  await query()
  offsetMs = 50_000
  await query()
  expect(signIns()).toBe(1)
  offsetMs = 61_000
  await query()
  expect(signIns()).toBe(2)
  db.close()
})

/** A 2102 whose acct_pay excludes mutual aid: 10.00 of the own-account part moved to acct_mulaid_pay. */
async function settleWithMutualAid(acctPay: GatewaySettings['acctPay']) {
  sandbox = await startSandbox({ seed: 'demo' })
  proxy = await startRewritingProxy(sandbox.url)
  rig = buildRig(tempDir(), proxy.url, { profile: national({ acctPay }) })
  proxy.rewrite('2102', (a) => {
    const setl = (a.output as { setlinfo: Record<string, number> }).setlinfo
    return { ...a, output: { ...(a.output as object), setlinfo: { ...setl, acct_pay: setl.acct_pay! - 10, acct_mulaid_pay: 10 } } }
  })
  const member = await identify(sandbox, rig.platform, DEMO.people.chenEmployee.psn_no)
  const sale = rig.journal.ledger.open({ member, acctUsed: true, lines: [{ ...NIFEDIPINE, qty: '2' }] }, 'C001')
  await rig.journal.presettle(sale.id, 'C001')
  return { sale, settled: rig.journal.settle(sale.id, 'C001') }
}

it('a region whose acct_pay includes mutual aid rejects (and reverses) an answer following the other convention', async () => {
  const { sale, settled } = await settleWithMutualAid('acct-includes-mulaid')
  await expect(settled).rejects.toMatchObject({ code: 'SETTLEMENT_ANSWER_REJECTED' })
  expect(rig!.journal.ledger.get(sale.id).state).toBe('draft')
})

it('a region whose acct_pay excludes mutual aid records the same answer', async () => {
  const { sale, settled } = await settleWithMutualAid('acct-excludes-mulaid')
  await settled
  expect(JSON.parse(rig!.journal.ledger.get(sale.id).setlinfo!)).toMatchObject({ acct_mulaid_pay: 10 })
})

describe('9102 on a gateway that answers the ZIP itself (raw-zip profile)', () => {
  const downloadCatalog = async (r: Rig) => {
    const { output } = await r.platform.call('1301', { data: { ver: '0' } })
    return r.platform.downloadFile(output.file_qury_no, output.filename)
  }

  it('keeps the ZIP as it came, its one file inside the same bytes the platform holds', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'guangzhou' })
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'base-infno', overrides: {} }) })
    const file = await downloadCatalog(rig)
    const held = sandbox.db.prepare('SELECT filename, content FROM files WHERE file_qury_no = ?').get(file.fileQuryNo) as { filename: string; content: Buffer }
    const zip = await JSZip.loadAsync(file.content, { checkCRC32: true })
    expect(Object.keys(zip.files)).toEqual([held.filename])
    expect((await zip.file(held.filename)!.async('nodebuffer')).equals(held.content)).toBe(true)
    expect(file.filename).toBe(`${held.filename}.zip`)
  })

  it('a body that is not a whole ZIP is refused as corrupt', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'guangzhou' })
    proxy = await startRewritingProxy(sandbox.url)
    rig = buildRig(tempDir(), proxy.url, { profile: resolveProfile({ profileId: 'base-infno', overrides: {} }) })
    proxy.replace('9102', { status: 200, body: 'PK\u0003\u0004 cut off on the way' })
    await expect(downloadCatalog(rig)).rejects.toMatchObject({ name: 'FileCorrupt' })
  })

  it('a link-style answer under the raw-zip profile names the setting to check', async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: { profile: 'base-infno', linkDownload: true } })
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'base-infno', overrides: {} }) })
    await expect(downloadCatalog(rig)).rejects.toThrow(/文件下载方式/)
  })
})

describe('9102 in the link style (the sandbox extension, chosen by a profile override)', () => {
  const linkRig = async () => {
    sandbox = await startSandbox({ seed: 'demo', quirks: 'link-download' })
    rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'national', overrides: { fileDownload: 'link' } }) })
    const { output } = await rig.platform.call('1306', { data: { ver: '0' } })
    return { s: sandbox, r: rig, output }
  }

  it('fetches the announced file by a signed GET, proven by size and SHA-256', async () => {
    const { s, r, output } = await linkRig()
    const file = await r.platform.downloadFile(output.file_qury_no, output.filename)
    const held = s.db.prepare('SELECT content, sha256 FROM files WHERE file_qury_no = ?').get(file.fileQuryNo) as { content: Buffer; sha256: string }
    expect(file.content.equals(held.content)).toBe(true)
    expect(file).toMatchObject({ sha256: held.sha256, itemCount: output.data_cnt })
  })

  it('a file altered on the way (same size, other bytes) is refused by its SHA-256', async () => {
    const { s, r, output } = await linkRig()
    s.db.prepare("UPDATE files SET content = CAST(replace(CAST(content AS TEXT), '医用', '医疗') AS BLOB) WHERE file_qury_no = ?").run(output.file_qury_no)
    await expect(r.platform.downloadFile(output.file_qury_no, output.filename)).rejects.toMatchObject({
      name: 'FileCorrupt',
      message: expect.stringMatching(/SHA-256/),
    })
  })
})

it.each([
  ['national', 'none'],
  ['per-service', 'per-service'],
])('9101 under profile %s: the bytes arrive whole, as base64 or as a byte array', async (profileId, quirks) => {
  sandbox = await startSandbox({ seed: 'demo', quirks })
  rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId, overrides: {} }) })
  const bytes = Buffer.from('明细\t1\t40.00\n', 'utf8')
  const { output } = await rig.platform.call('9101', { fsUploadIn: { filename: 'recon.txt', in: bytes.toString('base64') } })
  const held = sandbox.db.prepare('SELECT content FROM files WHERE file_qury_no = ?').get(output.file_qury_no) as { content: Buffer }
  expect(held.content.equals(bytes)).toBe(true)
})

it.each([
  ['national', 'none'],
  ['per-service', 'per-service'],
])('9101 under profile %s sends the text zipped (*.txt.zip); the platform keeps the text inside', async (profileId, quirks) => {
  sandbox = await startSandbox({ seed: 'demo', quirks })
  rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId, overrides: {} }) })
  const text = Buffer.from('setl_id\tmdtrt_id\n明细\t1\n', 'utf8')
  const { output } = await rig.platform.uploadFile('recon-2026-12-05.txt', text)
  const held = sandbox.db.prepare('SELECT filename, content FROM files WHERE file_qury_no = ?').get(output.file_qury_no) as {
    filename: string
    content: Buffer
  }
  expect(held.filename).toBe('recon-2026-12-05.txt.zip')
  expect(held.content.equals(text)).toBe(true)
})

it('an upload that starts as a ZIP but is not a whole one is refused by the platform', async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile() })
  const upload = rig.platform.call('9101', { fsUploadIn: { filename: 'a.txt.zip', in: Buffer.from('PK\u0003\u0004 cut').toString('base64') } })
  await expect(upload).rejects.toMatchObject({ failure: 'refused', message: expect.stringMatching(/不是完整的 ZIP/) })
})

it('a byte-array gateway refuses a base64 upload: the profile decides what goes on the wire', async () => {
  sandbox = await startSandbox({ seed: 'demo', quirks: 'per-service' })
  rig = buildRig(tempDir(), sandbox.url, { profile: resolveProfile({ profileId: 'per-service', overrides: { fileUpload: 'base64' } }) })
  const upload = rig.platform.call('9101', { fsUploadIn: { filename: 'a.txt', in: Buffer.from('AB').toString('base64') } })
  await expect(upload).rejects.toMatchObject({ failure: 'refused' })
  await expect(upload).rejects.toThrow(/字节数组/)
})
