import { randomUUID } from 'node:crypto'
import { PosError } from '../../../shared/contract'
import { MemberViewSchema, type MemberView } from '../../../shared/contract/sale/schemas'
import { yuan } from '../../../shared/money/money'
import { INSUTYPES, PSN_TYPE_GROUPS, RELATIONS } from '../../../shared/nhsa/codes'
import { certificationsInForce, chooseInsurance, identityCategoriesOf, MULAID_QUERY_EXTENSION } from '../../../shared/nhsa/transactions/person'
import { maskIdNumber, maskName } from '../../../shared/receipt/mask'
import type { Member } from '../../../shared/sale/schemas'
import type { Clock } from '../../base/clock'
import { type PlatformClient, PlatformError, credentialReaderFor, type CredentialInput, type CredentialReader } from '../platform'
import { cstDay } from './cst'

/** A decoded QR code is good for one customer at the counter; after this the cashier scans again. */
export const MEMBER_TTL_MS = 10 * 60_000
const MAX_KEPT = 50

interface Entry {
  member: Member
  view: MemberView
  mulaidIds: Set<string>
  expires: number
}

const name = <T extends Record<string, string>>(table: T, code: string): string => (table as Record<string, string>)[code] ?? code

/**
 * Customers identified at this counter, in memory only: the screen gets a masked view and a reference;
 * the ecToken, the ID number and the psn_no never leave the core.
 */
export class MemberRegistry {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly clock: Clock,
    /** Called with the ID number and what 1101 said, so the customer can buy offline here later. */
    private readonly onIdentified?: (
      idCardNo: string,
      snapshot: { member: Omit<Member, 'certType' | 'certNo'>; view: Omit<MemberView, 'ref' | 'identifiedAt' | 'expiresAt'> },
    ) => void,
  ) {}

  /**
   * `storeChosenRelative`: the provincial extension whose 1101 lists relatives' quotas for the store to pick. Off
   * (the national interface) no quota is offered or accepted: the platform draws them itself when it settles.
   * `chronicDiseases`: the clinic asks 5301 which chronic diseases the person is certified for (med_type 14); the
   * counter has no use for them.
   */
  async identify(
    platform: PlatformClient,
    storeAdmdvs: string,
    by: CredentialInput,
    opts: { storeChosenRelative: boolean; chronicDiseases?: boolean; reader?: CredentialReader } = { storeChosenRelative: false },
  ): Promise<MemberView> {
    // Every credential goes through the one seam: the profile's decode service or plug-in, or a card read here.
    const cred = await (opts.reader ?? credentialReaderFor(platform)).read(by)
    const { certType, certNo } = cred
    const { output } = await platform.call('1101', {
      data: {
        mdtrt_cert_type: certType,
        mdtrt_cert_no: certNo,
        ...(cred.cardSn ? { card_sn: cred.cardSn } : {}),
        // Regions that check an ID card's holder want the person's certificate beside the credential.
        ...(certType === '02' && cred.idNo ? { psn_cert_type: '01', certno: cred.idNo } : {}),
        ...(opts.storeChosenRelative ? { exp_content: MULAID_QUERY_EXTENSION } : {}),
      },
    })
    const choice = chooseInsurance(output.insuinfo)
    const insu = choice?.row
    if (!choice || !insu) throw new PosError('MEMBER_NOT_INSURED')
    const base = output.baseinfo
    const certifications = opts.chronicDiseases
      ? await this.chronicDiseases(platform, base.psn_no, insu.insuplc_admdvs)
      : // An older sandbox put certified diseases among idetinfo's rows (with dise_codg); real gateways never do.
        output.idetinfo.filter((c) => c.dise_codg).map((c) => ({ code: c.dise_codg, name: c.dise_name }))
    const now = this.clock.now().getTime()
    const ref = randomUUID()
    const view: MemberView = {
      ref,
      nameMasked: maskName(base.psn_name),
      certNoMasked: maskIdNumber(base.certno),
      gender: base.gend === '1' ? '男' : base.gend === '2' ? '女' : '',
      age: Math.trunc(base.age),
      insutype: insu.insutype,
      insutypeName: name(INSUTYPES, insu.insutype),
      insuplcAdmdvs: insu.insuplc_admdvs,
      crossProvince: insu.insuplc_admdvs.slice(0, 2) !== storeAdmdvs.slice(0, 2),
      psnType: insu.psn_type,
      psnTypeName: name(PSN_TYPE_GROUPS, insu.psn_type.slice(0, 2)),
      insured: true,
      accountBalance: yuan(String(insu.balc)).toFixed(2),
      insuranceChoice: { reason: choice.reason, active: choice.active },
      identities: identityCategoriesOf(output.idetinfo).map((c) => ({ type: c.type, level: c.level, memo: c.memo })),
      quotas: ((opts.storeChosenRelative && output.mulaidinfo) || []).map((q) => ({
        mulaidId: q.mulaid_id,
        relation: q.relation,
        relationName: name(RELATIONS, q.relation),
        payerNameMasked: maskName(q.payer_psn_name),
        payerRegion: q.payer_insuplc_admdvs,
        remaining: yuan(String(q.quota_balc)).toFixed(2),
      })),
      certifications,
      identifiedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + MEMBER_TTL_MS).toISOString(),
    }
    const member: Member = {
      psnNo: base.psn_no,
      insuplcAdmdvs: insu.insuplc_admdvs,
      insutype: insu.insutype,
      psnType: insu.psn_type,
      certType,
      certNo,
      ...(cred.cardSn ? { cardSn: cred.cardSn } : {}),
      nameMasked: view.nameMasked,
    }
    if (base.certno) {
      const { ref: _r, identifiedAt: _i, expiresAt: _e, ...seen } = view
      const { certType: _t, certNo: _n, cardSn: _s, ...who } = member
      this.onIdentified?.(base.certno, { member: who, view: seen })
    }
    this.prune(now)
    this.entries.set(ref, { member, view, mulaidIds: new Set(view.quotas.map((q) => q.mulaidId)), expires: now + MEMBER_TTL_MS })
    return view
  }

  /** 5301: the chronic diseases the person is certified for today, each once. */
  private async chronicDiseases(platform: PlatformClient, psnNo: string, insuplcAdmdvs: string): Promise<MemberView['certifications']> {
    let output
    try {
      ;({ output } = await platform.call('5301', { data: { psn_no: psnNo } }, { insuplcAdmdvs }))
    } catch (e) {
      // A refused query certifies nothing: a general visit goes on, and a 14 visit is refused as uncertified.
      if (e instanceof PlatformError && e.failure === 'refused') return []
      throw e
    }
    const seen = new Map<string, string>()
    for (const r of certificationsInForce(output.feedetail, cstDay(this.clock.now())))
      if (!seen.has(r.opsp_dise_code)) seen.set(r.opsp_dise_code, r.opsp_dise_name)
    return [...seen].map(([code, name]) => ({ code, name }))
  }

  /** Offline: a customer known from an earlier online visit, identified now by ID card number (cert type 02). */
  adopt(snapshot: { member: Omit<Member, 'certType' | 'certNo'>; view: Omit<MemberView, 'ref' | 'identifiedAt' | 'expiresAt'> }, idCardNo: string): MemberView {
    const now = this.clock.now().getTime()
    const ref = randomUUID()
    // Parsed: a snapshot remembered by an older version lacks the fields added since, and gets their defaults.
    const view = MemberViewSchema.parse({
      ...snapshot.view,
      ref,
      identifiedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + MEMBER_TTL_MS).toISOString(),
    })
    const member: Member = { ...snapshot.member, certType: '02', certNo: idCardNo.toUpperCase() }
    this.prune(now)
    this.entries.set(ref, { member, view, mulaidIds: new Set(view.quotas.map((q) => q.mulaidId)), expires: now + MEMBER_TTL_MS })
    return view
  }

  /** Certified chronic diseases learnt after 1101 (the clinic's 5301) join the person's view, each code once. */
  certify(ref: string, certs: readonly { code: string; name: string }[]): MemberView {
    const e = this.entries.get(ref)
    if (!e) throw new PosError('MEMBER_EXPIRED', { why: 'tenMinutes' })
    const known = new Set(e.view.certifications.map((c) => c.code))
    e.view = { ...e.view, certifications: [...e.view.certifications, ...certs.filter((c) => !known.has(c.code))] }
    return e.view
  }

  /** The identity behind a reference, if it has not expired; a relative's quota must be one 1101 offered. */
  resolve(ref: string, mulaidId?: string): { member: Member; view: MemberView } {
    const e = this.entries.get(ref)
    if (!e || e.expires <= this.clock.now().getTime()) {
      this.entries.delete(ref)
      throw new PosError('MEMBER_EXPIRED', { why: 'tenMinutes' })
    }
    if (mulaidId && !e.mulaidIds.has(mulaidId)) throw new PosError('QUOTA_NOT_AVAILABLE', { who: 'customer' })
    return { member: e.member, view: e.view }
  }

  private prune(now: number) {
    for (const [k, e] of this.entries) if (e.expires <= now) this.entries.delete(k)
    while (this.entries.size >= MAX_KEPT) this.entries.delete(this.entries.keys().next().value!)
  }
}
