import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { CatalogScreen } from './CatalogScreen'

export const catalogWorkspace: Workspace = {
  id: 'catalog',
  label: { 'zh-CN': '商品目录', en: 'Catalog' },
  roles: MANAGER,
  render: () => <CatalogScreen />,
}
