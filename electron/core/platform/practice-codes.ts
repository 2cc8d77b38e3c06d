import { PosError } from '../../../shared/contract'
import { maskName } from '../../../shared/receipt/mask'
import type { RunningTrainingPlatform } from './training-port'

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
export function practiceCodes(training: RunningTrainingPlatform | undefined, stories: Readonly<Record<string, string>>, now: Date): PracticeCode[] {
  if (!training) throw new PosError('NOT_TRAINING', { why: 'platformStarting' })
  return Object.entries(stories).map(([key, story]) => {
    const code = training.practiceCode(key, now)
    return { key, nameMasked: maskName(code.name), story, qrCode: code.qrCode }
  })
}
