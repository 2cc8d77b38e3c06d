import { join } from 'node:path'
import { createCore } from '../../electron/core/core'
import { trainingPlatform } from '../../electron/sandbox/training'
import type { PayFaults } from '../../electron/sandbox/pay/pay-faults'
import { Counter } from '../sale/counter-rig'

/** A counter in training mode whose 付款码 waits are short, with the training payment provider reachable over HTTP. */
export async function startPayCounter(dataDir: string, timing = { pollMs: 40, deadlineMs: 1_500 }): Promise<PayCounter> {
  const core = await createCore(
    { dataDir: join(dataDir, 'data'), shell: 'web', version: 'test', mobilePay: timing },
    { training: trainingPlatform(), log: () => {} },
  )
  const counter = new PayCounter(core)
  await counter.ready()
  return counter
}

export { alipayCode, wechatCode } from '../support/pay-codes'

export class PayCounter extends Counter {
  async payUrl(): Promise<string> {
    const url = (await this.call('journalStatus', {})).platform.paymentsUrl
    if (!url) throw new Error('no training payment provider')
    return url
  }

  async faults(f: Partial<PayFaults>) {
    const res = await fetch(`${await this.payUrl()}/pay-sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(f),
    })
    if (!res.ok) throw new Error(`faults: ${await res.text()}`)
  }

  /** The provider's own books: what each trade holds. */
  async trades(): Promise<{ outTradeNo: string; totalFee: number; state: string; refundedFee: number }[]> {
    return (await fetch(`${await this.payUrl()}/pay-sandbox/trades`)).json() as never
  }
}
