import { z } from 'zod'
import {
  ecQueryResponseSchema,
  ecRefusalReason,
  judgeAnswer,
  type AcctConvention,
  type AnswerOutput,
  type Infno,
  type SaleSent,
  type TransactionInput,
} from '../../../shared/nhsa'
import { messagePath, recerSysCodeFor, resolveProfile, uploadBytes, type GatewayProfile } from '../../../shared/nhsa/profiles'
import type { Clock } from '../../base/clock'
import { createHash } from 'node:crypto'
import type JSZip from 'jszip'
import { PlatformError } from './errors'
import { wireTimeCst, type MsgidSequence } from './msgid'
import { DownloadTooLarge, type PlatformTransport } from './transport'

export const PlatformIdentitySchema = z.object({
  fixmedinsCode: z.string().regex(/^[A-Z0-9]{12}$/),
  fixmedinsName: z.string().min(1),
  /** The store's region (mdtrtarea_admvs). */
  admdvs: z.string().regex(/^\d{6}$/),
  opter: z.string().min(1),
  opterName: z.string().min(1),
  mac: z.string().default('00-00-00-00-00-00'),
  ip: z.string().default('127.0.0.1'),
})
export type PlatformIdentity = z.input<typeof PlatformIdentitySchema>

/** The gateway says the sign-in is gone; provinces word it differently, all mention 签到 / sign_no. */
const SIGN_IN_INVALID = /签到|sign_no/i

export interface CallOptions {
  /** The idempotency key, when the caller has already committed it to the journal. */
  msgid?: string
  /** Required whenever the input names a person (1101's insuinfo.insuplc_admdvs). */
  insuplcAdmdvs?: string
  /** For a settlement: the sale sent, which the answer must describe (shared/nhsa/answer/describes.ts). */
  sale?: SaleSent
}

/** Only a settlement with mutual aid in it tells the two acct_pay conventions apart. */
function mutualAidPaid(output: unknown): boolean {
  const setl = (output as { setlinfo?: { acct_mulaid_pay?: unknown } } | null)?.setlinfo
  return typeof setl?.acct_mulaid_pay === 'number' && setl.acct_mulaid_pay > 0
}

/** The credential decode service read the request and refused the code itself (it answered in its contract). */
export class CredentialRefused extends PlatformError {
  constructor(message: string) {
    super('refused', message)
    this.name = 'CredentialRefused'
  }
}

/**
 * A downloaded file is not the one the platform announced (size or SHA-256): cut off, altered on the
 * way, or a gateway that answered something else. Nothing may be made of its bytes.
 */
export class FileCorrupt extends PlatformError {
  constructor(message: string) {
    super('malformed', message, '9102')
    this.name = 'FileCorrupt'
  }
}

export interface DownloadedFile {
  fileQuryNo: string
  filename: string
  content: Buffer
  sha256: string
  /** As 9102 announced it (null when the platform does not count the file's items). */
  itemCount: number | null
}

export interface CallAnswer<I extends Infno> {
  msgid: string
  output: AnswerOutput<I>
  warn?: string
  /** The answer exactly as it came, to be stored with its message. */
  raw: unknown
  /** Odd but usable (recorded for the manager). */
  oddities: string[]
  /** For a settlement: which acct_pay convention the amounts followed. */
  convention: AcctConvention | null
}

/** Who a message goes under: the 医保操作员 (opter, opter_name) the sign-in was taken for. */
export interface PlatformOperator {
  code: string
  name: string
}

/** A sign-in the gateway gave: its number, the operator it belongs to, and when it was taken. */
interface SignIn {
  signNo: string
  operator: PlatformOperator
  at: number
}

/**
 * Speaks the national interface: envelope, sign-in, and every answer parsed against its schema. It
 * never retries under a new msgid, and it retries under the same msgid only when the platform refused
 * the message before acting on it (an expired sign-in).
 *
 * A sign_no belongs to one operator, so a message always goes under the operator its sign_no was taken
 * for. Whose turn it is comes from `operatorNow` (the counter: the signed-in user's 医保操作员编码); when it
 * changes, the next message first signs the new operator in (and the old one out, if the profile says so).
 * Without it the client stays under the identity's operator (background work, the connection check).
 */
export class PlatformClient {
  private session: SignIn | undefined
  private signingIn: Promise<SignIn> | undefined
  private readonly id: z.output<typeof PlatformIdentitySchema>

  constructor(
    identity: PlatformIdentity,
    private readonly transport: PlatformTransport,
    private readonly msgids: MsgidSequence,
    private readonly clock: Clock,
    /** The gateway's profile (paths, infver, recer_sys_code, cainfo, sign-in period); the national default without it. */
    readonly profile: GatewayProfile = resolveProfile(),
    /** The operator of the moment; null or absent: the identity's own (the institution's default operator). */
    private readonly operatorNow?: () => PlatformOperator | null,
  ) {
    this.id = PlatformIdentitySchema.parse(identity)
  }

  /** The operator the next message goes under. */
  private wanted(): PlatformOperator {
    return this.operatorNow?.() ?? { code: this.id.opter, name: this.id.opterName }
  }

  /** A sign-in past the profile's renewal period (0: it never expires by time). */
  private stale(s: SignIn): boolean {
    const minutes = this.profile.signInRenewMinutes
    return minutes > 0 && this.clock.now().getTime() - s.at >= minutes * 60_000
  }

  /** Who the institution and operator are, as a credential plug-in is told. */
  get operator(): { orgId: string; operatorId: string; operatorName: string } {
    const op = this.wanted()
    return { orgId: this.id.fixmedinsCode, operatorId: op.code, operatorName: op.name }
  }

  get signedIn(): boolean {
    return this.session !== undefined
  }

  /** The sign-in in force (its number and operator), if any. */
  get signInNow(): { signNo: string; operatorCode: string } | undefined {
    return this.session && { signNo: this.session.signNo, operatorCode: this.session.operator.code }
  }

  async call<I extends Infno>(infno: I, input: TransactionInput<I>, opts: CallOptions = {}): Promise<CallAnswer<I>> {
    const msgid = opts.msgid ?? this.msgids.next()
    return this.underSignIn(infno, (s) => this.send(infno, input, msgid, opts, s))
  }

  /**
   * Runs a message under a valid sign-in of the operator of the moment: signs in first when there is none,
   * it is another operator's, or it is past the profile's period; and once more when the platform refused
   * the message for an expired sign-in (it did not act on it).
   */
  private async underSignIn<T>(infno: string, run: (s: SignIn) => Promise<T>): Promise<T> {
    const operator = this.wanted()
    const s = await this.signedInAs(operator)
    try {
      return await run(s)
    } catch (e) {
      if (e instanceof PlatformError && e.failure === 'refused' && infno !== '9001' && SIGN_IN_INVALID.test(e.message)) {
        if (this.session === s) this.session = undefined
        return run(await this.signedInAs(operator))
      }
      throw e
    }
  }

  /** A sign-in of this operator, taken now if the one in force is not theirs or is stale. One sign-in at a time. */
  private async signedInAs(operator: PlatformOperator): Promise<SignIn> {
    for (;;) {
      const s = this.session
      if (s && s.operator.code === operator.code && !this.stale(s)) return s
      if (this.signingIn) {
        await this.signingIn.catch(() => undefined)
        continue
      }
      return this.switchTo(operator)
    }
  }

  private switchTo(operator: PlatformOperator): Promise<SignIn> {
    const signing = (async () => {
      try {
        const old = this.session
        this.session = undefined
        // A failed sign-out must not hold the next customer up: the gateway lets the old sign_no lapse.
        if (old && old.operator.code !== operator.code && this.profile.signOutOnOperatorChange) await this.sendSignOut(old).catch(() => undefined)
        const none: SignIn = { signNo: '', operator, at: 0 }
        const { output } = await this.send('9001', { signIn: { opter_no: operator.code, mac: this.id.mac, ip: this.id.ip } }, this.msgids.next(), {}, none)
        this.session = { signNo: output.signinoutb.sign_no, operator, at: this.clock.now().getTime() }
        return this.session
      } finally {
        this.signingIn = undefined
      }
    })()
    this.signingIn = signing
    return signing
  }

  /** Signs the operator of the moment in anew, or joins a sign-in under way (the connection check's first step); answers the sign_no. */
  async signIn(): Promise<string> {
    return (await (this.signingIn ?? this.switchTo(this.wanted()))).signNo
  }

  async signOut(): Promise<void> {
    const s = this.session
    if (!s) return
    await this.sendSignOut(s)
    if (this.session === s) this.session = undefined
  }

  private async sendSignOut(s: SignIn): Promise<void> {
    await this.send('9002', { signOut: { sign_no: s.signNo, opter_no: s.operator.code } }, this.msgids.next(), {}, s)
  }

  /** QR code -> ecToken and identity, through the credential decode service. */
  async decodeQr(qrCode: string) {
    const raw = await this.transport.post(this.profile.ecQueryPath, {
      transType: 'ec.query',
      orgId: this.id.fixmedinsCode,
      data: { qrCode, businessType: '02121', operatorId: this.operator.operatorId, operatorName: this.operator.operatorName },
    })
    const parsed = ecQueryResponseSchema.safeParse(raw)
    if (!parsed.success) throw new PlatformError('malformed', '电子凭证解码服务的应答格式不正确')
    if (parsed.data.code !== 0 || !parsed.data.data) {
      throw new CredentialRefused(`医保电子凭证无法识别：${ecRefusalReason(parsed.data.message)}，请顾客刷新医保码后重扫`)
    }
    return parsed.data.data
  }

  /**
   * 9102 as the profile says the gateway hands files out. `raw-zip` (real gateways): the answer body is
   * the ZIP, proven whole by its CRC-32s. `link` (the sandbox's extension): JSON with size, SHA-256 and a
   * URL, then a signed GET to the gateway only, proven whole by the size and SHA-256. Throws FileCorrupt
   * when the file is not whole.
   */
  async downloadFile(fileQuryNo: string, filename?: string): Promise<DownloadedFile> {
    const input: TransactionInput<'9102'> = {
      fsDownloadIn: { file_qury_no: fileQuryNo, ...(filename ? { filename } : {}), fixmedins_code: this.id.fixmedinsCode },
    }
    if (this.profile.fileDownload === 'raw-zip') return this.downloadZip(input)
    if (!this.transport.download) throw new PlatformError('unreachable', '当前的医保平台连接不支持下载文件', '9102')
    const { output } = await this.call('9102', input)
    const meta = output.data
    let content: Buffer
    try {
      content = await this.transport.download(meta.download_url, { maxBytes: meta.size })
    } catch (e) {
      if (e instanceof DownloadTooLarge) throw new FileCorrupt(`下载的文件 ${meta.filename} 比医保平台声明的 ${meta.size} 字节大，已丢弃，请重新下载`)
      throw e
    }
    if (content.length !== meta.size) {
      throw new FileCorrupt(`下载的文件 ${meta.filename} 只有 ${content.length} 字节，医保平台声明 ${meta.size} 字节，已丢弃，请重新下载`)
    }
    const sha256 = createHash('sha256').update(content).digest('hex')
    if (sha256 !== meta.sha256.toLowerCase()) {
      throw new FileCorrupt(`下载的文件 ${meta.filename} 与医保平台声明的校验值（SHA-256）不符，已丢弃，请重新下载`)
    }
    return { fileQuryNo: meta.file_qury_no || fileQuryNo, filename: meta.filename || filename || fileQuryNo, content, sha256, itemCount: meta.item_count }
  }

  /**
   * 9102 on a gateway that answers the file itself: the ZIP as it came, once its CRC-32s prove it whole and
   * it holds exactly one file (what the catalog import reads). A JSON answer is the platform refusing.
   */
  private async downloadZip(input: TransactionInput<'9102'>): Promise<DownloadedFile> {
    const post = this.transport.postForFile?.bind(this.transport)
    if (!post) throw new PlatformError('unreachable', '当前的医保平台连接不支持下载文件', '9102')
    const fileQuryNo = input.fsDownloadIn.file_qury_no
    const answer = await this.underSignIn('9102', async (s) => {
      const got = await post(messagePath(this.profile, '9102'), this.envelope('9102', input, this.msgids.next(), {}, s))
      if (got.kind === 'zip') return got.bytes
      const outcome = judgeAnswer('9102', { arrived: true, raw: got.answer })
      if (outcome.kind === 'refused') throw new PlatformError('refused', outcome.message, '9102', { raw: got.answer, reasons: [], oddities: [] })
      throw new PlatformError('malformed', `医保平台 9102 没有发来 ZIP 文件（文件 ${fileQuryNo}）；请店长在「设置」中核对网关配置的文件下载方式`, '9102')
    })
    // Loaded when a file comes, not at start (~0.2 s of the shell's start).
    const { default: Zip } = await import('jszip')
    let zip: JSZip
    try {
      zip = await Zip.loadAsync(answer, { checkCRC32: true })
    } catch {
      throw new FileCorrupt(`医保平台发来的文件 ${fileQuryNo} 不是完整的 ZIP（或校验 CRC-32 不符），已丢弃，请重新下载`)
    }
    const entries = Object.values(zip.files).filter((f) => !f.dir)
    if (entries.length !== 1) throw new FileCorrupt(`医保平台发来的 ZIP（文件 ${fileQuryNo}）应只含一个文件，实含 ${entries.length} 个，已丢弃`)
    const inside = entries[0]!.name.replace(/^.*[\\/]/, '')
    return {
      fileQuryNo,
      filename: /\.zip$/i.test(inside) ? inside : `${inside}.zip`,
      content: answer,
      sha256: createHash('sha256').update(answer).digest('hex'),
      itemCount: null,
    }
  }

  /**
   * 9101 as real gateways take a file: the text zipped under its name, sent as `<name>.zip` (Zhejiang's
   * `*.txt.zip`), its bytes in `in` as the profile's file style says (base64 or a byte array).
   */
  async uploadFile(filename: string, content: Buffer, opts: CallOptions = {}): Promise<CallAnswer<'9101'>> {
    const { default: Zip } = await import('jszip')
    const zipped = await new Zip().file(filename, content).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    return this.call('9101', { fsUploadIn: { filename: `${filename}.zip`, in: zipped.toString('base64'), fixmedins_code: this.id.fixmedinsCode } }, opts)
  }

  /** The national envelope around an input, as this profile wants it. */
  private envelope(infno: Infno, given: unknown, msgid: string, opts: CallOptions, s: SignIn) {
    const input = infno === '9101' ? this.uploadInput(given as TransactionInput<'9101'>) : given
    return {
      infno,
      msgid,
      mdtrtarea_admvs: this.id.admdvs,
      insuplc_admdvs: opts.insuplcAdmdvs ?? '',
      recer_sys_code: recerSysCodeFor(this.profile, infno),
      infver: this.profile.infver,
      opter_type: '1',
      opter: s.operator.code,
      opter_name: s.operator.name,
      inf_time: wireTimeCst(this.clock.now()),
      fixmedins_code: this.id.fixmedinsCode,
      fixmedins_name: this.id.fixmedinsName,
      sign_no: s.signNo,
      input,
      // Some gateways want the input's SM3 beside it; the same JSON text that is sent is hashed.
      ...(this.profile.envelopeSign === 'sm3' ? { signtype: 'SM3', cainfo: createHash('sm3').update(JSON.stringify(input)).digest('hex') } : {}),
    }
  }

  /** 9101's bytes as this gateway takes them (the contract holds them as base64). */
  private uploadInput(input: TransactionInput<'9101'>) {
    return { ...input, fsUploadIn: { ...input.fsUploadIn, in: uploadBytes(this.profile, input.fsUploadIn.in) } }
  }

  private async send<I extends Infno>(infno: I, input: TransactionInput<I>, msgid: string, opts: CallOptions, s: SignIn): Promise<CallAnswer<I>> {
    const raw = await this.transport.post(messagePath(this.profile, infno), this.envelope(infno, input, msgid, opts, s))
    const outcome = judgeAnswer(infno, { arrived: true, raw }, opts.sale)
    const expected = this.profile.acctPay
    if (outcome.kind === 'committed' && expected !== 'either' && outcome.convention && outcome.convention !== expected && mutualAidPaid(outcome.output)) {
      // The region said which convention its acct_pay follows; an answer following the other one does not add up here.
      const why = `账户支付的口径与网关配置不符（配置为 ${expected}，应答为 ${outcome.convention}）`
      throw new PlatformError('rejected', `医保平台 ${infno} 的应答不能采用：${why}`, infno, { raw, reasons: [why], oddities: outcome.oddities })
    }
    switch (outcome.kind) {
      case 'unknown':
        throw new PlatformError('malformed', `${outcome.why}，结果未知`, infno, { raw, reasons: [outcome.why], oddities: [] })
      case 'refused':
        throw new PlatformError('refused', outcome.message, infno, { raw, reasons: [], oddities: [] })
      case 'rejected':
        throw new PlatformError('rejected', `医保平台 ${infno} 的应答不能采用：${outcome.reasons.join('；')}`, infno, {
          raw,
          reasons: outcome.reasons,
          oddities: outcome.oddities,
        })
      case 'committed':
        return { msgid, output: outcome.output, warn: outcome.warn ?? undefined, raw, oddities: outcome.oddities, convention: outcome.convention }
    }
  }
}
