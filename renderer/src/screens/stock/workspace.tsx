import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { StockScreen } from './StockScreen'
import { stockTab } from './messages'

export const stockWorkspace: Workspace = {
  id: 'stock',
  label: stockTab,
  roles: MANAGER,
  render: () => <StockScreen />,
}
