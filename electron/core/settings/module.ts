import { checkCredentialSource, PLATFORM_SECRET, gatewayEndpoint, validatedGatewayCa } from '../platform'
import { PosError, type Settings, type SettingsPatch } from '../../../shared/contract'
import type { CoreContext, CoreModule } from '../module'
import { schemaVersion } from '../../base/store/database'
import { anySaleInFlight } from '../ledger'
import { isPaired, refuseInStoreMode, refuseStoreSettingsInStoreMode } from '../sync'

export function settingsModule(
  ctx: CoreContext,
  startedAt: string,
): CoreModule<'appInfo' | 'getSettings' | 'updateSettings' | 'setLocale' | 'setPlatformSecret' | 'checkPlatformConnection' | 'checkCredentialSource'> {
  const { config, db, settings, audit, session, secrets } = ctx
  return {
    handlers: {
      appInfo: () => ({
        name: 'gongji-pos',
        version: config.version,
        shell: config.shell,
        schemaVersion: schemaVersion(db),
        dataDir: config.dataDir,
        startedAt,
        secretProtection: secrets.kind,
      }),
      getSettings: () => settings.get(),
      updateSettings: (input, caller) => {
        const patch = input.platformCaPem ? { ...input, platformCaPem: validatedGatewayCa(input.platformCaPem, ctx.clock.now()) } : input
        // Only the live gateway uses this address: refused now, not at the first sale, when it is plain http.
        if (patch.platformUrl) gatewayEndpoint(patch.platformUrl, { live: true })
        const before = settings.get()
        refuseStoreSettingsInStoreMode(db, before, patch)
        if (patch.trainingMode === false && before.trainingMode && !session.hasLiveManager()) {
          throw new PosError('TRAINING_SWITCH_REFUSED', { why: 'noManager' })
        }
        refuseLiveWithoutTerminalNo(before, patch)
        // A paired counter's number is the store node's allocation, which it checks every msgid against.
        if (patch.terminalNo !== undefined && patch.terminalNo !== before.terminalNo && isPaired(db)) {
          throw new PosError('TERMINAL_NO_FROM_STORE_NODE')
        }
        const switching = patch.trainingMode !== undefined && patch.trainingMode !== before.trainingMode
        if (switching && anySaleInFlight(db)) {
          // Their reversal must reach the platform they were sent to.
          throw new PosError('TRAINING_SWITCH_REFUSED', { why: 'reversalsPending' })
        }
        const after = db.transaction(() => {
          const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => before[k as keyof typeof before] !== v))
          if (Object.keys(changed).length) audit.append({ actor: caller.id, action: 'settings.changed', subject: 'settings', detail: changed })
          return settings.update(patch)
        })()
        if (patch.trainingMode !== undefined) session.onTrainingModeChanged(patch.trainingMode)
        return after
      },
      setLocale: ({ locale }) => settings.update({ locale }),
      setPlatformSecret: ({ secret }, caller) => {
        refuseInStoreMode(db, 'secret')
        db.transaction(() => {
          secrets.set(PLATFORM_SECRET, secret)
          audit.append({ actor: caller.id, action: 'settings.platform-secret', subject: 'settings', detail: {} })
        })()
        return { stored: true as const, sealedWith: secrets.kind }
      },
      checkPlatformConnection: async ({ testCertNo }, caller) => {
        const check = await ctx.platform.check(testCertNo)
        audit.append({ actor: caller.id, action: 'settings.connection-check', subject: 'settings', detail: { profileId: check.profileId, ok: check.ok } })
        return check
      },
      checkCredentialSource: async ({ source }, caller) => {
        const found = await checkCredentialSource(source, (await ctx.platform.background()).client)
        audit.append({ actor: caller.id, action: 'settings.credential-source-check', subject: 'settings', detail: { via: found.via, result: found.result } })
        return found
      },
    },
  }
}

/**
 * A live counter's msgids carry its terminal number; two counters of one institution sharing one issue
 * the same msgids, and the platform refuses or, worse, replays the other's answer. So a counter goes live
 * only with a number a manager assigned, and a live counter's number cannot be taken away. (Whether
 * another counter of the institution has the same number can only be checked once a store node keeps
 * the register: docs/manager.md.)
 */
function refuseLiveWithoutTerminalNo(before: Settings, patch: SettingsPatch): void {
  const live = (patch.trainingMode ?? before.trainingMode) === false
  const no = patch.terminalNo !== undefined ? patch.terminalNo : before.terminalNo
  const goingLive = patch.trainingMode === false && before.trainingMode
  if (live && no === null && (goingLive || patch.terminalNo === null)) {
    throw new PosError('TERMINAL_NO_REQUIRED', { why: 'goLive' })
  }
}
