import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { DevicesScreen } from './DevicesScreen'
import { devicesTab } from './messages'

export const devicesWorkspace: Workspace = {
  id: 'devices',
  label: devicesTab,
  roles: MANAGER,
  render: () => <DevicesScreen />,
}
