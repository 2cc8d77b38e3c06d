import { FRONT_DESK } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { ClinicScreen } from './ClinicScreen'
import { CLINIC_LABEL } from './messages'

export const clinicWorkspace: Workspace = {
  id: 'clinic',
  label: CLINIC_LABEL,
  roles: FRONT_DESK,
  render: (props) => <ClinicScreen {...props} />,
}
