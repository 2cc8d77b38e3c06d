import { PosError } from '../../../shared/contract'
import { maskName } from '../../../shared/receipt/mask'
import type { RunningSandbox } from '../../sandbox'
import { DEMO_PEOPLE } from '../../sandbox/demo/people'
import { issueQrCode } from '../../sandbox/domain/credentials'

export type DemoPersonKey = keyof typeof DEMO_PEOPLE

export interface PracticeCode {
  key: string
  nameMasked: string
  story: string
  qrCode: string
}

/**
 * Training mode: a fresh practice QR code from the training platform for each demo person named, with
 * the story a trainee reads beside it. Each code is good once and for a few minutes, like a real one.
 */
export function practiceCodes(sandbox: RunningSandbox | undefined, stories: Partial<Record<DemoPersonKey, string>>, now: Date): PracticeCode[] {
  if (!sandbox) throw new PosError('NOT_TRAINING', '练习平台尚未启动，请稍候')
  return (Object.entries(stories) as [DemoPersonKey, string][]).map(([key, story]) => {
    const person = DEMO_PEOPLE[key]
    return { key, nameMasked: maskName(person.name), story, qrCode: issueQrCode(sandbox.db, person.psn_no, now).qrcode }
  })
}
