import { expect, test } from 'vitest'
import { DEMO_USERS } from '../../electron/core/session/session-service'
import { WEB_TOKEN_HEADER as TOKEN_HEADER } from '../../shared/contract/names'
import type { CallResult } from '../../shared/contract'
import { startWebShellProcess } from '../support/web-shell-process'

test("`npm start`'s browser shell, run as its own process, practises on the training platform it starts inside itself", async () => {
  const shell = await startWebShellProcess()
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`${shell.origin}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token },
      body: JSON.stringify(input),
    })
    const result = (await res.json()) as CallResult
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }
  try {
    const cashier = DEMO_USERS.find((u) => u.role === 'cashier')!
    await call('login', { userId: cashier.id, pin: cashier.pin })
    const codes = await call<{ key: string; qrCode: string }[]>('trainingMembers', {})
    const member = await call<{ nameMasked: string }>('identifyMember', { qrCode: codes[0].qrCode })
    expect(member.nameMasked).toContain('*')
    const status = await call<{ platform: { training: boolean; url: string } }>('journalStatus', {})
    expect(status.platform).toMatchObject({ training: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })
  } finally {
    expect(await shell.stop()).toBe(0)
  }
})
