import type { CatalogFileItem } from '../../../shared/nhsa/catalog-file'
import type { RegionPolicy } from '../../../shared/settlement/policy'

/**
 * Training mode's platform, as the core needs it. The simulator of the national platform ships with the
 * product (a fresh install practises at once), but the core reaches it only through this port: the
 * shells and the tests hand an implementation to `createCore`, and the core never imports the simulator.
 */
export interface TrainingPlatform {
  /** Starts the training platform on loopback, its data kept in `dataDir` so a restart keeps what practice changed. */
  start(dataDir: string): Promise<RunningTrainingPlatform>
  /** The demo national lists and the demo pharmacy's goods: the training catalog a new cashier practises on. */
  catalog(): TrainingCatalog
  /** The demo regions' outpatient policies, the very terms the training platform settles with (the offline estimate's seed). */
  policies(): readonly RegionPolicy[]
}

export interface TrainingCatalog {
  /** The national lists' items (western and Chinese patent medicines, herbal pieces), as in a 1301/1306 file. */
  nationalItems: CatalogFileItem[]
  /** The demo pharmacy's store items, as the store-items CSV a manager imports. */
  storeItemsCsv: string
}

export interface RunningTrainingPlatform {
  readonly url: string
  readonly paasid: string
  readonly secret: string
  /**
   * A fresh practice QR code for the demo person `person` (a key of the simulator's demo people), good
   * once and for a few minutes like a real one, with the person's unmasked name.
   */
  practiceCode(person: string, now: Date): { name: string; qrCode: string }
  /** The training payment provider (付款码) beside the platform: where it listens and the merchant's credentials. */
  readonly payments?: { url: string; merchantId: string; key: string }
  close(): Promise<void>
}
