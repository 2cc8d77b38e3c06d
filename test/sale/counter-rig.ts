import { join } from 'node:path'
import { createCore, type Core } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { CallInput, CallName, CallOutput } from '../../shared/contract'
import { signIn } from '../support/core-session'

/** A counter's core on a real data directory, in training mode (its own sandbox platform in-process). */
export async function startCounter(dataDir: string): Promise<Counter> {
  const core = await createCore({ dataDir: join(dataDir, 'data'), shell: 'web', version: 'test' }, { training: trainingPlatform(), log: () => {} })
  const counter = new Counter(core)
  await counter.ready()
  return counter
}

export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`)
  }
}

export class Counter {
  constructor(readonly core: Core) {}

  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const res = await this.core.dispatch(name, input)
    if (!res.ok) throw new CallFailed(res.error.code, res.error.message)
    return res.value as CallOutput<K>
  }

  /** Resolves with the error code a call fails with (and fails the test if it succeeds). */
  async refused<K extends CallName>(name: K, input: CallInput<K>): Promise<string> {
    const res = await this.core.dispatch(name, input)
    if (res.ok) throw new Error(`${name} was expected to fail`)
    return res.error.code
  }

  /** Signed in as the demo cashier, with the training catalog imported and start-up recovery done. */
  async ready() {
    await signIn(this.core, 'cashier')
    for (let i = 0; i < 300; i++) {
      const found = await this.core.dispatch('lookupStoreCode', { storeCode: 'SG00001' })
      const status = await this.core.dispatch('journalStatus', {})
      if (found.ok && status.ok && !(status.value as { recovering: boolean }).recovering) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('training catalog or recovery not ready after 30 s')
  }

  async member(key: string) {
    const codes = await this.call('trainingMembers', {})
    const code = codes.find((c) => c.key === key)
    if (!code) throw new Error(`no training member ${key}`)
    return this.call('identifyMember', { qrCode: code.qrCode })
  }

  async sandboxUrl() {
    return (await this.call('journalStatus', {})).platform.url
  }

  async ledger() {
    const res = await fetch(`${(await this.sandboxUrl()).replace(/\/$/, '')}/sandbox/ledger?fixmedins_code=P41010500218`)
    return (await res.json()) as { entries: { kind: string; msgid: string; acct_mulaid_pay: number; setl_id: string }[] }
  }

  /** The quotas granted to a person, as the sandbox's administration shows them (the counter never sees them). */
  async quotasOf(psnNo: string) {
    const res = await fetch(`${(await this.sandboxUrl()).replace(/\/$/, '')}/sandbox/persons/${psnNo}`)
    return ((await res.json()) as { as_beneficiary: { mulaid_id: string; quota_balc: number }[] }).as_beneficiary
  }

  close() {
    return this.core.close()
  }
}

/** A fresh 20-digit traceability code per box: first 7 digits name the product. */
let serial = 0
export function traceCode(product = '8100001'): string {
  serial += 1
  return product + String(Date.now() % 1e7).padStart(7, '0') + String(serial).padStart(6, '0')
}
