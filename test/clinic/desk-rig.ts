import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import { DEMO } from '../../electron/sandbox'
import { Counter } from '../sale/counter-rig'
import { signIn } from '../support/core-session'

export const CLINIC_CODE = DEMO.institutions.clinic.fixmedins_code

/**
 * A front desk's core on a real data directory in training mode: a manager turns the install into the
 * demo clinic (settings), then the receptionist signs in. Restarting on the same directory is a restart.
 */
export async function startDesk(dataDir: string, opts: { configure?: boolean } = {}): Promise<Desk> {
  const core = await createCore(
    { dataDir: join(dataDir, 'data'), shell: 'web', version: 'test' },
    { training: trainingPlatform(), log: process.env.DESK_LOG ? (e) => console.error(e) : () => {} },
  )
  const desk = new Desk(core)
  if (opts.configure !== false) {
    await signIn(core, 'manager')
    await desk.call('updateSettings', { fixmedinsCode: CLINIC_CODE, fixmedinsName: DEMO.institutions.clinic.fixmedins_name })
  }
  await signIn(core, 'receptionist')
  await desk.deskReady()
  return desk
}

export class Desk extends Counter {
  /** Training catalog imported (for drugs) and nothing open left from a previous run. */
  async deskReady() {
    for (let i = 0; i < 300; i++) {
      const found = await this.core.dispatch('clinicSearchItems', { query: 'SP00001' })
      const list = await this.core.dispatch('clinicListVisits', {})
      if (found.ok && (found.value as unknown[]).some((h) => (h as { code: string }).code === 'SP00001') && list.ok) {
        const open = await this.core.dispatch('clinicStatus', {})
        if (!open.ok || !(open.value as { recovering: boolean }).recovering) return
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('front desk not ready after 30 s')
  }

  async patient(key: string) {
    const codes = await this.call('clinicTrainingPatients', {})
    const code = codes.find((c) => c.key === key)
    if (!code) throw new Error(`no training patient ${key}`)
    return this.call('clinicIdentify', { qrCode: code.qrCode })
  }

  /** Registered, diagnosed, fees added and uploaded: ready to pre-settle. */
  async visit(
    key: string,
    medType: '11' | '13' | '14',
    diagnosis: { code: string; name: string },
    fees: { source: 'price_list' | 'catalog'; code: string; qty: string }[],
  ) {
    const member = await this.patient(key)
    let v = await this.call('clinicStartVisit', { memberRef: member.ref, medType, deptCode: 'NK01', doctorCode: 'D410103000102' })
    v = await this.call('clinicSetDiagnosis', { visitId: v.id, medType, diagnoses: [diagnosis] })
    for (const f of fees) v = await this.call('clinicAddFee', { visitId: v.id, ...f })
    v = await this.call('clinicUploadFees', { visitId: v.id })
    return { member, visit: v }
  }

  override async sandboxUrl() {
    return (await this.call('clinicStatus', {})).platform.url
  }

  async clinicLedger() {
    const res = await fetch(`${(await this.sandboxUrl()).replace(/\/$/, '')}/sandbox/ledger?fixmedins_code=${CLINIC_CODE}`)
    return (await res.json()) as { entries: { kind: string; infno: string; msgid: string; medfee_sumamt: number; acct_mulaid_pay: number; setl_id: string }[] }
  }

  async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${(await this.sandboxUrl()).replace(/\/$/, '')}/sandbox/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
}

export const HYPERTENSION = { code: 'I10.x00', name: '原发性高血压' }
export const URTI = { code: 'J06.900', name: '急性上呼吸道感染' }
export const CONSULT = { source: 'price_list' as const, code: 'FW0001' } // 普通门诊诊查费 10.00
export const NIFEDIPINE = { source: 'catalog' as const, code: 'SP00001' } // 硝苯地平缓释片(Ⅱ), 甲类, 18.50
export const AMLODIPINE = { source: 'catalog' as const, code: 'SP00002' } // 苯磺酸氨氯地平片, 甲类, 20.00
export const IRBESARTAN = { source: 'catalog' as const, code: 'SP00004' } // 厄贝沙坦片, 乙类 10 %, 32.50
