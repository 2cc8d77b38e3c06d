import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { ManagerScreen } from './ManagerScreen'
import { StoreDayScreen } from './store/StoreDayScreen'

export const managerWorkspace: Workspace = {
  id: 'manager',
  label: { 'zh-CN': '店长', en: 'Manager' },
  roles: MANAGER,
  render: (props) => <ManagerScreen {...props} />,
}

/** Store mode: the whole institution's day, kept by the store node; a standalone counter is told how to pair. */
export const storeWorkspace: Workspace = {
  id: 'store',
  label: { 'zh-CN': '门店', en: 'Store' },
  roles: MANAGER,
  render: () => <StoreDayScreen />,
}
