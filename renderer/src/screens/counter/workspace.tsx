import { COUNTER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { CounterScreen } from './CounterScreen'

export const counterWorkspace: Workspace = {
  id: 'counter',
  label: { 'zh-CN': '收银', en: 'Counter' },
  roles: COUNTER,
  render: (props) => <CounterScreen {...props} />,
}
