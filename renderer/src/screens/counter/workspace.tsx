import { COUNTER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { CounterScreen } from './CounterScreen'
import { COUNTER_LABEL } from './messages'

export const counterWorkspace: Workspace = {
  id: 'counter',
  label: COUNTER_LABEL,
  roles: COUNTER,
  render: (props) => <CounterScreen {...props} />,
}
