import { expect, test } from 'vitest'
import { joinHandlers } from '../../electron/core/core'
import type { CoreModule } from '../../electron/core/module'
import { CALL_NAMES, type CallName } from '../../shared/contract'

/** A handler table that names every call given; what the handlers do does not matter to the join. */
function tableOf<K extends CallName>(names: readonly K[]): CoreModule<K> {
  return { handlers: Object.fromEntries(names.map((n) => [n, () => n])) } as unknown as CoreModule<K>
}

test('the modules join into one table only when every call of the contract has a handler (checked by the compiler)', () => {
  const appInfo = tableOf(['appInfo'])
  const others = tableOf(CALL_NAMES.filter((n): n is Exclude<CallName, 'appInfo'> => n !== 'appInfo'))

  const whole = joinHandlers([others, appInfo])
  expect(Object.keys(whole).sort()).toEqual([...CALL_NAMES].sort())

  // @ts-expect-error 'appInfo' is answered by no module: a compile error, where it used to be an INTERNAL at run time.
  const holed = joinHandlers([others])
  expect('appInfo' in holed).toBe(false)
})
