import type { Migration } from '../../../base/store/database'
import foundation from './0001_foundation'
import catalog from './0010_catalog'
import printJobs from './0020_print_jobs'
import journal from './0030_journal'
import users from './0040_users'
import clinic from './0070_clinic'
import dayClose from './0080_day_close'
import offline from './0090_offline'
import printKinds from './0100_print_kinds'
import offlineResolution from './0110_offline_resolution'
import platformAnswers from './0125_platform_answers'
import offlineHolds from './0130_offline_holds'
import auditMac from './0150_audit_mac'
import stock from './0160_stock'
import credentialsAtRest from './0170_credentials_at_rest'
import syncOutbox from './0200_sync_outbox'
import { heldSalesMigration } from '../../sale/held-sales-store'
import dayReadIndexes from './0240_day_read_indexes'
import { prescriptionDetailsMigration } from '../../sale/prescription-store'
import { refundSlipMigration } from '../../devices/printer/print-job-store'
import { saleDiscountsMigration } from '../../sale/discount-store'
import nationalUnits from './0340_national_units'
import outboxSaleLineLots from './0345_outbox_sale_line_lots'
import { mobilePayMigration } from '../../payment/mobile-pay-store'
import splitPacks from './0320_split_packs'
import stockUploads from './0330_stock_uploads'
import { shiftsMigration } from '../../shift/shift-migration'
import { supplementaryZMigration } from '../../manager/supplementary-z'
import { acrossCountersMigration } from '../../sync/across-migration'
import { masterDataMigration } from '../../sync/master-data/migration'
import { catalogQueueMigration } from '../../sync/master-data/catalog-queue-migration'
import { acrossStockMigration } from '../../sync/across-stock-migration'
import { offlinePoolMigration } from '../../sync/offline-pool-store'
import { userOperatorsMigration } from '../../session/operator-store'

/**
 * The core database's history, oldest first. Append only: never edit or reorder a migration that has
 * shipped; a database whose history differs is refused at start-up.
 */
export const coreMigrations: readonly Migration[] = [
  foundation,
  catalog,
  printJobs,
  journal,
  users,
  clinic,
  dayClose,
  offline,
  printKinds,
  offlineResolution,
  platformAnswers,
  offlineHolds,
  auditMac,
  stock,
  credentialsAtRest,
  syncOutbox,
  heldSalesMigration,
  dayReadIndexes,
  prescriptionDetailsMigration,
  refundSlipMigration,
  mobilePayMigration,
  splitPacks,
  stockUploads,
  nationalUnits,
  outboxSaleLineLots,
  shiftsMigration,
  supplementaryZMigration,
  saleDiscountsMigration,
  acrossCountersMigration,
  masterDataMigration,
  acrossStockMigration,
  offlinePoolMigration,
  userOperatorsMigration,
  catalogQueueMigration,
]
