import { FRONT_DESK } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { ClinicScreen } from './ClinicScreen'

export const clinicWorkspace: Workspace = {
  id: 'clinic',
  label: { 'zh-CN': '门诊', en: 'Clinic' },
  roles: FRONT_DESK,
  render: (props) => <ClinicScreen {...props} />,
}
