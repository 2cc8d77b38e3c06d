import type { CoreContext, CoreModule } from '../module'
import { refuseInStoreMode } from '../sync'

export function sessionModule(ctx: CoreContext): CoreModule<'sessionInfo' | 'login' | 'logout' | 'lockSession' | 'listUsers' | 'saveUser'> {
  const { session } = ctx
  return {
    handlers: {
      sessionInfo: () => session.info(),
      login: ({ userId, pin }) => session.login(userId, pin),
      logout: () => session.logout(),
      lockSession: () => session.lock(),
      listUsers: () => session.list(),
      saveUser: (input, caller) => {
        refuseInStoreMode(ctx.db, 'users')
        return session.save(input, caller)
      },
    },
    start: () => session.seedDemoUsers(),
  }
}
