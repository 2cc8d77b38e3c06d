import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { DevicesScreen } from './DevicesScreen'

export const devicesWorkspace: Workspace = {
  id: 'devices',
  label: { 'zh-CN': '设备', en: 'Devices' },
  roles: MANAGER,
  render: () => <DevicesScreen />,
}
