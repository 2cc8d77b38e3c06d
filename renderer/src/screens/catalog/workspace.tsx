import { MANAGER } from '../../../../shared/contract'
import type { Workspace } from '../../shell/workspace'
import { CatalogScreen } from './CatalogScreen'
import { catalogTab } from './messages'

export const catalogWorkspace: Workspace = {
  id: 'catalog',
  label: catalogTab,
  roles: MANAGER,
  render: () => <CatalogScreen />,
}
