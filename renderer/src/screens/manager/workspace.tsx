import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { ManagerScreen } from './ManagerScreen'

export const managerWorkspace: Workspace = {
  id: 'manager',
  label: { 'zh-CN': '店长', en: 'Manager' },
  roles: MANAGER,
  render: (props) => <ManagerScreen {...props} />,
}
