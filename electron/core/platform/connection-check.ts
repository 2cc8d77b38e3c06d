import type { ConnectionCheck, ConnectionCheckStep } from '../../../shared/contract'
import { messagePath } from '../../../shared/nhsa/profiles'
import { maskIdNumber, maskName } from '../../../shared/receipt/mask'
import type { PlatformClient } from './client'
import { PlatformError, type PlatformFailure } from './errors'
import type { PlatformTransport } from './transport'

/** What one message was: as posted and as answered (the answer as it came, before any reading). */
interface Exchange {
  path: string
  sent: unknown
  received?: unknown
}

/** Records what goes through a transport, so the check can show the manager each message and its answer. */
export function recordingTransport(inner: PlatformTransport): PlatformTransport & { last(): Exchange | undefined } {
  let last: Exchange | undefined
  return {
    async post(path, body) {
      last = { path, sent: body }
      const answer = await inner.post(path, body)
      last.received = answer
      return answer
    },
    close: () => inner.close?.(),
    last: () => last,
  }
}

const ID_KEYS = new Set(['certno', 'mdtrt_cert_no', 'card_sn', 'psn_no', 'emp_no'])
const NAME_KEYS = new Set(['psn_name', 'emp_name'])

/** The exchange as the screen shows it: ID numbers and names masked, nothing else changed. */
function masked(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(masked)
  if (typeof v !== 'object' || v === null) return v
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      typeof x === 'string' && ID_KEYS.has(k) ? maskIdNumber(x) : typeof x === 'string' && NAME_KEYS.has(k) ? maskName(x) : masked(x),
    ]),
  )
}

const RESULT: Record<PlatformFailure, ConnectionCheckStep['result']> = {
  refused: 'refused',
  unreachable: 'not-sent',
  lost: 'no-answer',
  malformed: 'unreadable',
  rejected: 'unreadable',
}

/**
 * The manager's connection check (设置 → 平台连接检查): 9001, 1101 on the operator's test person, 1312 and
 * 9002 with the chosen profile and credentials, each step with what was sent, what came back and whether
 * it was read. None of them moves money; a step after a failed sign-in is skipped.
 */
export async function runConnectionCheck(
  client: PlatformClient,
  recorder: { last(): Exchange | undefined },
  target: { url: string; training: boolean },
  testCertNo: string,
): Promise<ConnectionCheck> {
  const steps: ConnectionCheckStep[] = []
  const step = async (infno: ConnectionCheckStep['infno'], run: () => Promise<unknown>, skip: boolean) => {
    const path = messagePath(client.profile, infno)
    if (skip) return steps.push({ infno, path, sent: '', received: '', result: 'skipped', message: '未签到，未发送' })
    const before = recorder.last()
    let result: ConnectionCheckStep['result'] = 'read'
    let message = '已读懂应答'
    let evidence: unknown
    try {
      await run()
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e
      result = RESULT[e.failure]
      message = e.message
      evidence = e.answer?.raw
    }
    const x = recorder.last()
    const mine = x !== before ? x : undefined
    const text = (v: unknown) => (v === undefined ? '' : JSON.stringify(masked(v), null, 2))
    steps.push({ infno, path: mine?.path ?? path, sent: text(mine?.sent), received: text(mine?.received ?? evidence), result, message })
  }
  await step('9001', () => client.signIn(), false)
  const signedIn = client.signedIn
  await step(
    '1101',
    () => client.call('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: testCertNo, psn_cert_type: '01', certno: testCertNo } }),
    !signedIn,
  )
  await step('1312', () => client.call('1312', { data: { page_num: 1, page_size: 1 } }), !signedIn)
  await step('9002', () => client.signOut(), !signedIn)
  return { profileId: client.profile.id, url: target.url, training: target.training, ok: steps.every((s) => s.result === 'read'), steps }
}
