import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { ManagerScreen } from './ManagerScreen'
import { StoreDayScreen } from './store/StoreDayScreen'
import { managerTab, storeTab } from './messages'

export const managerWorkspace: Workspace = {
  id: 'manager',
  label: managerTab,
  roles: MANAGER,
  render: (props) => <ManagerScreen {...props} />,
}

/** Store mode: the whole institution's day, kept by the store node; a standalone counter is told how to pair. */
export const storeWorkspace: Workspace = {
  id: 'store',
  label: storeTab,
  roles: MANAGER,
  render: () => <StoreDayScreen />,
}
