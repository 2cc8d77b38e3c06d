import { catalogWorkspace } from './screens/catalog/workspace'
import { clinicWorkspace } from './screens/clinic/workspace'
import { counterWorkspace } from './screens/counter/workspace'
import { devicesWorkspace } from './screens/devices/workspace'
import { managerWorkspace, storeWorkspace } from './screens/manager/workspace'
import { settingsWorkspace } from './screens/settings/workspace'
import { stockWorkspace } from './screens/stock/workspace'
import type { Workspace } from './shell/workspace'

/** The app's tabs in order; each is shown only to the roles it names (Alt+1, Alt+2... switch). */
export const WORKSPACES: readonly Workspace[] = [
  counterWorkspace,
  clinicWorkspace,
  catalogWorkspace,
  stockWorkspace,
  devicesWorkspace,
  managerWorkspace,
  storeWorkspace,
  settingsWorkspace,
]
