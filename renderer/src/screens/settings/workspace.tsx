import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { SettingsScreen } from './SettingsScreen'

export const settingsWorkspace: Workspace = {
  id: 'settings',
  label: { 'zh-CN': '设置', en: 'Settings' },
  roles: MANAGER,
  render: (props) => <SettingsScreen {...props} />,
}
