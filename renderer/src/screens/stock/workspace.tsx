import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { StockScreen } from './StockScreen'

export const stockWorkspace: Workspace = {
  id: 'stock',
  label: { 'zh-CN': '库存', en: 'Stock' },
  roles: MANAGER,
  render: () => <StockScreen />,
}
